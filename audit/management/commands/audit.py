"""`samordna audit --plan SLUG [--since YYYY-MM-DD] --format json|text`: a plan's trail."""

import json

from django.core.management.base import BaseCommand

from audit.trail import entry_as_dict, entry_as_text, plan_trail
from plans.management.lookup import date_from_option, plan_from_option


class Command(BaseCommand):
    help = "Print who changed what in a plan and everything belonging to it, newest first."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--since", help="only changes on or after this date (YYYY-MM-DD)")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, **options):
        plan = plan_from_option(options["plan"])
        since = date_from_option(options["since"], "--since")
        entries = plan_trail(plan, since).iterator(chunk_size=500)
        if options["format"] == "json":
            trail = {"plan": plan.slug, "since": options["since"], "changes": []}
            trail["changes"] = [entry_as_dict(entry) for entry in entries]
            self.stdout.write(json.dumps(trail, ensure_ascii=False, indent=2))
        else:
            for entry in entries:
                self.stdout.write(entry_as_text(entry))
