"""`samordna status-import FILE.xlsx --plan SLUG --as-of DATE [--dry-run] [--user NAME]`."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from followup.sheet import UnreadableSheet, apply_changes, plan_changes, read_sheet, result_json
from plans.management.lookup import date_from_option, plan_from_option


class Command(BaseCommand):
    help = (
        "Read an edited status sheet back: one status update per changed row, or nothing "
        "at all when any row has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the edited .xlsx file")
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--as-of", required=True, help="YYYY-MM-DD: the status's date")
        parser.add_argument("--dry-run", action="store_true", help="show the changes; write none")
        parser.add_argument(
            "--user", help="write as this user, with that user's rights (default: no limit)"
        )
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        plan = plan_from_option(options["plan"])
        as_of = date_from_option(options["as_of"], "--as-of")
        if as_of is None:
            raise CommandError("--as-of: give the status's date as YYYY-MM-DD.")
        if as_of > timezone.localdate():
            raise CommandError("A status can only be given for today or an earlier date.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user “{options['user']}”.")
        try:
            rows = read_sheet(Path(options["file"]).read_bytes())
        except (OSError, UnreadableSheet) as error:
            raise CommandError(str(error)) from None
        result = plan_changes(plan, rows, as_of, user)
        written = None
        if not options["dry_run"] and not result.problems:
            written = len(apply_changes(plan, result, as_of, user))
        self.stdout.write(
            json.dumps(result_json(plan, result, as_of, written), ensure_ascii=False, indent=2)
        )
        if result.problems:
            raise CommandError(
                "The file was refused; nothing was written:\n  "
                + "\n  ".join(f"row {row}: {message}" for row, message in result.problems)
            )
