"""Who is responsible: a responsibility cell or "Ansvar:" text → responsible and partners.

Cells mix names with sentences ("Koordinator skisserer i samarbeid med bl.a. helsestasjon
… ulike «informasjonspakker»"), so each sentence is read on its own: a list of short
names is split, a longer sentence gives only the name it starts with, "i samarbeid med
…" gives partners, and "Phase: Name" gives responsibility by phase.
"""

import re

from imports import vocabulary as vocab
from imports.textutil import sentences, without_refs

PREPOSITIONS = {
    "i",
    "ved",
    "for",
    "på",
    "fra",
    "hos",
    "til",
    "av",
    "innen",
    "inom",
    "vid",
    "från",
    "in",
    "at",
    "of",
    "within",
    "under",
    "mot",
}
# Split a list of names at commas, slashes and "og/och/and" (not "barne- og ungdomsskoler").
LIST_SPLIT = re.compile(r"\s*(?:[,;/&+])\s*|(?<!-)\s+(?:og|och|and|samt|eller|or)\s+")
# ", som A, B og C" / "such as A and B": the names that follow are examples of the first.
EXAMPLES = re.compile(
    r",?\s+(?:slik som|såsom|som|such as|bl\.\s?a\.|blant annet|bland annat|f\.\s?eks\.|"
    r"t\.\s?ex\.|e\.g\.|inklusive|herunder)\s+",
    re.I,
)
LEADING_FILLER = re.compile(
    r"^(?:som|bl\.?\s?a\.?|f\.?\s?eks\.?|t\.?\s?ex\.?|e\.?g\.?|m\.?fl\.?)\s+", re.I
)
PHASE = re.compile(r"(?:^|(?<=[.;]\s))([A-ZÆØÅÄÖ][^:.;]{2,60}?):\s*")
MAX_NAME_WORDS = 6


def parse_parties(text):
    """(responsible, partners) in `text`; responsible entries are names or phase dicts."""
    text = _clean(text)
    if not text:
        return [], []
    phases = _phases(text)
    if phases:
        return phases, []
    responsible, partners = [], []
    for sentence in sentences(text.replace("\n", ". ")):
        sentence = sentence.strip(" .;")
        if not sentence or _is_aside(sentence):
            continue
        own, with_whom = _split_partners(sentence)
        responsible.extend(_names(own))
        partners.extend(_names(with_whom))
    return _unique(responsible), _unique(partners)


def split_names(text):
    """A plain list of names ("A, B og C") as a list."""
    return _unique(_names(_clean(text)))


def _clean(text):
    text = without_refs(text or "")
    text = re.sub(r"\([^()]*\)", lambda m: m.group(0) if len(m.group(0)) < 40 else "", text)
    return re.sub(r"\s+", " ", text.replace("\n", " . ")).strip(" .")


def _phases(text):
    """Responsibility by phase: "Utarbeidelse: Koordinator. Gjennomgang: Virksomhetsledere"."""
    matches = list(PHASE.finditer(text))
    matches = [m for m in matches if not vocab.matches(m.group(1), vocab.LABELS["responsible"])]
    if not matches:
        return []
    result = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        value = text[match.end() : end]
        names = _names(sentences(value)[0] if sentences(value) else value)
        result.extend({"phase": match.group(1).strip(), "name": name} for name in names[:1])
    return result


def _is_aside(sentence):
    """Sentences that refer elsewhere or describe, rather than name someone."""
    words = sentence.split()
    first = words[0].lower().strip('«"')
    if first in ("se", "see", "jf", "jf.", "jfr", "cf.") or first in PREPOSITIONS:
        return True
    # A passive verb first ("Beskrives i veilederen") describes; it names nobody.
    return (
        len(words) > 1
        and re.fullmatch(r"[a-zæøåäö]+(?:es|as)", first) is not None
        and (words[1][0].islower())
    )


def _split_partners(sentence):
    """(own part, partners) of a sentence with "i samarbeid med …" or the like in it."""
    folded = vocab.fold(sentence)
    best = None
    for phrase in vocab.PARTNER_PHRASES:
        match = re.search(r"(?:^|\s)" + re.escape(phrase) + r"(?=\s|$)", folded)
        if match and (best is None or (match.start(), -match.end()) < (best[0], -best[1])):
            best = (match.start(), match.end())
    if best is None:
        return sentence, ""
    rest = LEADING_FILLER.sub("", sentence[best[1] :].strip())
    return sentence[: best[0]].strip(), _partner_list(rest)


def _partner_list(rest):
    """The names right after "i samarbeid med": up to where the list of names ends."""
    parts = [p for p in LIST_SPLIT.split(rest) if p]
    names = []
    for part in parts:
        words = part.split()
        if len(words) <= 3:
            names.append(part)
            continue
        names.append(" ".join(words[:3]) if len(names) == 0 else " ".join(words[:1]))
        break
    return ", ".join(names)


def _names(text):
    text = LEADING_FILLER.sub("", (text or "").strip(" .,;:"))
    if not text:
        return []
    parts = [p.strip(" .,:") for p in LIST_SPLIT.split(text) if p and p.strip(" .,:")]
    short = [p for p in parts if len(p.split()) <= 4]
    if len(parts) > 1 and len(parts[0].split()) <= 4 and len(short) * 2 >= len(parts):
        return [_lead(LEADING_FILLER.sub("", p), longest=4) for p in parts]
    if len(text.split()) <= 5:
        return [text]
    examples = [m for m in EXAMPLES.finditer(text) if "," in text[m.end() :]]
    example = examples[-1] if examples else None
    if example:
        return [_lead(text[: example.start()])] + _names(text[example.end() :])
    return [_lead(text)]


def _lead(text, longest=5):
    """The name a longer phrase starts with: "Rådmennene i Mosseregionen synliggjør …"."""
    words = text.split()
    if len(words) <= longest:
        return text
    taken = [words[0]]
    i = 1
    while i + 1 < len(words) and words[i].lower() in PREPOSITIONS and len(taken) < MAX_NAME_WORDS:
        taken.extend(words[i : i + 2])
        i += 2
    return " ".join(taken).strip(" ,.")


def _unique(names):
    seen, result = set(), []
    for name in names:
        key = (name.get("phase"), name["name"]) if isinstance(name, dict) else name.lower()
        value = name["name"] if isinstance(name, dict) else name
        if not value or not re.search(r"\w", value) or key in seen:
            continue
        seen.add(key)
        result.append(name)
    return result
