"""`samordna status-sheet --plan SLUG [--as-of DATE] --output FILE.xlsx`: the status sheet."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from followup.sheet import status_sheet
from plans.models import Plan


def parse_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a date in the form YYYY-MM-DD.") from None


def plan_by_slug(slug):
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None:
        raise CommandError(f"There is no plan “{slug}”; `samordna plans` lists them.")
    return plan


class Command(BaseCommand):
    help = "Write a plan's status as of a date to an Excel sheet, one row per measure."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--as-of", help="YYYY-MM-DD (today if left out)")
        parser.add_argument("--output", required=True, help="the .xlsx file to write")

    def handle(self, *args, **options):
        plan = plan_by_slug(options["plan"])
        as_of = parse_date(options["as_of"]) if options["as_of"] else timezone.localdate()
        Path(options["output"]).write_bytes(status_sheet(plan, as_of))
        self.stdout.write(f"Wrote the status of {plan.slug} as of {as_of} to {options['output']}.")
