"""`samordna status-sheet --plan SLUG [--as-of DATE] --output FILE.xlsx`: the status sheet."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from followup.sheet import status_sheet
from plans.management.lookup import date_from_option, plan_from_option


class Command(BaseCommand):
    help = "Write a plan's status as of a date to an Excel sheet, one row per measure."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--as-of", help="YYYY-MM-DD (today if left out)")
        parser.add_argument("--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, **options):
        plan = plan_from_option(options["plan"])
        as_of = date_from_option(options["as_of"], "--as-of") or timezone.localdate()
        Path(options["output"]).write_bytes(status_sheet(plan, as_of))
        self.stdout.write(f"Wrote the status of {plan.slug} as of {as_of} to {options['output']}.")
