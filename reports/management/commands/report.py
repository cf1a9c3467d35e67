"""`samordna report --plan SLUG --as-of DATE`: counts and shares of states as of a date."""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from plans.models import Plan
from reports.summary import summarise


class Command(BaseCommand):
    help = "Print a plan's status counts and shares as of a date."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--as-of", help="date as YYYY-MM-DD (default: today)")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, **options):
        plan = Plan.objects.filter(slug=options["plan"]).first()
        if plan is None:
            raise CommandError(
                f"There is no plan “{options['plan']}”. `samordna plans` lists the plans."
            )
        as_of = timezone.localdate()
        if options["as_of"]:
            try:
                as_of = datetime.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError(
                    f"“{options['as_of']}” is not a date; use the form YYYY-MM-DD."
                ) from None
        summary = summarise(plan, as_of)
        if options["format"] == "json":
            self.stdout.write(json.dumps(summary.as_json(), indent=2))
            return
        self.stdout.write(f"{plan.title} — status as of {as_of.isoformat()}")
        for row in summary.legend():
            self.stdout.write(f"  {row['label']:<34} {row['count']:>4}  {row['share']:>3} %")
        self.stdout.write(f"  {'Total':<34} {summary.total:>4}  100 %")
