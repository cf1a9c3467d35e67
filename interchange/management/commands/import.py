"""`samordna import FILE.json`: load a plan from a samordna/plan@1 file, all or nothing."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from interchange.load import load_plan
from interchange.schema import InvalidPlan, validate


class Command(BaseCommand):
    help = "Import a plan from samordna/plan@1 JSON, or recognise it in a .docx, .xlsx, .csv, .pdf, .txt, .md or .html file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the file, or - for standard input")
        parser.add_argument(
            "--slug", help="short name for the plan (made from the title if left out)"
        )
        parser.add_argument("--publish", action="store_true", help="make the plan public")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and print the plan; save nothing"
        )
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        document = read_document(options["file"])
        try:
            validate(document)
            if options["dry_run"]:
                self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
                return
            from imports import fill_status_dates

            # A document's statuses may carry no date; they count as of today.
            plan = load_plan(
                fill_status_dates(document), slug=options["slug"], published=options["publish"]
            )
        except InvalidPlan as error:
            raise CommandError(
                "The plan was not imported; nothing was saved:\n  " + "\n  ".join(error.errors)
            ) from None
        self.stdout.write(
            f"Imported “{plan.title}” as {plan.slug} ({plan.measures.count()} measures)."
        )


def read_document(path):
    """The plan in a JSON file, or recognised in a document (Word, Excel, PDF, text…)."""
    if path != "-" and not path.lower().endswith(".json"):
        from imports import recognise_path
        from imports.errors import UnreadableFile

        try:
            result = recognise_path(path)
        except UnreadableFile as error:
            raise CommandError(str(error)) from None
        for note in result.notes:
            sys.stderr.write(note + "\n")
        return result.document
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8-sig") as handle:
                text = handle.read()
    except FileNotFoundError:
        raise CommandError(f"There is no file {path}.") from None
    except UnicodeDecodeError:
        raise CommandError(
            f"{path} is not a UTF-8 text file; expected samordna/plan@1 JSON."
        ) from None
    except OSError as error:
        raise CommandError(f"{path} cannot be read: {error.strerror}.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CommandError(
            f"{path} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        ) from None
    except RecursionError:
        raise CommandError(f"{path} nests too deep to be a plan.") from None
