"""The frameworks a plan can be held against, read from JSON files.

Each file in `frameworks/data/` (and in SAMORDNA_FRAMEWORKS_DIR, if set) is one framework:
an id, a title and source, which plans it applies to, and its requirements. A requirement is
either `structure` (one of the named checks in `checks.py`) or `coverage` (met by measures or
areas tagged with it; `keywords` suggest the tags). A new framework is a new file, not code.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

from frameworks.checks import CHECKS

BUILT_IN = Path(__file__).resolve().parent / "data"
LANGUAGES = ("nb", "nn", "sv", "en")
SCHEMA = "samordna/framework@1"

# Words in a plan's title or purpose that tell what it is about, for choosing frameworks.
TOPIC_WORDS = {
    "violence": ("vold", "vald", "våld", "overgrep", "övergrepp", "violence", "abuse"),
    "crime-prevention": (
        "kriminalitet",
        "slt",
        "brottsförebygg",
        "brottsprevent",
        "rus-",
        "rusfor",
        "trygghet",
        "crime",
    ),
}


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message names the file and the fault."""


def localised(texts, language=None):
    """The text in the reader's language, falling back on Norwegian and English."""
    language = (language or get_language() or "en")[:2]
    for code in (language, "nb" if language == "nn" else language, "en", "nb"):
        if texts.get(code):
            return texts[code]
    return next(iter(texts.values()), "")


@dataclass(frozen=True)
class Requirement:
    id: str
    kind: str  # "structure" or "coverage"
    text: dict
    check: str = ""
    keywords: tuple = ()

    def label(self, language=None):
        return localised(self.text, language)


@dataclass(frozen=True)
class Framework:
    id: str
    title: dict
    source: str
    requirements: tuple
    languages: tuple = ()
    topics: tuple = ()
    path: str = field(default="", compare=False)

    def label(self, language=None):
        return localised(self.title, language)

    @property
    def coverage(self):
        return [r for r in self.requirements if r.kind == "coverage"]

    def requirement(self, requirement_id):
        return next((r for r in self.requirements if r.id == requirement_id), None)


def _parse(path, known_checks):
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FrameworkError(f"{path}: not readable JSON ({error})") from None
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        raise FrameworkError(f"{path}: 'schema' must be {SCHEMA!r}")
    for key in ("id", "title", "requirements"):
        if not raw.get(key):
            raise FrameworkError(f"{path}: '{key}' is missing")
    if not isinstance(raw["title"], dict):
        raise FrameworkError(f"{path}: 'title' must map languages to text")
    requirements, seen = [], set()
    for i, item in enumerate(raw["requirements"]):
        where = f"{path}: requirement {i + 1}"
        if (
            not isinstance(item, dict)
            or not item.get("id")
            or not isinstance(item.get("text"), dict)
        ):
            raise FrameworkError(f"{where}: needs an 'id' and a 'text' per language")
        if item["id"] in seen:
            raise FrameworkError(f"{where}: the id {item['id']!r} is used twice")
        seen.add(item["id"])
        kind = item.get("kind")
        if kind == "structure" and item.get("check") not in known_checks:
            raise FrameworkError(
                f"{where}: unknown check {item.get('check')!r}; known: {', '.join(sorted(known_checks))}"
            )
        keywords = item.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(w, str) for w in keywords):
            raise FrameworkError(f"{where}: 'keywords' must be a list of words")
        if kind not in ("structure", "coverage"):
            raise FrameworkError(f"{where}: 'kind' must be 'structure' or 'coverage'")
        requirements.append(
            Requirement(
                id=item["id"],
                kind=kind,
                text=item["text"],
                check=item.get("check", ""),
                keywords=tuple(word.casefold() for word in keywords),
            )
        )
    applies = raw.get("applies_to") or {}
    if not isinstance(applies, dict):
        raise FrameworkError(f"{path}: 'applies_to' must map 'languages' and 'topics' to lists")
    return Framework(
        id=raw["id"],
        title=raw["title"],
        source=raw.get("source", ""),
        requirements=tuple(requirements),
        languages=tuple(applies.get("languages", ())),
        topics=tuple(applies.get("topics", ())),
        path=str(path),
    )


def _folders():
    folders = [BUILT_IN]
    extra = getattr(settings, "FRAMEWORKS_DIR", "")
    if extra:
        folders.append(Path(extra))
    return folders


@cache
def _load(folders):
    frameworks = {}
    for folder in folders:
        for path in sorted(Path(folder).glob("*.json")):
            framework = _parse(path, CHECKS)
            if framework.id in frameworks:
                raise FrameworkError(
                    f"{path}: the id {framework.id!r} is already used by {frameworks[framework.id].path}"
                )
            frameworks[framework.id] = framework
    return frameworks


def all_frameworks():
    """Every framework, by id, in a stable order (built-in first, then by file name)."""
    return _load(tuple(_folders()))


def get(framework_id):
    return all_frameworks().get(framework_id)


def plan_topics(plan):
    words = f"{plan.title} {plan.purpose} {plan.vision}".casefold()
    return {topic for topic, needles in TOPIC_WORDS.items() if any(n in words for n in needles)}


def default_frameworks(plan):
    """The frameworks a plan is held against until its coordinator chooses: by language and topic."""
    topics = plan_topics(plan)
    chosen = []
    for framework in all_frameworks().values():
        if framework.languages and plan.language not in framework.languages:
            continue
        if framework.topics and not topics.intersection(framework.topics):
            continue
        chosen.append(framework)
    return chosen
