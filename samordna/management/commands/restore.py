"""`samordna restore FILE`: a backup into a new, empty database (SQLite or PostgreSQL)."""

from django.core.management.base import BaseCommand, CommandError

from samordna.backup import RestoreError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `samordna backup` into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file")

    def handle(self, *args, **options):
        try:
            with open(options["file"], encoding="utf-8") as stream:
                rows = restore_backup(stream)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        except RestoreError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{rows} rows restored from {options['file']}.")
