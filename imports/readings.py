"""Readings of one plan: each shape a measure list can take is a detector that proposes a
reading of the whole document, with a score; the best reading wins.

A reading says which blocks are the measures — the bullets, the numbered items, the
headings at one level, the lines of a table flattened to one cell per line — and what
the text around them tells: the lead sentence ("Regjeringen vil:", "Det gör Länsstyrelsen
genom att bland annat:") gives the responsible and says whether the list holds measures at
all ("… innefattar:" lists definitions), label lines ("Ansvar:", "Status:") give fields,
a section heading ("Avslutade åtgärder") gives the status, and short lead lines or
headings each holding a list are goal areas.

The score of a reading adds up the evidence for each measure it finds, so a reading that
explains more of the document with better evidence (numbering that runs 1, 2, 3; label
lines; a lead sentence) beats one that explains less. Every word the detectors look for
is in `imports.vocabulary`.
"""

import functools
import re
from dataclasses import dataclass, field

from imports import headings as h
from imports import vocabulary as vocab
from imports.drafts import AreaDraft, MeasureDraft
from imports.errors import Deadline
from imports.parties import parse_parties, split_names
from imports.states import parse_status
from imports.tables import timing_of
from imports.textutil import number_prefix, parse_date, sentences, split_title

LABEL = re.compile(r"^\s*([A-Za-zÆØÅÄÖæøåäöÉé][\wÆØÅÄÖæøåäö /-]{1,30}?)\s*:\s*(.*)$")
NUMBERED = re.compile(
    r"^\s*(\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s+(?=\S)"
    # A table row copied on one line: "12 Styrke foreldrestøtten BFD".
    r"|^\s*(\d{1,3})\s+(?=[A-ZÆØÅÄÖ][a-zæøåäö])"
)
LEADERS = re.compile(r"\s*(?:\.\s?){3,}\s*\d{1,4}\s*$|\s+\d{1,4}\s*$")
MEASURE_HEADING = re.compile(
    r"^\s*(?:[^\W\d]+\s+)?(\d{1,3}(?:\.\d{1,2})*[a-z]?)\s*[:.)–-]?\s+(?=\S)", re.UNICODE
)
TRAILING_BRACKET = re.compile(r"\s*\(([^()]{1,60})\)\s*[.;,]?\s*$")
FIELD_ROLES = ("responsible", "timing", "status", "partners", "target_groups")


@dataclass
class Reading:
    """One way of reading a plan: which blocks are its measures, and how sure that is."""

    key: str  # "bullets", "numbered", "headings-2", "flat-table", "legacy-table" …
    measures: list = field(default_factory=list)  # MeasureDraft, each with .area
    areas: list = field(default_factory=list)  # AreaDraft, in document order
    score: float = 0.0
    legacy: bool = False  # made by the first reader (segment.py): its areas are its own


# Small helpers ---------------------------------------------------------------------------


def _words(text):
    return vocab.words_of(text)


def _has_word(text, entries):
    """True when `text` has one of `entries` as a whole word or phrase."""
    folded = " " + " ".join(_words(text)) + " "
    return any(f" {entry} " in folded for entry in entries)


def _ends_with(text, entries):
    folded = " ".join(_words(text.rstrip(" :.")))
    return any(folded == e or folded.endswith(" " + e) for e in entries)


def label_of(text):
    """(role, value) of a label line such as "Ansvarlig: JD, AD", or None."""
    match = LABEL.match(text or "")
    if not match:
        return None
    for role in ("title",) + FIELD_ROLES:
        if vocab.matches(match.group(1), vocab.LABELS[role]):
            return role, match.group(2).strip(" *")
    return None


def _is_pronoun(text):
    words = _words(text)
    return bool(words) and words[0] in vocab.PRONOUNS and len(words) <= 2


CONNECTORS = {"og", "och", "and", "i", "in", "for", "för", "samt", "&", "/"}
PREPOSITIONS = {
    "gjennom",
    "genom",
    "i",
    "med",
    "for",
    "för",
    "under",
    "ved",
    "vid",
    "etter",
    "efter",
    "through",
    "by",
    "in",
    "på",
    "om",
    "til",
    "till",
    "fra",
    "från",
}


