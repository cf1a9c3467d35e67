"""`samordna report --plan SLUG --as-of DATE --format pdf|docx|xlsx|csv|json|text`."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plans.management.lookup import date_from_option, plan_from_option
from reports import formats
from reports.report import Filters, build_report, compare_reports


class Command(BaseCommand):
    help = "Write a plan's status report as of a date (the same report as the web page)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--as-of", help="date as YYYY-MM-DD (default: today)")
        parser.add_argument("--compare", help="also show the changes since this date")
        parser.add_argument(
            "--format", choices=[*formats.FORMATS, "text"], default="json", help="output format"
        )
        parser.add_argument("--output", help="file to write (needed for pdf, docx and xlsx)")
        parser.add_argument("--language", help="language of labels (default: the plan's)")
        for name in ("area", "responsible", "scope", "kind", "state"):
            parser.add_argument(f"--{name}", default="", help=f"only measures with this {name}")

    def handle(self, *args, **options):
        plan = plan_from_option(options["plan"])
        as_of = timezone.localdate()
        if options["as_of"]:
            as_of = date_from_option(options["as_of"], "--as-of")
        fmt = options["format"]
        if fmt in ("pdf", "docx", "xlsx") and not options["output"]:
            raise CommandError(f"--format {fmt} writes a file: give it with --output FILE.")
        filters = Filters.from_query(
            {k: str(options[k] or "") for k in ("area", "responsible", "scope", "kind", "state")}
        )
        with translation.override(options["language"] or plan.language):
            report = build_report(plan, as_of, filters)
            comparison = None
            if options["compare"]:
                before = build_report(
                    plan, date_from_option(options["compare"], "--compare"), filters
                )
                comparison = compare_reports(before, report)
            if fmt == "text":
                content = self.text(report).encode()
            else:
                content = formats.render(fmt, report, comparison)
        if options["output"]:
            with open(options["output"], "wb") as handle:
                handle.write(content)
            self.stderr.write(f"Wrote {options['output']} ({len(content)} bytes).")
        else:
            sys.stdout.flush()
            self.stdout.write(content.decode("utf-8-sig"), ending="")

    def text(self, report):
        from followup.models import State

        lines = [f"{report['plan']['title']} — status as of {report['as_of']}"]
        summary = report["summary"]
        for state, count in summary["counts"].items():
            lines.append(f"  {State(state).label:<34} {count:>4}  {summary['shares'][state]:>3} %")
        lines.append(
            f"  {str(_('Total')):<34} {summary['total']:>4}  {sum(summary['shares'].values()):>3} %"
        )
        return "\n".join(lines) + "\n"
