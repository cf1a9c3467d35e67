"""`samordna export --plan SLUG --format json`: write a plan as samordna/plan@1 JSON."""

from django.core.management.base import BaseCommand

from interchange.export import export_json
from plans.management.lookup import plan_from_option


class Command(BaseCommand):
    help = "Export a plan in the samordna/plan@1 interchange format."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--format", choices=["json"], default="json")
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, *args, **options):
        plan = plan_from_option(options["plan"])
        text = export_json(plan)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