def _trailing_name(before):
    """The name that ends `before`: "… hur socialnämnden" → "socialnämnden", "Polisen och
    kommunen" → itself, "Länsstyrelsen i Stockholm" → itself."""
    words = before.replace(",", " , ").split()
    taken = []
    for word in reversed(words):
        bare = word.strip('.:;()«»"')
        if not bare:
            break
        if vocab.fold(bare) in CONNECTORS or bare == ",":
            if not taken:
                break
            taken.insert(0, bare)
            continue
        if vocab.fold(bare) in PREPOSITIONS:
            break
        if _is_body(bare) or (bare[:1].isupper() and vocab.fold(bare) not in vocab.PRONOUNS):
            taken.insert(0, bare)
            if len(taken) >= 6:
                break
            continue
        break
    while taken and (vocab.fold(taken[0]) in CONNECTORS or taken[0] == ","):
        taken.pop(0)
    name = " ".join(taken).replace(" , ", ", ")
    if not name or not (_is_body(name) or len(taken) >= 2 or vocab.fold(name) in ("regjeringen",)):
        return ""
    if len(taken) == 1 and not _is_body(name) and not name.isupper():
        return ""
    return name


def _body_pattern():
    words = sorted({e for e in _BODY_WORDS if " " not in e}, key=len, reverse=True)
    short = "|".join(re.escape(e) for e in words)
    long = "|".join(re.escape(e) for e in words if len(e) >= 5)
    return re.compile(rf"^(?:{short})|(?:{short})$|(?:{long})")


def _is_body(text):
    """True when a word of `text` names a body: "länsstyrelserna", "arbeidsgruppen", "BFD"."""
    for word in _words(text):
        if word in _ABBREVIATIONS or _BODY.search(word):
            return True
    return False


def actor_of(sentence):
    """The body a sentence says will act: "Regjeringen vil:" → "Regjeringen", "Genom
    samordningsfunktionen ska länsstyrelserna stödja …" → "länsstyrelserna"; a pronoun
    ("Gjennom SLT-samarbeidet skal vi:") names nobody, so it gives ""."""
    text = re.sub(r"^(?:att|å|to)\s+", "", (sentence or "").strip(), flags=re.I)
    modals = sorted(vocab.MODALS + ["gör", "gjør", "gjer", "kan", "does"], key=len, reverse=True)
    pattern = r"\b(" + "|".join(re.escape(m) for m in modals) + r")\b"
    match = re.search(pattern, text, flags=re.I)
    if match:
        before = text[: match.start()].strip(" ,–-")
        last = _words(before)[-1] if _words(before) else ""
        if last in vocab.PRONOUNS and last not in ("det", "dette", "detta", "den", "this", "it"):
            return ""  # "Exempel på vad vi gör:", "Gjennom samarbeidet skal vi:"
        after_words = _words(text[match.end() :])
        if (
            after_words
            and after_words[0] in vocab.PRONOUNS
            and after_words[0] not in ("det", "den")
        ):
            return ""  # "Gjennom SLT-samarbeidet skal vi:"
        subject = _trailing_name(before)
        if subject:
            return subject
        # Inverted order: "I en årlig redovisning ska länsstyrelserna bland annat:"
        after = text[match.end() :].split()
        taken = []
        for word in after[:4]:
            bare = word.strip(",.:;")
            if taken and (bare[:1].islower() and not _is_body(bare)):
                break
            taken.append(bare)
            if word.endswith((",", ":", ".")):
                break
        subject = " ".join(taken)
        if subject and _is_pronoun(subject):
            return ""
        if subject and (_is_body(subject) or (subject[:1].isupper() and len(taken) <= 3)):
            return subject
    return _named_body(text)


_BODY_WORDS = vocab.ORGANISATION_WORDS + vocab.ROLE_BODY_WORDS
_ABBREVIATIONS = frozenset(vocab.AGENCY_ABBREVIATIONS)
_BODY = _body_pattern()


def _named_body(text):
    """The first organisation a text names ("… som Länsstyrelsen i Stockholm arbetar …")."""
    words = text.split()
    for i, word in enumerate(words):
        bare = word.strip(',.:;?!()«»"')
        if not bare or not vocab.contains_word(bare, _BODY_WORDS):
            continue
        if bare[:1].islower() and not bare.lower().endswith(("en", "na", "et", "ne", "a")):
            continue
        taken = [bare]
        j = i + 1
        while (
            j + 1 < len(words)
            and words[j] in ("i", "in", "for", "för")
            and words[j + 1][:1].isupper()
        ):
            taken += [words[j], words[j + 1].strip(",.:;?!()")]
            j += 2
        return " ".join(taken)
    return ""


