"""`samordna check-plan --plan SLUG --format json|text`: the plan held against its frameworks."""

import json

from django.core.management.base import BaseCommand
from django.utils import translation

from frameworks.check import check_plan
from plans.management.lookup import plan_from_option

MARKS = {"met": "[x]", "partly": "[~]", "missing": "[ ]"}


class Command(BaseCommand):
    help = "Check a plan against its frameworks: each requirement met, partly met or missing."

    def add_arguments(self, parser):
        parser.add_argument("--plan", required=True, help="the plan's short name (slug)")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--language", help="language of the texts (default: the plan's)")

    def handle(self, *args, **options):
        plan = plan_from_option(options["plan"])
        with translation.override(options["language"] or plan.language):
            result = check_plan(plan)
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        lines = [result["title"]]
        for framework in result["frameworks"]:
            counts = framework["summary"]
            lines.append(
                f"\n{framework['title']}  ({counts['met']} met, {counts['partly']} partly, "
                f"{counts['missing']} missing)"
            )
            for requirement in framework["requirements"]:
                lines.append(f"  {MARKS[requirement['result']]} {requirement['text']}")
                lines += [f"        {line}" for line in requirement["evidence"]]
        self.stdout.write("\n".join(lines))
