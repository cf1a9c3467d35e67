"""Tables → measures (a header row names the columns) and groups (label | value rows).

A measure table has a header row whose cells are column words from the vocabulary
("Tiltak", "Ansvar", "Status pr 01.06.2017"). Rows that only continue the row above (a
row split over two pages) are joined to it; a row with one cell is a caption that may
say the kind of the measures below it ("Eksisterende tiltak", "Forslag til nye tiltak").
A table without a header continues the measure table before it when it is as wide.
"""

import re

from imports import vocabulary as vocab
from imports.blocks import Cell
from imports.drafts import MeasureDraft
from imports.errors import Deadline
from imports.parties import parse_parties, split_names
from imports.states import parse_status
from imports.textutil import (
    number_prefix,
    parse_date,
    refs_in,
    split_title,
    without_refs,
)

ROLE_ORDER = (
    "number",
    "title",
    "description",
    "responsible",
    "partners",
    "status",
    "timing",
    "target_groups",
    "done",
    "remaining",
    "area",
    "kind",
)


def header_roles(row):
    """{column index: role} when `row` is a header row, else None."""
    roles = {}
    for index, cell in enumerate(row):
        text = cell.flat
        if not text or len(text) > 60:
            continue
        for role in ROLE_ORDER:
            words = vocab.HEADERS[role]
            if vocab.matches(text, words) or (
                role in ("status", "timing", "responsible", "title", "description")
                and vocab.starts_with(text, words)
                and len(text.split()) <= 6
            ):
                if role not in roles.values():
                    roles[index] = role
                break
    if len(roles) >= 2 and any(r in roles.values() for r in ("title", "description")):
        return roles
    return None


class MeasureTable:
    """Reads the rows of one or more tables that share a header."""

    def __init__(self, roles, header_row, kind=None, as_of=None, deadline=None):
        self.deadline = deadline or Deadline()
        self.roles = dict(roles)
        self.roles_named = dict(roles)
        self.width = len(header_row)
        self.kind = kind
        self.as_of = as_of
        for index, role in self.roles.items():
            if role == "status":
                self.as_of = parse_date(header_row[index].flat) or as_of
        # An unnamed first column over numbers is the number column (Rana's tables).
        if 0 not in self.roles and not header_row[0].flat:
            self.roles[0] = "number"
        self.rows = []  # (dict role → Cell, kind, area, default responsible)
        self.pending = None  # a row piece at the end of a page, placed when the next comes

    def add_table(self, rows, area_of, agency=None):
        """Take `rows`; `area_of()` gives the area a new measure row belongs to."""
        entries = []  # (dict role → Cell, kind at that row)
        for row in rows:
            self.deadline.check()
            cells = list(row)
            if not any(c.flat for c in cells) or header_roles(cells):
                continue
            filled = [c for c in cells if c.flat]
            if len(filled) == 1 and cells[0].flat and self._is_caption(cells[0].flat):
                self.kind = _kind_of(cells[0].flat) or self.kind
                continue
            by_role = {}
            for index, cell in enumerate(cells):
                role = self.roles.get(index)
                if role and cell.flat:
                    by_role[role] = cell
            if by_role:
                entries.append((by_role, self.kind))
        for position, (by_role, kind) in enumerate(entries):
            if self.pending is not None:
                by_role = self._settle(by_role)
            if self.rows and self._continues(by_role, self.rows[-1][0]):
                if position == len(entries) - 1 and "title" not in by_role:
                    # The last piece on a page: it may begin the next page's first row
                    # (the title moved on whole, the other cells were split).
                    self.pending = by_role
                    continue
                self._join(self.rows[-1][0], by_role)
            else:
                self.rows.append((by_role, kind, area_of(), agency))

    def _settle(self, by_role):
        """Put the piece held over from the last page where it belongs; return the row."""
        pending, self.pending = self.pending, None
        starts_lower = any(role in by_role and by_role[role].text[:1].islower() for role in pending)
        if "title" in by_role and starts_lower:
            joined = dict(pending)
            self._join(joined, by_role)
            return joined
        if self.rows:
            self._join(self.rows[-1][0], pending)
        return by_role

    def _is_caption(self, text):
        return bool(_kind_of(text)) and len(text.split()) <= 6

    def _continues(self, by_role, previous):
        """A row that carries on the row above: no number and no fresh title."""
        if "number" in by_role:
            return False
        if "title" not in previous and "description" not in previous:
            return True  # the row above held only its number: its text went to this row
        title = by_role.get("title")
        if title is None:
            return True
        text = title.text.lstrip()
        if text[:1].islower() or text[:1] in "(–-,;":
            return True
        return False

    def _join(self, previous, by_role):
        for role, cell in by_role.items():
            if role in previous:
                before = previous[role]
                joiner = " " if not before.text.endswith((".", ":")) else "\n"
                lead = before.bold_lead
                if lead and lead == before.flat and cell.bold_lead:
                    lead = lead + " " + cell.bold_lead  # a bold title cut by a page break
                previous[role] = Cell(before.text + joiner + cell.text, lead)
            else:
                previous[role] = cell

    def measures(self):
        if self.pending is not None and self.rows:
            self._join(self.rows[-1][0], self.pending)
            self.pending = None
        result = []
        for by_role, kind, area, agency in self.rows:
            self.deadline.check()
            draft = self._measure(by_role, kind, agency)
            if draft:
                draft.area = area
                draft.confidence["area"] = 0.7
                result.append(draft)
        return result

    def _measure(self, by_role, kind, default_responsible):
        confidence = {}
        title_cell = by_role.get("title") or by_role.get("description")
        if title_cell is None:
            return None
        text = title_cell.flat
        number = None
        if "number" in by_role:
            number = by_role["number"].flat.strip(" .)") or None
            if number and not re.fullmatch(r"\d{1,3}[a-zA-Z]?(?:\.\d{1,2})?", number):
                text = by_role["number"].flat + " " + text
                number = None
            confidence["number"] = 0.95
        else:
            number, text = number_prefix(text)
            confidence["number"] = 0.8 if number else 0.7
        lead = title_cell.bold_lead
        lead_number, lead = number_prefix(lead)
        if lead_number and not lead:
            lead = ""
        text, timing = _trailing_timing(text)
        refs = refs_in(" ".join(c.flat for c in by_role.values()))
        if "description" in by_role and by_role.get("title") is not None:
            title, description = text, by_role["description"].flat
            confidence["title"] = 0.9
        else:
            title, description = split_title(text, lead)
            confidence["title"] = 0.85 if lead else 0.7
        title = without_refs(title) or title
        description = without_refs(description)
        if not title:
            return None
        draft = MeasureDraft(title=title, description=description, number=number, refs=refs)
        draft.kind = kind
        confidence["kind"] = 0.85 if kind else 0.6
        if "timing" in by_role:
            draft.timing = timing_of(by_role["timing"].flat)
            confidence["timing"] = 0.8
        else:
            draft.timing = timing
            confidence["timing"] = 0.85 if timing else 0.6
        if "responsible" in by_role:
            draft.responsible, draft.partners = parse_parties(by_role["responsible"].text)
            confidence["responsible"] = 0.8 if draft.responsible else 0.5
        elif default_responsible and "responsible" not in self.roles.values():
            draft.responsible = [default_responsible]
            confidence["responsible"] = 0.5
        if "partners" in by_role:
            draft.partners += split_names(by_role["partners"].flat)
        if "target_groups" in by_role:
            draft.target_groups = split_names(by_role["target_groups"].flat)
        if "status" in self.roles.values() or "done" in by_role or "remaining" in by_role:
            status_text = by_role["status"].text if "status" in by_role else ""
            draft.status, confidence["status"] = parse_status(status_text, self.as_of)
            if "done" in by_role:
                draft.status["done"] = by_role["done"].flat
            if "remaining" in by_role:
                draft.status["remaining"] = by_role["remaining"].flat
        else:
            confidence["status"] = 0.9
        confidence["description"] = 0.7
        draft.confidence = confidence
        return draft


