"""Reading one plan's items in order: areas, measures, development items, groups, goals.

Measures come in three shapes, and a plan states its measures in one of them:
1. rows of a table whose header names the columns (strongest),
2. "Insats: … / Ansvar: …" label pairs after a statement,
3. list items (and the paragraphs that continue a list) in a section whose heading says
   it holds activities ("Aktiviteter 2021", "Länsstyrelsens uppdrag/aktiviteter").
All three are collected while walking; the strongest shape found is kept.

Goal areas are numbered headings when there are any; otherwise the areas a document lists
under a heading like "Målområden", matched to later headings; otherwise the headings right
above the measures.
"""

import re

from imports import headings as h
from imports.drafts import AreaDraft, MeasureDraft
from imports.errors import Deadline
from imports.parties import parse_parties, split_names
from imports.readings import label_of
from imports.sections import numbered
from imports.states import parse_status
from imports.tables import MeasureTable, group_of, header_roles, timing_of
from imports.textutil import normalise, number_prefix, refs_in, similarity, split_title

SHAPES = ("table", "label", "list")


class SegmentReader:
    def __init__(self, items, deadline=None):
        self.items = items
        self.deadline = deadline or Deadline()
        self.areas = []
        self.mode = self._mode()
        self.current = None  # the area measures go to now
        self.pending = None  # heading text that becomes an area when measures follow
        self.descriptions = {}
        self.described = None
        self.activity_level = None
        self.agency = None
        self.development = False
        self.kind = None
        self.as_of = None
        self.list_seen = False
        self.list_role = None
        self.tables = []  # MeasureTable in order
        self.table = None
        self.found = {shape: [] for shape in SHAPES}
        self.open = None
        self.statement = None
        self.groups = []
        self.goals = []
        self.last_heading = None

    # Which kind of goal areas this plan has.
    def _mode(self):
        numbers = [numbered(item) for item in self.items if numbered(item) is not None]
        if len(numbers) >= 2 and 1 in numbers and 2 in numbers:
            return "numbered"
        declared = self._declared_areas()
        if len(declared) >= 2:
            for i, title in enumerate(declared):
                number, title = h.area_number_and_title(title)
                self.areas.append(
                    AreaDraft(
                        title=title, number=number or str(i + 1), confidence=0.8, declared=True
                    )
                )
            return "declared"
        return "headings"

    def _declared_areas(self):
        collecting, titles = False, []
        for item in self.items:
            if item.role in ("heading", "label") and h.is_area_list(item.text):
                collecting, titles = True, []
                continue
            if not collecting:
                continue
            if item.role == "list":
                titles.append(item.text.rstrip(".;, "))
            elif item.role == "para" and not titles:
                continue
            elif titles:
                break
            else:
                collecting = False
        return titles if len(titles) >= 2 else []

    def run(self):
        for index, item in enumerate(self.items):
            self.deadline.check()
            following = self.items[index + 1] if index + 1 < len(self.items) else None
            if item.role == "table":
                self._table(item)
            elif item.role in ("heading", "label"):
                self._heading(item)
            else:
                self._body(item, following)
        return self

    # Headings
    def _heading(self, item):
        text = item.text.rstrip(":").strip()
        if item.role == "heading":
            self.last_heading = text
            self.list_seen = False
            self.list_role = None
            self.open = self.statement = None
            self._activity(item, text)
            agency = None if self._match_declared(text) else h.agency_of(text)
            if agency:
                self.agency = agency
            elif item.level == 1:
                self.agency = None
            self.kind = h.kind_of_heading(text)
            self.as_of = h.status_date(text) or self.as_of
        if h.is_development(text):
            self.development = True
            return
        if h.is_area_list(text) and not self.areas_in_heading(text):
            self.list_role = "areas"
        elif h.is_goal_list(text):
            self.list_role = "goals"
        self._area_heading(item, text)

    def areas_in_heading(self, text):
        return self._match_declared(text) is not None

    def _activity(self, item, text):
        if h.is_activity(text):
            self.activity_level = item.level
        elif h.is_background(text) or (
            self.activity_level is not None and item.level < self.activity_level
        ):
            self.activity_level = None

    def _area_heading(self, item, text):
        if self.mode == "numbered":
            if item.role == "heading" and numbered(item) is not None:
                number, title = h.area_number_and_title(text)
                self.current = AreaDraft(title=title, number=number, confidence=0.85)
                self.areas.append(self.current)
                self.development = False
                self.described = self.current
            return
        if self.mode == "declared":
            match = self._match_declared(text)
            if match is not None:
                self.current = match
                self.described = match
                self.development = False
            elif item.role == "heading":
                self.current = None
            return
        self.development = False
        if not h.is_generic(text) and not h.agency_of(text):
            self.pending = text
            self.current = None
            self.described = text

    def _match_declared(self, text):
        best, best_score = None, 0.0
        for area in self.areas:
            if not area.declared:
                continue
            score = similarity(text, area.title)
            if score > best_score:
                best, best_score = area, score
        return best if best_score >= 0.85 else None

    def _area(self):
        """The area a measure found now belongs to (heading mode makes it on demand)."""
        if self.mode != "headings" or self.pending is None:
            return self.current
        key = normalise(self.pending)
        for area in self.areas:
            if normalise(area.title) == key:
                self.current = area
                break
        else:
            number, title = h.area_number_and_title(self.pending)
            self.current = AreaDraft(title=title, number=number, confidence=0.6)
            self.current.description = self.descriptions.get(key, "")
            self.areas.append(self.current)
        self.pending = None
        return self.current

    # Paragraphs and list items
    def _body(self, item, following):
        text = item.text
        if self.described is not None and item.role == "para":
            self._describe(text)
        if self._label(item):
            return
        lead_in = (
            item.role == "para"
            and following is not None
            and following.role == "list"
            and (text.endswith(":") or not text.endswith((".", "!", "?")))
        )
        if lead_in:
            if h.is_goal_list(text):
                self.list_role = "goals"
            elif h.is_area_list(text):
                self.list_role = self.list_role or "areas"
            return
        if item.role == "list":
            self.list_seen = True
            if self._list_item(item):
                return
        else:
            self.list_role = None
        self._statement(item)
        if self.activity_level is not None and self.list_seen and not self.development:
            self._bullet_measure(item)

    def _describe(self, text):
        key = normalise(
            self.described.title if isinstance(self.described, AreaDraft) else self.described
        )
        if isinstance(self.described, AreaDraft) and not self.described.description:
            self.described.description = text
        self.descriptions.setdefault(key, text)
        self.described = None

    def _list_item(self, item):
        """Handle list items that are not measures; True when handled."""
        text = item.text.rstrip(" ,;")
        if self.list_role == "goals":
            self.goals.append(re.sub(r"\s+(?:samt|and|og|och)$", "", text))
            return True
        if self.list_role == "areas" or (self.mode == "declared" and self._match_declared(text)):
            return True
        if h.is_development(text):
            self.development = True
            return True
        return False

    def _statement(self, item):
        """A plain statement: development item, and the title an "Ansvar:" may take."""
        self.open = None
        self.statement = {"text": item.text, "lead": item.bold_lead, "used": False}
        if self.development:
            area = self._area()
            if area is not None:
                area.development.append(item.text)

    def _bullet_measure(self, item):
        number, text = number_prefix(item.text)
        title, description = split_title(text, item.bold_lead)
        draft = MeasureDraft(title=title, description=description, number=number)
        draft.refs = refs_in(item.text)
        if self.agency:
            draft.responsible = [self.agency]
        draft.kind = self.kind
        draft.area = self._area()
        draft.confidence = {
            "number": 0.8 if number else 0.7,
            "title": 0.75 if item.role == "list" else 0.55,
            "description": 0.6,
            "responsible": 0.6 if self.agency else 0.4,
            "kind": 0.7 if self.kind else 0.6,
            "timing": 0.6,
            "status": 0.8,
            "area": 0.8 if self.mode != "headings" else 0.6,
        }
        self.found["list"].append(draft)

    # "Insats: … / Ansvar: …"
    def _label(self, item):
        label = label_of(item.text)
        if label is None:
            return False
        role, value = label
        if role == "title":
            self.open = self._label_measure(value, "")
            return True
        target = self.open
        if target is None or (role == "responsible" and target.responsible):
            statement = self.statement
            if statement is None or statement["used"]:
                return True
            statement["used"] = True
            area = self._area()
            if area is not None and statement["text"] in area.development:
                area.development.remove(statement["text"])
            target = self.open = self._label_measure(statement["text"], statement["lead"])
        self._apply_label(target, role, value)
        return True

    def _label_measure(self, text, lead):
        number, text = number_prefix(text)
        title, description = split_title(text, lead)
        draft = MeasureDraft(title=title, description=description, number=number)
        draft.area = self._area()
        draft.kind = self.kind
        draft.confidence = {
            "number": 0.8 if number else 0.75,
            "title": 0.85,
            "description": 0.7,
            "responsible": 0.5,
            "kind": 0.7,
            "timing": 0.6,
            "status": 0.8,
            "area": 0.85 if self.mode != "headings" else 0.6,
        }
        if self.agency:
            draft.responsible = [self.agency]
        self.found["label"].append(draft)
        return draft

    def _apply_label(self, draft, role, value):
        if role == "responsible":
            draft.responsible, draft.partners = parse_parties(value)
            draft.confidence["responsible"] = 0.85
        elif role == "timing":
            draft.timing = timing_of(value)
        elif role == "status":
            draft.status, draft.confidence["status"] = parse_status(value, self.as_of)
        elif role == "partners":
            draft.partners += split_names(value)
        elif role == "target_groups":
            draft.target_groups += split_names(value)

    # Tables
    def _table(self, item):
        table = item.block
        for index, row in enumerate(table.rows[:3]):
            roles = header_roles(row)
            if roles:
                start = 0  # a table that repeats the header keeps every row
                if self.table is None or self.table.roles_named != roles:
                    self.table = MeasureTable(
                        roles, row, kind=self.kind, as_of=self.as_of, deadline=self.deadline
                    )
                    self.tables.append(self.table)
                    start = max(index - 1, 0)  # rows above a new header are its title
                self.table.add_table(table.rows[start:], self._area, self.agency)
                return
        if self.table is not None and table.width == self.table.width:
            self.table.add_table(table.rows, self._area, self.agency)
            return
        group = group_of(table, self.last_heading)
        if group:
            self.groups.append(group)

    def measures(self):
        for table in self.tables:
            self.found["table"].extend(table.measures())
        for shape in SHAPES:
            if len(self.found[shape]) >= 2:
                return shape, self.found[shape]
        for shape in SHAPES:
            if self.found[shape]:
                return shape, self.found[shape]
        return None, []
