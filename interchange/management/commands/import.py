"""`samordna import FILE.json`: load a plan from a samordna/plan@1 file, all or nothing."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from interchange.load import load_plan
from interchange.schema import InvalidPlan, validate


class Command(BaseCommand):
    help = "Import a plan from a samordna/plan@1 JSON file."

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
            if options["dry_run"]:
                validate(document)
                self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
                return
            plan = load_plan(document, slug=options["slug"], published=options["publish"])
        except InvalidPlan as error:
            raise CommandError(
                "The plan was not imported; nothing was saved:\n  " + "\n  ".join(error.errors)
            ) from None
        self.stdout.write(
            f"Imported “{plan.title}” as {plan.slug} ({plan.measures.count()} measures)."
        )


def read_document(path):
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
