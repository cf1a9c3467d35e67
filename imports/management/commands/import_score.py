"""`samordna import-score GOLD.json PREDICTED.json`: how well an import matches a plan.

Prints measure precision, recall and F1 and the accuracy of area, responsible, kind and
status among matched measures (see imports/score.py for how measures are matched).
PREDICTED may also be a document in any format the importer reads; it is recognised first.

`samordna import-score --corpus DIR [--part dev|heldout]` recognises every document of a
corpus folder and prints per-document, per-shape and pooled figures (imports/corpus.py).
"""

import json

from django.core.management.base import BaseCommand, CommandError

from imports.errors import UnreadableFile
from imports.score import score, table


class Command(BaseCommand):
    help = "Score a recognised plan against a hand-made samordna/plan@1 file."

    def add_arguments(self, parser):
        parser.add_argument("gold", nargs="?", help="the hand-made plan (samordna/plan@1 JSON)")
        parser.add_argument(
            "predicted",
            nargs="?",
            help="the recognised plan (JSON), or a document to recognise first",
        )
        parser.add_argument(
            "--corpus", help="a folder of documents, each beside its <name>.gold.json"
        )
        parser.add_argument(
            "--part",
            choices=["all", "dev", "heldout"],
            default="all",
            help="only this part of the corpus (its index.json says which is which)",
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--details", action="store_true", help="also list unmatched measures and misses"
        )

    def handle(self, *args, **options):
        if options["corpus"]:
            return self._corpus(options)
        if not options["gold"] or not options["predicted"]:
            raise CommandError("Give GOLD and PREDICTED, or --corpus DIR.")
        gold = _json(options["gold"])
        predicted_path = options["predicted"]
        if predicted_path.lower().endswith(".json"):
            predicted = _json(predicted_path)
        else:
            from imports.pipeline import recognise_path

            try:
                predicted = recognise_path(predicted_path).document
            except UnreadableFile as error:
                raise CommandError(str(error)) from None
        result = score(gold, predicted)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(table([(_name(options["gold"]), _kind(predicted_path), result)]))
        if options["details"]:
            for key in ("unmatched_gold", "unmatched_predicted"):
                for title in result[key]:
                    self.stdout.write(f"{key}: {title}")
            for field, titles in result["misses"].items():
                for title in titles:
                    self.stdout.write(f"wrong {field}: {title}")

    def _corpus(self, options):
        import os

        from imports.corpus import pool, report, score_corpus

        if not os.path.isdir(options["corpus"]):
            raise CommandError(f"There is no folder {options['corpus']}.")
        results = score_corpus(options["corpus"], options["part"])
        if not results:
            raise CommandError(f"{options['corpus']} holds no documents with a .gold.json.")
        if options["format"] == "json":
            payload = {
                "documents": [
                    {
                        "name": r.name,
                        "format": r.kind,
                        "part": r.part,
                        "shapes": r.shapes,
                        "score": {k: v for k, v in r.result.items() if k != "misses"},
                        "fields": {k: list(v) for k, v in r.checks.items()},
                        "seconds": round(r.seconds, 3),
                    }
                    for r in results
                ],
                "pooled": pool(results),
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(report(results, details=options["details"]))


def _json(path):
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise CommandError(f"There is no file {path}.") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CommandError(f"{path} is not a JSON file: {error}") from None


def _name(path):
    return path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _kind(path):
    return path.rsplit(".", 1)[-1].lower() if "." in path else "?"
