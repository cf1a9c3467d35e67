"""`samordna calendar --plan SLUG --output FILE.ics`: the plan's iCalendar feed as a file."""

from django.core.management.base import BaseCommand

from cooperation.feeds import plan_feed
from plans.management.lookup import plan_from_option


class Command(BaseCommand):
    help = "Write a plan's calendar (meetings, annual wheel, deadlines) as an .ics file."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--output", required=True, help="the .ics file to write")

    def handle(self, *args, **options):
        plan = plan_from_option(options["plan"])
        content = plan_feed(plan)
        with open(options["output"], "wb") as handle:
            handle.write(content)
        self.stdout.write(f"Wrote {options['output']} ({content.count(b'BEGIN:VEVENT')} events).")