def _body_word(word):
    """A word that is itself a body: "Polisen", "kommunen", "BFD" (not the verb "leder")."""
    bare = word.strip(",.:;()")
    folded = vocab.fold(bare)
    if folded in vocab.AGENCY_ABBREVIATIONS or (bare.isupper() and 2 <= len(bare) <= 6):
        return True
    definite = folded.endswith(("en", "et", "na", "ne", "a", "rna"))
    return _is_body(bare) and (definite or bare[:1].isupper())


def leading_actor(text):
    """The bodies a measure starts with: "Att kommunen och polisen ska stödja …", "Politiet
    skal …", "Polisen och kommunen arbetar tillsammans …" → their names; "" otherwise."""
    words = re.sub(r"^(?:att|å|to)\s+", "", (text or "").strip(), flags=re.I).split()
    if not words or not _body_word(words[0]):
        return ""
    for end in range(1, min(len(words), 7)):
        name, verb = " ".join(words[:end]), vocab.fold(words[end])
        parts = [p for p in re.split(r",\s*|\s+(?:og|och|and|samt)\s+", name) if p]
        if not parts or not all(_body_word(w) for p in parts for w in p.split()):
            continue
        if verb in vocab.MODALS or (
            verb.isalpha() and words[end][:1].islower() and verb not in CONNECTORS
        ):
            return name
    return ""


def trailing_responsible(text):
    """(text without it, responsible) for a title ending in "(JD)", "(BFD/KD)" or "– HOD"."""
    match = TRAILING_BRACKET.search(text or "")
    if match:
        names = [n.strip() for n in re.split(r"[,/;]| og | och ", match.group(1)) if n.strip()]
        inner = match.group(1)
        label = label_of(inner)
        if label and label[0] == "responsible":
            return text[: match.start()].strip(), split_names(label[1])
        if names and all(
            vocab.fold(n) in vocab.AGENCY_ABBREVIATIONS
            or (n.isupper() and 2 <= len(n) <= 6)
            or (len(n.split()) <= 4 and n[:1].isupper() and _is_body(n))
            for n in names
        ):
            return text[: match.start()].strip(), names
    tail = re.search(
        r"\s+[–-]?\s*((?:[A-ZÆØÅ][A-Za-zÆØÅæøå]{1,6}\s*[/,]\s*)*[A-ZÆØÅ]{2,6})\s*$", text
    )
    if tail and len(text.split()) >= 3:
        names = [n.strip() for n in re.split(r"[/,]", tail.group(1)) if n.strip()]
        if all(vocab.fold(n) in vocab.AGENCY_ABBREVIATIONS for n in names):
            return text[: tail.start()].strip(" –-"), names
    return text, []


def _state_of_heading(text):
    """The state a short section heading gives its measures ("Avslutade åtgärder")."""
    if not text or len(text.split()) > 5:
        return None
    for state, words in vocab.STATE_WORDS:
        if _has_word(text, [w for w in words if len(w) > 3]):
            return state
    return None


def _marker(item):
    return getattr(item.block, "marker", "") if item.role != "table" else ""


def _depth(item):
    return getattr(item.block, "depth", 0) if item.role != "table" else 0


def _is_numbered_item(item):
    """A list item with a number, or a paragraph that starts with one ("2. Våldsprevention")."""
    if item.role == "list":
        marker = _marker(item)
        if marker and marker != "bullet":
            return True
        return not marker and NUMBERED.match(item.text) is not None
    return item.role in ("para", "label") and NUMBERED.match(item.text) is not None


def _number_of(item):
    marker = _marker(item)
    if marker and marker != "bullet":
        return marker.rstrip(".)")
    match = NUMBERED.match(item.text)
    return (match.group(1) or match.group(2)) if match else None


def _without_number(text):
    return NUMBERED.sub("", text, count=1) if NUMBERED.match(text) else text


def tidy_title(text):
    """A title without the dot leaders and page number of a contents line."""
    if re.search(r"(?:\.\s?){3,}\s*\d{1,4}\s*$", text or ""):
        return LEADERS.sub("", text).strip()
    return text


def _consecutive(numbers):
    values = []
    for number in numbers:
        try:
            values.append(int(str(number).split(".")[-1]))
        except ValueError:
            return False
    return len(values) >= 2 and all(b == a + 1 for a, b in zip(values, values[1:], strict=False))


# Lists -------------------------------------------------------------------------------------


