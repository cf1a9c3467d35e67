"""`samordna plans`: list the plans with their short names."""

import json

from django.core.management.base import BaseCommand

from plans.models import Plan


class Command(BaseCommand):
    help = "List plans with slug and title."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        plans = Plan.objects.order_by("title")
        if options["format"] == "json":
            rows = [
                {"slug": p.slug, "title": p.title, "kind": p.kind, "published": p.published}
                for p in plans
            ]
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for plan in plans:
            self.stdout.write(f"{plan.slug}\t{plan.title}")
