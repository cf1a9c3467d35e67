"""Plan-level facts: title, kind, language, period, owners and goals."""

import re
from collections import Counter

from imports import headings as h
from imports import vocabulary as vocab
from imports.textutil import period_in

OWNER = re.compile(
    r"\b((?:[A-ZÆØÅÄÖ][\wæøåäö-]+\s){1,3}(?:[Kk]ommune|[Kk]ommun|fylkeskommune|län|[Ss]tad|"
    r"[Rr]egion|[Mm]unicipality|[Cc]ounty|[Cc]ouncil))\b"
)


def fill(document, confidence, items, all_items, goals):
    title, sure = plan_title(items, all_items)
    document["title"] = title
    document["kind"] = (
        "strategy"
        if vocab.contains_word(title, vocab.STRATEGY_WORDS)
        and not vocab.contains_word(title, ["handlingsplan", "action plan", "tiltaksplan"])
        else "action_plan"
    )
    document["language"] = language_of(" ".join(_text(i) for i in all_items[:400]))
    document["period"] = period_in(title)
    document["owners"] = [m.group(1) for m in OWNER.finditer(title)]
    document["goals"] = goals
    confidence.update(
        {
            "title": sure,
            "kind": 0.7,
            "language": 0.8,
            "period": 0.6 if document["period"]["start"] else 0.3,
            "owners": 0.5 if document["owners"] else 0.2,
            "goals": 0.6,
        }
    )


def _text(item):
    if item.role == "table":
        return " ".join(cell.flat for row in item.block.rows[:50] for cell in row)
    return item.text


def plan_title(items, all_items):
    """The plan's own title: the first heading that names a plan, else the first heading."""
    candidates = [i for i in items if i.role == "heading"] or [
        i for i in all_items if i.role == "heading"
    ]
    for item in candidates[:15]:
        if vocab.contains_word(item.text, vocab.PLAN_WORDS):
            title = _strip_status(item.text)
            if len(title.split()) <= 3:
                context = _context_title(candidates, item, all_items)
                if context:
                    return f"{title} – {context}", 0.6
            return _tidy(title), 0.8
    if candidates:
        return _tidy(candidates[0].text), 0.4
    return "", 0.0


def _strip_status(text):
    """ "Status pr 23. juni 2017 – Handlingsplanen …" → "Handlingsplanen …"."""
    if h.status_date(text) and re.search(r"\s[–—-]\s", text):
        return re.split(r"\s[–—-]\s", text, maxsplit=1)[1]
    return text


def _context_title(candidates, item, all_items):
    """A longer title that a short one ("Handlingsplan 2021") belongs with."""
    for other in [i for i in all_items if i.role == "heading"][:40]:
        if other is item:
            continue
        if vocab.contains_word(other.text, vocab.PLAN_WORDS) and len(other.text.split()) > 4:
            return _tidy(other.text)
    index = candidates.index(item)
    if index > 0 and candidates[index - 1].level == 1:
        return _tidy(candidates[index - 1].text)
    return ""


def _tidy(text):
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        text = text.capitalize()
    return text.strip(" :")


def language_of(text):
    """nb, nn, sv, da or en by counting words only one of them uses."""
    words = Counter(vocab.words_of(text))
    scores = {
        language: sum(words[w] for w in markers)
        for language, markers in vocab.LANGUAGE_WORDS.items()
    }
    if not any(scores.values()):
        return None
    family = max(
        ("sv", "en", "nordic"),
        key=lambda k: (
            scores.get(k, 0) if k != "nordic" else max(scores["nb"], scores["nn"], scores["da"])
        ),
    )
    if family != "nordic":
        return family
    only = {
        language: sum(words[w] for w in markers)
        for language, markers in vocab.NORWEGIAN_DANISH_MARKERS.items()
    }
    return max(only, key=lambda k: (only[k], k == "nb"))