@dataclass
class _Entry:
    item: object
    number: str | None = None
    extra: list = field(default_factory=list)  # sub-items and continuation paragraphs


@dataclass
class _Run:
    entries: list
    lead: str = ""
    lead_item: object = None
    heading: str = ""
    headings: tuple = ()
    evidence: float = 0.0
    base: int = 0  # depth of the run's items; deeper items belong to the item above


class ListDetector:
    """Measures are the items of one kind of list: "bullets" or "numbered"."""

    def __init__(self, items, kind):
        self.items = items
        self.kind = kind

    def _is_item(self, item):
        if self.kind == "numbered":
            return _is_numbered_item(item)
        return item.role == "list" and _marker(item) == "bullet"

    def runs(self):
        if getattr(self, "_runs", None) is None:
            self._runs = self._find_runs()
            for run in self._runs:
                run.evidence = self.evidence(run)
        return self._runs

    def _find_runs(self):
        runs, current = [], None
        headings = []  # (level, text) of the open headings
        lead, lead_item = "", None
        for index, item in enumerate(self.items):
            if item.role == "heading":
                current = None
                while headings and headings[-1][0] >= item.level:
                    headings.pop()
                headings.append((item.level, item.text))
                lead, lead_item = "", None
                continue
            if item.role == "table":
                current, lead = None, ""
                continue
            if self._is_item(item) and (current is None or _depth(item) <= current.base):
                if not lead and index and self.items[index - 1].role == "heading":
                    # A heading written as a lead sentence ("Arbeidsgruppen bør innledningsvis").
                    heading_item = self.items[index - 1]
                    if heading_item.text.endswith(":") or _ends_with(
                        heading_item.text, vocab.LEAD_ENDINGS
                    ):
                        lead, lead_item = heading_item.text, heading_item
                if current is None or not self._continues(current, item):
                    current = _Run(
                        entries=[],
                        lead=lead,
                        lead_item=lead_item,
                        heading=headings[-1][1] if headings else "",
                        headings=tuple(t for _, t in headings),
                    )
                    current.base = _depth(item)
                    runs.append(current)
                current.entries.append(_Entry(item, self._number(item)))
                continue
            if current is not None and self._belongs(current, item, index):
                current.entries[-1].extra.append(item)
                continue
            current = None
            lead, lead_item = item.text, item
        return runs

    def _number(self, item):
        if self.kind == "numbered":
            return _number_of(item)
        number, _rest = number_prefix(item.text)
        return number

    def _continues(self, run, item):
        if self.kind != "numbered" or item.role == "list":
            return True
        last = run.entries[-1].number
        try:
            return int(_number_of(item).split(".")[0]) == int(str(last).split(".")[0]) + 1
        except (TypeError, ValueError):
            return False

    def _belongs(self, run, item, index):
        """A sub-item, or a paragraph that continues the item above (an indented one, or
        one between two items of the run)."""
        if item.role == "list":
            if _depth(item) > run.base or not _marker(item):
                return True
            return self.kind == "numbered" and _marker(item) == "bullet"
        if item.role not in ("para", "label") or item.text.rstrip().endswith(":"):
            return False  # a new lead-in ends the list
        if self.kind != "numbered" or run.entries[0].item.role == "list":
            return False  # readers mark what continues a list item; a plain paragraph ends it
        following = self._next_item(index)
        return following is None or self._is_item(following)

    def _next_item(self, index):
        for item in self.items[index + 1 :]:
            if item.role == "heading" or item.role == "table":
                return None
            if self._is_item(item):
                return item
            if item.role == "list":
                continue
        return None

    def evidence(self, run):
        score = 0.0
        lead = (sentences(run.lead.strip()) or [""])[-1]
        if lead and run.lead_item is not None:
            if lead.endswith(":") or not lead.endswith((".", "!", "?")):
                score += 0.5
            if _ends_with(lead, vocab.LEAD_ENDINGS):
                score += 1.5
            if vocab.contains_word(lead, vocab.MEASURE_LIST_WORDS) or _has_word(
                lead, vocab.MEASURE_LIST_WORDS
            ):
                score += 1.5
            if _has_word(lead, vocab.NON_MEASURE_LEAD_WORDS):
                score -= 3.0
            if self.kind == "bullets" and _is_numbered_item(run.lead_item):
                score -= 2.0  # the bullets are the parts of a numbered item
        first = run.entries[0].item.text if run.entries else ""
        if h.is_development(lead) or h.is_development(run.heading) or h.is_development(first):
            score -= 3.0  # development opportunities of a strategy, not measures
        heading = run.heading
        if heading:
            if _has_word(heading, vocab.MEASURE_LIST_WORDS) or h.is_activity(heading):
                score += 1.0
            if _has_word(heading, vocab.NON_MEASURE_LEAD_WORDS):
                score -= 2.0
            if any(h.is_area_list(t) for t in run.headings):
                score += 1.0
            if h.is_background(heading) and not lead:
                score -= 0.5
        texts = [e.item.text for e in run.entries]
        if sum(1 for t in texts if label_of(t) or _field_like(t)) * 2 >= len(texts):
            score -= 3.0  # "Målgrupp: Kommuner" lines are fields, not measures
        actions = sum(
            1
            for t in texts
            if re.match(r"^(?:att|å|to)\s", _without_number(t), re.I)
            or _without_number(t)[:1].islower()
        )
        if actions * 2 > len(texts):
            score += 0.5
        score += 0.5 if len(texts) >= 2 else -0.5
        if self.kind == "numbered":
            score += 1.0 if _consecutive([e.number for e in run.entries]) else -1.0
        return score

    def read(self, threshold=0.5):
        runs = self.runs()
        accepted = [r for r in runs if r.evidence >= threshold]
        reading = Reading(key=self.kind)
        if not accepted:
            return reading
        areas = self._areas(accepted)
        for run in accepted:
            actor = self._run_actor(run)
            state = _state_of_heading(run.heading)
            weight = 0.6 + 0.2 * min(run.evidence, 3.0)
            for entry in run.entries:
                draft = self._measure(entry, actor, state)
                if draft is None:
                    continue
                draft.area = areas.get(id(run))
                reading.measures.append(draft)
                reading.score += weight
        for area in areas.values():
            if area is not None and not any(area is a for a in reading.areas):
                reading.areas.append(area)
        return reading

    def _areas(self, runs):
        """Goal areas: a short lead line before each list, or a heading over each list."""
        result = {id(r): None for r in runs}
        if len(runs) < 2:
            return result
        leads = [r.lead.strip() for r in runs]
        if all(_area_like(lead) for lead in leads):
            for run, lead in zip(runs, leads, strict=True):
                result[id(run)] = AreaDraft(title=lead.rstrip(": "), confidence=0.6)
            return result
        titles = [r.heading for r in runs]
        if len(set(titles)) >= 2 and all(t and not h.is_generic(t) for t in titles):
            made = {}
            for run in runs:
                if run.heading not in made:
                    number, title = h.area_number_and_title(run.heading)
                    made[run.heading] = AreaDraft(title=title, number=number, confidence=0.6)
                result[id(run)] = made[run.heading]
        return result

    def _run_actor(self, run):
        actor = actor_of(sentences(run.lead)[-1]) if run.lead.strip() else ""
        if not actor and run.heading and vocab.contains_word(run.heading, _BODY_WORDS):
            actor = h.agency_of(run.heading) or _named_body(run.heading)
        return _resolve(actor, run.headings)

    def _measure(self, entry, actor, state):
        item = entry.item
        text = _without_number(item.text) if self.kind == "numbered" else item.text
        number = entry.number
        if self.kind != "numbered":
            number, text = number_prefix(text)
        text, bracketed = trailing_responsible(tidy_title(text))
        lead = item.bold_lead
        title, description = split_title(text, lead)
        if not title:
            return None
        parts = [description] if description else []
        labels = {}
        for extra in entry.extra:
            label = label_of(extra.text)
            if label and label[0] in FIELD_ROLES:
                labels[label[0]] = label[1]
            else:
                parts.append(extra.text)
        draft = MeasureDraft(title=title, description="; ".join(p for p in parts if p))
        draft.number = number
        own = leading_actor(text)
        described = ""
        if draft.description:
            first = sentences(draft.description)[0] if sentences(draft.description) else ""
            described = leading_actor(first)
        responsible = (
            bracketed
            or (_split_actor(own) if own else [])
            or (_split_actor(actor) if actor else [])
            or (_split_actor(described) if described else [])
        )
        draft.responsible = responsible
        _apply_labels(draft, labels)
        if state and draft.status is None:
            draft.status = _status(state)
        draft.confidence = {
            "number": 0.8 if number else 0.7,
            "title": 0.75,
            "description": 0.6,
            "responsible": 0.7 if responsible else 0.4,
            "kind": 0.6,
            "timing": 0.6,
            "status": 0.7 if draft.status else 0.8,
            "area": 0.6,
        }
        return draft


