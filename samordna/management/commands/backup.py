"""`samordna backup --output FILE`: the whole installation in one file, while it runs."""

import contextlib
import os

from django.core.management.base import BaseCommand, CommandError

from samordna.backup import write_backup


class Command(BaseCommand):
    help = "Write every plan, its history, users, rounds, reports and the audit trail to a file."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="the file to write (JSON)")

    def handle(self, *args, **options):
        # Written beside the target first, so a failed backup never leaves half a file.
        partial = options["output"] + ".partial"
        try:
            with open(partial, "w", encoding="utf-8") as stream:
                rows = write_backup(stream)
            os.replace(partial, options["output"])
        except OSError as error:
            raise CommandError(f"Cannot write {options['output']}: {error.strerror}.") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.remove(partial)
        self.stdout.write(f"{rows} rows written to {options['output']}.")
