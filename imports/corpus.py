"""Scoring the importer on a folder of documents with hand-made gold plans.

A corpus folder holds `<name>.<ext>` documents beside `<name>.gold.json`, and optionally
`index.json` (`{"name": {"part": "dev"|"heldout", "shapes": [...]}}`). `score_corpus`
recognises every document and scores it against its gold with `imports.score`; `pool`
adds the results up: measure precision, recall and F1 over all measures (micro-averaged),
and field accuracy over the matched measures where the gold names the field (responsible
where the document names one, status where it gives one; area and kind over all matched).
"""

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from imports.score import aligned, flatten, match, same_responsible, score

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".xlsx", ".csv")
FIELDS = ("responsible", "status", "area")


@dataclass
class DocumentResult:
    name: str
    kind: str
    part: str
    shapes: list
    result: dict
    checks: dict = field(default_factory=dict)  # field → (right, counted)
    seconds: float = 0.0
    error: str = ""


def documents(folder):
    """(name, path of the document, path of its gold) for every scored document."""
    folder = Path(folder)
    found = []
    for gold in sorted(folder.glob("*.gold.json")):
        name = gold.name.removesuffix(".gold.json")
        candidates = [p for p in folder.glob(name + ".*") if p.suffix.lower() in DOCUMENT_SUFFIXES]
        if candidates:
            found.append((name, candidates[0], gold))
    return found


def load_index(folder):
    path = Path(folder) / "index.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def score_corpus(folder, part=None):
    """A DocumentResult per document of `folder` (only `part` when given)."""
    from imports.errors import UnreadableFile
    from imports.pipeline import recognise_path

    index = load_index(folder)
    results = []
    for name, path, gold_path in documents(folder):
        entry = index.get(name, {})
        doc_part = entry.get("part", "dev")
        if part and part != "all" and doc_part != part:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        started = time.monotonic()
        error = ""
        try:
            predicted = recognise_path(str(path)).document
        except UnreadableFile as problem:
            predicted, error = {"measures": [], "areas": []}, str(problem)
        seconds = time.monotonic() - started
        results.append(
            DocumentResult(
                name=name,
                kind=path.suffix.lstrip(".").lower(),
                part=doc_part,
                shapes=list(entry.get("shapes", [])),
                result=score(gold, predicted),
                checks=field_checks(gold, predicted),
                seconds=seconds,
                error=error,
            )
        )
    return results


def field_checks(gold_document, predicted_document):
    """{field: (right, counted)} over matched measures where the gold names the field."""
    gold = flatten(gold_document)
    predicted = flatten(predicted_document)
    checks = {name: [0, 0] for name in FIELDS}
    for i, j in match(gold, predicted):
        (g, g_path), (p, p_path) = gold[i], predicted[j]
        if g.get("responsible"):
            checks["responsible"][1] += 1
            checks["responsible"][0] += same_responsible(g, p)
        if (g.get("status") or {}).get("state"):
            checks["status"][1] += 1
            checks["status"][0] += g["status"]["state"] == (p.get("status") or {}).get("state")
        checks["area"][1] += 1
        checks["area"][0] += _same_area(g_path, p_path)
    return {name: tuple(values) for name, values in checks.items()}


def _same_area(gold_path, predicted_path):
    from imports.score import _same_area as same

    return same(gold_path, predicted_path)


def pool(results):
    """Pooled figures of a list of DocumentResult."""
    gold = sum(r.result["gold"] for r in results)
    predicted = sum(r.result["predicted"] for r in results)
    matched = sum(r.result["matched"] for r in results)
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = {}
    for name in FIELDS:
        right = sum(r.checks[name][0] for r in results)
        counted = sum(r.checks[name][1] for r in results)
        accuracy[name] = (right / counted if counted else None, counted)
    return {
        "documents": len(results),
        "gold": gold,
        "predicted": predicted,
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": accuracy,
    }


def _ratio(value):
    return "   –" if value is None else f"{value:.2f}"


def report(results, details=False):
    """The per-document, per-part, per-shape and pooled table as text."""
    header = ("document", "fmt", "part", "gold", "pred", "P", "R", "F1", "resp", "status", "area")
    rows = [header]
    for r in results:
        accuracy = {
            name: (r.checks[name][0] / r.checks[name][1] if r.checks[name][1] else None)
            for name in FIELDS
        }
        rows.append(
            (
                r.name,
                r.kind,
                r.part,
                str(r.result["gold"]),
                str(r.result["predicted"]),
                f"{r.result['precision']:.2f}",
                f"{r.result['recall']:.2f}",
                f"{r.result['f1']:.2f}",
                *(_ratio(accuracy[name]) for name in FIELDS),
            )
        )
    groups = [("pooled", results)]
    parts = sorted({r.part for r in results})
    if len(parts) > 1:
        groups += [(f"part {p}", [r for r in results if r.part == p]) for p in parts]
    shapes = sorted({s for r in results for s in r.shapes})
    groups += [(f"shape {s}", [r for r in results if s in r.shapes]) for s in shapes]
    rows.append(tuple("" for _ in header))
    for label, members in groups:
        pooled = pool(members)
        rows.append(
            (
                f"{label} ({pooled['documents']})",
                "",
                "",
                str(pooled["gold"]),
                str(pooled["predicted"]),
                f"{pooled['precision']:.2f}",
                f"{pooled['recall']:.2f}",
                f"{pooled['f1']:.2f}",
                *(_ratio(pooled["accuracy"][name][0]) for name in FIELDS),
            )
        )
    lines = aligned(rows, left=3)
    lines.append(
        "P/R/F1: measures found (a measure counts only when its title matches); "
        "resp/status: right among matched measures where the gold names one; "
        "area: right among all matched measures."
    )
    if details:
        for r in results:
            if r.error:
                lines.append(f"{r.name}: unreadable: {r.error}")
            for title in r.result["unmatched_gold"]:
                lines.append(f"{r.name}: missed: {title}")
            for title in r.result["unmatched_predicted"]:
                lines.append(f"{r.name}: extra: {title}")
            for name, titles in r.result["misses"].items():
                for title in titles:
                    lines.append(f"{r.name}: wrong {name}: {title}")
    return "\n".join(lines)