def _field_like(text):
    """ "Startår: 2022", "Målgrupp: Kommuner": a field of something, not a measure."""
    match = LABEL.match(text)
    return bool(match) and len(match.group(1).split()) <= 2 and 0 < len(match.group(2).split()) <= 5


def _area_like(lead):
    words = lead.split()
    return (
        lead.endswith(":")
        and 1 <= len(words) <= 12
        and not _has_word(lead, vocab.MODALS)
        and not _ends_with(lead, vocab.LEAD_ENDINGS)
        and not _has_word(lead, vocab.NON_MEASURE_LEAD_WORDS)
    )


def _split_actor(actor):
    return list(_split_actor_cached(actor))


@functools.lru_cache(maxsize=1024)
def _split_actor_cached(actor):
    names, _partners = parse_parties(actor)
    return tuple(
        [n for n in names if isinstance(n, str) and not _is_pronoun(n)]
        or ([actor] if actor and not _is_pronoun(actor) else [])
    )


def _resolve(actor, headings):
    """ "Gruppen" under a heading about "Koordineringsgruppen" is that group."""
    if not actor or len(actor.split()) != 1:
        return actor
    key = vocab.fold(actor)
    for heading in reversed(headings):
        for word in heading.split():
            bare = word.strip(",.:;()")
            if len(bare) > len(key) + 2 and vocab.fold(bare).endswith(key):
                return bare[:1].upper() + bare[1:]
    return actor


