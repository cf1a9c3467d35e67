"""How well a recognised plan matches a hand-made one: `samordna import-score GOLD PRED`.

Measures are matched one to one, best pairs first. A pair's similarity is the larger of
the title similarity and the similarity of title and description together (so a plan
that puts a sentence in the title instead of the description still matches); equal
numbers add 0.15 and equal area titles 0.05, which only decide between near-equal
candidates (plans repeat a measure such as "8. klasseprosjektet" in several areas). A pair
needs a similarity of at least 0.6, or 0.45 with equal numbers.

Measure precision = matched / predicted, recall = matched / gold, F1 their harmonic mean.
Among matched pairs, field accuracy is the share of pairs where:
- area: both sit under no area, or their innermost areas' titles are alike (≥ 0.8, or one
  title is contained in the other);
- responsible: both are empty, or the words naming the responsible (lower case, without
  small words like "og", "i", "med") agree with an F1 of at least 0.5 — how a cell is cut
  into names ("Politi, krisesenter og NAV" as one name or three) does not count;
- kind: equal (existing, proposed or none);
- status: the same state (none counts as a state of its own).
"""

import re
from difflib import SequenceMatcher

from imports.textutil import normalise

MATCH_AT = 0.6
MATCH_WITH_NUMBER_AT = 0.45
FIELDS = ("area", "responsible", "kind", "status")
SMALL_WORDS = {
    "og",
    "och",
    "and",
    "i",
    "in",
    "med",
    "with",
    "av",
    "of",
    "for",
    "för",
    "ved",
    "vid",
    "til",
    "till",
    "to",
    "som",
    "samt",
    "eller",
    "or",
    "på",
    "fra",
    "från",
    "the",
    "mellom",
    "mellan",
    "bl",
    "a",
    "m",
    "fl",
    "en",
    "et",
    "ett",
    "de",
    "den",
    "det",
}


def flatten(document):
    """Every measure of a document with the chain of area titles it sits under."""
    result = []

    def walk(node, path):
        for measure in node.get("measures") or []:
            result.append((measure, path))
        for area in node.get("areas") or []:
            walk(area, path + [area.get("title") or ""])

    walk(document, [])
    return result


def _ratio(a, b):
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.4 or matcher.quick_ratio() < 0.4:
        return 0.0
    return matcher.ratio()


class _Text:
    """A measure's texts, normalised once for the many comparisons matching makes."""

    def __init__(self, measure):
        self.title = normalise(measure.get("title"))[:200]
        self.full = normalise(f"{measure.get('title', '')} {measure.get('description') or ''}")[
            :300
        ]
        self.words = set(self.full.split())


def similarity(gold, predicted):
    """How alike two measures' texts are, 0–1."""
    return _similarity(_Text(gold), _Text(predicted))


def _similarity(g, p):
    if not g.words or not p.words:
        return 0.0
    if len(g.words & p.words) / min(len(g.words), len(p.words)) < 0.3:
        return 0.0  # too few words in common to reach a match; skip the slow comparison
    best = max(_ratio(g.title, p.title), _ratio(g.full, p.full))
    # The same opening words: one side split title and description differently.
    shorter = min(len(g.full), len(p.full))
    if shorter >= 20 and g.full[:shorter] == p.full[:shorter]:
        best = max(best, 0.9)
    return best


def match(gold_measures, predicted_measures):
    """One-to-one pairs (gold index, predicted index) of matching measures."""
    gold_texts = [_Text(m) for m, _ in gold_measures]
    predicted_texts = [_Text(m) for m, _ in predicted_measures]
    candidates = []
    for i, (gold, gold_path) in enumerate(gold_measures):
        for j, (predicted, predicted_path) in enumerate(predicted_measures):
            score = _similarity(gold_texts[i], predicted_texts[j])
            same_number = bool(gold.get("number")) and gold.get("number") == predicted.get("number")
            if score < (MATCH_WITH_NUMBER_AT if same_number else MATCH_AT):
                continue
            bonus = (0.15 if same_number else 0) + (
                0.05 if _same_area(gold_path, predicted_path) else 0
            )
            candidates.append((score + bonus, i, j))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i in used_gold or j in used_predicted:
            continue
        used_gold.add(i)
        used_predicted.add(j)
        pairs.append((i, j))
    return sorted(pairs)


def _same_area(gold_path, predicted_path):
    if not gold_path or not predicted_path:
        return not gold_path and not predicted_path
    a, b = normalise(gold_path[-1]), normalise(predicted_path[-1])
    return a == b or (len(a) >= 4 and len(b) >= 4 and (a in b or b in a)) or _ratio(a, b) >= 0.8


def _names(measure):
    words = set()
    for entry in measure.get("responsible") or []:
        name = entry.get("name", "") if isinstance(entry, dict) else entry
        words.update(w for w in normalise(name).split() if w not in SMALL_WORDS and len(w) > 1)
    return words


def same_responsible(gold, predicted):
    a, b = _names(gold), _names(predicted)
    if not a or not b:
        return not a and not b
    common = len(a & b)
    return common > 0 and 2 * common / (len(a) + len(b)) >= 0.5


def _state(measure):
    return (measure.get("status") or {}).get("state")


def score(gold_document, predicted_document):
    """Measure precision, recall, F1 and field accuracies of a prediction."""
    gold = flatten(gold_document)
    predicted = flatten(predicted_document)
    pairs = match(gold, predicted)
    matched = len(pairs)
    precision = matched / len(predicted) if predicted else (1.0 if not gold else 0.0)
    recall = matched / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    checks = {name: 0 for name in FIELDS}
    misses = {name: [] for name in FIELDS}
    for i, j in pairs:
        (g, g_path), (p, p_path) = gold[i], predicted[j]
        results = {
            "area": _same_area(g_path, p_path),
            "responsible": same_responsible(g, p),
            "kind": g.get("kind") == p.get("kind"),
            "status": _state(g) == _state(p),
        }
        for name, ok in results.items():
            checks[name] += ok
            if not ok:
                misses[name].append(g.get("title", "")[:60])
    accuracy = {name: (checks[name] / matched if matched else 0.0) for name in FIELDS}
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accuracy": accuracy,
        "unmatched_gold": [gold[i][0].get("title", "")[:80] for i in _left(len(gold), pairs, 0)],
        "unmatched_predicted": [
            predicted[j][0].get("title", "")[:80] for j in _left(len(predicted), pairs, 1)
        ],
        "misses": misses,
    }


def _left(count, pairs, side):
    used = {pair[side] for pair in pairs}
    return [k for k in range(count) if k not in used]


HEADER = ("document", "format", "gold", "pred", "P", "R", "F1", "area", "resp", "kind", "status")


def table(rows):
    """A plain-text table of (document, format, score) rows."""
    lines = [HEADER]
    for name, kind, result in rows:
        accuracy = result["accuracy"]
        lines.append(
            (
                name,
                kind,
                str(result["gold"]),
                str(result["predicted"]),
                f"{result['precision']:.2f}",
                f"{result['recall']:.2f}",
                f"{result['f1']:.2f}",
                *(f"{accuracy[f]:.2f}" for f in FIELDS),
            )
        )
    return "\n".join(aligned(lines, left=2))


def aligned(rows, left):
    """Rows of cells as lines of aligned columns: the first `left` (names) to the left,
    the rest (figures) to the right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(widths[i]) if i < left else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        )
        for row in rows
    ]


def passes(result, f1=0.95, accuracy=0.90):
    return result["f1"] >= f1 and all(value >= accuracy for value in result["accuracy"].values())


def words(text):
    return re.findall(r"\w+", text or "")