def _kind_of(text):
    for kind, words in vocab.KIND_WORDS.items():
        if vocab.starts_with(text, words):
            return kind
    return None


def timing_of(text):
    """continuous / temporary / a period / None for a timing cell or label."""
    from imports.textutil import period_in

    for timing, words in vocab.TIMING_WORDS.items():
        if vocab.starts_with(text, words):
            return timing
    period = period_in(text)
    return period if period["start"] else None


def _trailing_timing(text):
    """A title cell that ends in a timing word ("Politiråd Løpende.") → (title, timing)."""
    match = re.search(r"\s+([A-Za-zÆØÅÄÖæøåäö-]+)\.?\s*$", text)
    if match:
        for timing, words in vocab.TIMING_WORDS.items():
            if vocab.matches(match.group(1), words) and len(text.split()) > 1:
                return text[: match.start()].strip(), timing
    return text, None


def group_of(table, heading=None):
    """A group from a two-column table of labels and values (members, mandate …), or None."""
    if table.width < 2:
        return None
    labelled = {}
    name = None
    last = None
    for row in table.rows:
        label, value = row[0].flat, " ".join(c.flat for c in row[1:] if c.flat)
        field = _group_field(label)
        if field:
            labelled[field] = (labelled.get(field, "") + " " + value).strip()
            last = field
        elif name is None and label and not value and not labelled:
            name = label
        elif last and (label.startswith("(") or not label):
            labelled[last] = (labelled[last] + " " + value).strip()
    if len(labelled) < 2:
        return None
    name = name or heading
    if not name:
        return None
    return _group(name, labelled)


def _group_field(label):
    for field, words in vocab.GROUP_FIELDS.items():
        if vocab.starts_with(label, words):
            return field
    return None


def _group(name, labelled):
    cadence = labelled.get("cadence", "")
    sentences = re.split(r"(?<=[.!?])\s+", cadence)
    chair = secretary = ""
    kept = []
    for sentence in sentences:
        lowered = vocab.fold(sentence)
        if re.search(r"\b(ledes av|leiast av|leds av|chaired by)\b", lowered):
            chair = re.split(r"\b(?:ledes|leiast|leds|chaired) (?:av|by)\b", sentence, flags=re.I)[
                -1
            ]
            chair = chair.strip(" .").capitalize()
        elif any(w in lowered for w in vocab.GROUP_FIELDS["secretary"]):
            secretary = re.split(r"\b(?:er|är|is)\b", sentence)[0].strip(" .")
        else:
            kept.append(sentence)
    cadence = " ".join(kept).strip()
    cadence = re.sub(r"^(?:møtes|möts|mødes|meets)\s+", "", cadence, flags=re.I).strip(" .")
    members = re.split(r"(?<=[.!?])\s+", labelled.get("members", ""))[0]
    return {
        "name": name.strip(" :"),
        "level": level_of(name),
        "members": split_names(members),
        "mandate": labelled.get("mandate", ""),
        "cadence": cadence,
        "chair": labelled.get("chair", chair),
        "secretary": labelled.get("secretary", secretary),
        "convener": "",
        "reports_to": "",
    }


def level_of(name):
    for level, words in vocab.GROUP_LEVELS.items():
        if any(word in vocab.fold(name) for word in words):
            return level
    return None