def _status(state, text="", as_of=None):
    return {
        "as_of": as_of,
        "state": state,
        "done": text,
        "remaining": "",
        "scope": None,
        "generated": False,
    }


def _apply_labels(draft, labels):
    if labels.get("responsible"):
        draft.responsible, partners = parse_parties(labels["responsible"])
        draft.partners += partners
    if labels.get("timing"):
        draft.timing = timing_of(labels["timing"])
    if "status" in labels:
        draft.status, _sure = parse_status(labels["status"])
    if labels.get("partners"):
        draft.partners += split_names(labels["partners"])
    if labels.get("target_groups"):
        draft.target_groups += split_names(labels["target_groups"])


# Headings ----------------------------------------------------------------------------------


class HeadingDetector:
    """Measures are the headings at one level, each with the text and label lines below."""

    def __init__(self, items, level):
        self.items = items
        self.level = level

    def read(self):
        reading = Reading(key=f"headings-{self.level}")
        sections = self._sections()
        numbers = [s["number"] for s in sections if s["number"]]
        consecutive = _consecutive(numbers)
        areas = {}
        for section in sections:
            if section["holds_measures"]:
                continue  # "Insats: …" lines under it: the heading is an area, not a measure
            evidence = 0.0
            if section["labels"]:
                evidence += 2.0
            if section["number"] and consecutive:
                evidence += 0.5
            if section["measure_word"]:
                evidence += 1.0
            if section["body"]:
                evidence += 0.5
            if section["listed"]:
                evidence += 1.0
            if evidence < 1.5 or h.is_generic(section["title"]) and not section["labels"]:
                continue
            draft = MeasureDraft(title=section["title"], description=" ".join(section["body"]))
            draft.number = section["number"]
            title, bracketed = trailing_responsible(tidy_title(draft.title))
            draft.title, draft.responsible = title, bracketed
            _apply_labels(draft, section["labels"])
            if draft.status is None and "status_text" in section:
                draft.status, _sure = parse_status(section["status_text"])
            parent = section["parent"]
            if parent:
                if parent not in areas:
                    number, area_title = h.area_number_and_title(parent)
                    areas[parent] = AreaDraft(title=area_title, number=number, confidence=0.6)
                draft.area = areas[parent]
            draft.confidence = {
                "number": 0.85 if draft.number else 0.7,
                "title": 0.8,
                "description": 0.6,
                "responsible": 0.8 if draft.responsible else 0.4,
                "kind": 0.6,
                "timing": 0.7,
                "status": 0.8,
                "area": 0.6,
            }
            reading.measures.append(draft)
            reading.score += 1.0 + evidence
        reading.areas = list(areas.values())
        return reading

    def _sections(self):
        sections, current = [], None
        parents = []  # (level, text) of headings above this level
        first_heading = True
        for item in self.items:
            if item.role == "heading":
                is_title = first_heading and item.level == 1
                first_heading = False
                if item.level < self.level:
                    current = None
                    while parents and parents[-1][0] >= item.level:
                        parents.pop()
                    if not is_title and not h.is_generic(item.text):
                        parents.append((item.level, item.text))
                    continue
                if item.level == self.level:
                    match = MEASURE_HEADING.match(item.text)
                    number = match.group(1) if match else None
                    title = item.text[match.end() :].strip(" :") if match else item.text
                    current = {
                        "title": title.strip(" :"),
                        "number": number,
                        "body": [],
                        "labels": {},
                        "listed": any(
                            h.is_activity(t) and not h.is_area_list(t) for _, t in parents
                        ),
                        "parent": parents[-1][1] if parents else None,
                        "holds_measures": False,
                        "measure_word": bool(match)
                        and vocab.starts_with(item.text, vocab.ACTIVITY_WORDS) is not None,
                    }
                    sections.append(current)
                    continue
            if current is None or item.role == "table":
                continue
            if item.role == "heading":  # a deeper heading: its text is not this measure's
                current["deeper"] = True
                continue
            label = label_of(item.text)
            if label and label[0] == "title":
                current["holds_measures"] = True
            if current.get("deeper"):
                if len(current["body"]) < 3 and not label:
                    current["body"].append(item.text)
                continue
            if label and label[0] in FIELD_ROLES:
                current["labels"][label[0]] = label[1]
                if label[0] == "status" and not label[1]:
                    current["awaiting_status"] = True
                continue
            if current.get("awaiting_status") and item.role != "heading":
                current["labels"]["status"] = item.text
                current["awaiting_status"] = False
                continue
            if item.role != "heading" and len(current["body"]) < 3:
                current["body"].append(item.text)
        return sections


