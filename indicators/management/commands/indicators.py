"""`samordna indicators --plan SLUG --format json|text`: a plan's indicators and their values."""

import json

from django.core.management.base import BaseCommand

from indicators.charts import describe
from indicators.series import plan_indicators
from plans.management.lookup import plan_from_option


class Command(BaseCommand):
    help = "List a plan's indicators with baseline, target and values."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, **options):
        plan = plan_from_option(options["plan"])
        indicators = plan_indicators(plan)
        if options["format"] == "json":
            self.stdout.write(json.dumps(indicators, ensure_ascii=False, indent=2))
        else:
            for indicator in indicators:
                self.stdout.write(describe(indicator))
