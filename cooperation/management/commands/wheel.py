"""`samordna wheel --plan SLUG --output FILE.svg [--year YYYY]`: the plan's annual wheel."""

from django.core.management.base import BaseCommand
from django.utils import timezone, translation

from cooperation.wheel import events_in_year, wheel_svg
from plans.management.lookup import plan_from_option


class Command(BaseCommand):
    help = "Write a plan's annual wheel as an SVG picture."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--output", required=True, help="the .svg file to write")
        parser.add_argument("--year", type=int, help="the year (default: this year)")

    def handle(self, *args, **options):
        plan = plan_from_option(options["plan"])
        year = options["year"] or timezone.localdate().year
        with translation.override(plan.language):
            events = events_in_year(plan, year)
            svg = wheel_svg(plan, year, events)
        with open(options["output"], "w", encoding="utf-8") as handle:
            handle.write(svg)
        self.stdout.write(f"Wrote {options['output']} ({len(events)} dates in {year}).")