# Tables flattened to one cell per line -------------------------------------------------------


class FlatTableDetector:
    """A table copied from a web page or PDF: the header cells, then every row's cells, one
    per line ("Ansvarleg departement / Tiltak / Status / Alle / • 1. Gjennomgå … / • Byrja")."""

    def __init__(self, items):
        self.items = items

    def read(self):
        from imports.tables import header_roles

        reading = Reading(key="flat-table")
        # Copied cells are short lines, and a text reader may take them for headings.
        texts = [(i, it) for i, it in enumerate(self.items) if it.role != "table"]
        for start in range(len(texts)):
            for width in (5, 4, 3, 2):
                cells = texts[start : start + width]
                if len(cells) < width or any(len(c[1].text) > 40 for c in cells):
                    continue
                if any(c[0] != cells[0][0] + k for k, c in enumerate(cells)):
                    continue  # header cells stand next to each other
                roles = header_roles([_FakeCell(c[1].text) for c in cells])
                if not roles or len(roles) < width:
                    continue
                rows = self._rows(texts, start + width, width, roles, cells[0][0])
                if len(rows) >= 2:
                    reading.measures = rows
                    reading.score = sum(2.0 if (m.status or {}).get("state") else 1.2 for m in rows)
                    return reading
        return reading

    def _rows(self, texts, begin, width, roles, header_index):
        as_of = None
        for item in self.items[max(0, header_index - 3) : header_index]:
            as_of = parse_date(item.text) or as_of
        measures, index = [], begin
        while index + width <= len(texts):
            cells = texts[index : index + width]
            if any(len(c[1].text) > 400 for c in cells):
                break
            row = {roles[k]: cells[k][1].text for k in range(width) if k in roles}
            title = row.get("title") or row.get("description")
            if not title or len(title) < 8:
                break
            if "status" in row:
                status, sure = parse_status(row["status"], as_of)
                if sure < 0.8:
                    break
            number, title = number_prefix(title)
            draft = MeasureDraft(title=title)
            draft.number = number
            if "responsible" in row:
                draft.responsible, draft.partners = parse_parties(row["responsible"])
            if "status" in row:
                draft.status = status
            if "timing" in row:
                draft.timing = timing_of(row["timing"])
            draft.confidence = {
                "number": 0.85 if number else 0.7,
                "title": 0.8,
                "description": 0.6,
                "responsible": 0.8,
                "kind": 0.6,
                "timing": 0.7,
                "status": 0.85,
                "area": 0.6,
            }
            measures.append(draft)
            index += width
        return measures


@dataclass
class _FakeCell:
    text: str

    @property
    def flat(self):
        return self.text


# Sentences in running text ---------------------------------------------------------------


ACTIVE = re.compile(
    r"^(?:derfor\s+|därför\s+|difor\s+)?(?P<actor>[A-ZÆØÅÄÖ][\w-]+(?:\s+(?:og|och)\s+[\w-]+)?)"
    r"\s+(?:vil|skal|ska|kommer att)\s+(?:nå\s+|også\s+|också\s+)?(?P<rest>[a-zæøåäö].+)$"
)
INVERTED = re.compile(
    r"^(?:derfor|därför|difor|nå|nu|no)\s+(?:vil|skal|ska)\s+(?P<actor>vi|[A-ZÆØÅÄÖ][\w-]+)"
    r"\s+(?P<rest>[a-zæøåäö].+)$",
    re.I,
)
PASSIVE = re.compile(r"^[A-ZÆØÅÄÖ][^,;]{5,}?\s+(?:skal|ska)\s+[a-zæøåäö]+(?:es|as|s)\b")
SAYS = re.compile(r",?\s+(?:sier|seier|säger|says)\s+[^,.]+\.?$")


class SentenceDetector:
    """Measures written as sentences of a news article or web page: "Regjeringen vil styrke
    bekymringssamtalen …", "– Derfor vil vi etablere …", "En nasjonal analyse skal
    offentliggjøres hvert år." The weakest reading: it wins only where no list, heading or
    table holds the measures."""

    def __init__(self, items):
        self.items = items

    def read(self):
        reading = Reading(key="sentences")
        heading, last_actor, areas = "", "", {}
        first_heading = True
        for item in self.items:
            if item.role == "heading":
                if not (first_heading and item.level == 1):
                    heading = item.text
                first_heading = False
                continue
            if item.role != "para":
                continue
            for sentence in sentences(item.text):
                found = self._measure(sentence.lstrip("–- "), last_actor)
                if found is None:
                    continue
                draft, actor = found
                last_actor = actor or last_actor
                if heading and not h.is_generic(heading):
                    draft.area = areas.setdefault(heading, AreaDraft(title=heading, confidence=0.5))
                reading.measures.append(draft)
        if len(reading.measures) < 2:
            return Reading(key="sentences")
        if len(areas) < 2:
            for draft in reading.measures:
                draft.area = None
            areas = {}
        reading.areas = list(areas.values())
        reading.score = 0.3 * len(reading.measures)
        return reading

    def _measure(self, sentence, last_actor):
        if _has_word(sentence, ["blant annet", "bland annat", "blant anna", "mellom anna"]):
            return None  # a summary of examples, not a measure
        text = SAYS.sub("", sentence).strip()
        responsible, actor = [], ""
        match = INVERTED.match(text) or ACTIVE.match(text)
        if match:
            actor = match.group("actor")
            if vocab.fold(actor) in vocab.PRONOUNS:
                actor = last_actor if vocab.fold(actor) == "vi" else ""
            elif not _is_body(actor):
                return None
            title = match.group("rest").rstrip(" .")
            responsible = _split_actor(actor) if actor else []
        elif PASSIVE.match(text):
            title = text
        else:
            return None
        draft = MeasureDraft(title=title)
        draft.responsible = responsible
        draft.confidence = {
            "number": 0.7,
            "title": 0.5,
            "description": 0.5,
            "responsible": 0.5 if responsible else 0.4,
            "kind": 0.6,
            "timing": 0.6,
            "status": 0.8,
            "area": 0.5,
        }
        return draft, actor


# All detectors -------------------------------------------------------------------------------


def propose(items, choices=True, deadline=None):
    """Every reading the detectors propose for one plan's items, best first; with
    `choices`, also the plain readings the preview offers but never picks by itself (every
    bullet, every numbered item), scored below zero. `deadline` is checked between
    detectors."""
    check = (deadline or Deadline()).check
    bullets, numbered = ListDetector(items, "bullets"), ListDetector(items, "numbered")
    readings = []
    for detector in (bullets, numbered, FlatTableDetector(items), SentenceDetector(items)):
        readings.append(detector.read())
        check()
    if choices:
        for detector in (bullets, numbered):
            forced = detector.read(threshold=-99)
            forced.score = -1.0
            readings.append(forced)
            check()
    levels = sorted({i.level for i in items if i.role == "heading" and i.level <= 6})
    for level in levels:
        readings.append(HeadingDetector(items, level).read())
        check()
    readings = [r for r in readings if r.measures]
    readings.sort(key=lambda r: r.score, reverse=True)
    return readings
