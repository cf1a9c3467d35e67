"""What every reader produces: a document as a flat sequence of blocks.

A block is a paragraph or a table (rows of cells, each cell holding the same kind of text).
A paragraph is typed by its fields: a heading has a level; a list item has its marker
("bullet", or the number as printed: "1.", "2)", "a)") and its depth (0 at the top); a
label line is text like "Ansvar: Barnevernet" (see `label_of`); anything else is body text. The recogniser only ever sees
blocks, so a plan reads the same whether it came from Word, PDF, HTML or plain text.
"""

import re
import unicodedata
from dataclasses import dataclass, field

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def clean(text):
    """One line of text with runs of spaces collapsed and the ends trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


@dataclass
class Paragraph:
    text: str
    level: int = 0  # 1–6 for a heading, 0 for body text
    list_item: bool = False
    bold_lead: str = ""  # bold text the paragraph starts with, if any
    page: int | None = None
    marker: str = ""  # list items: "bullet" or the number as printed ("1.", "a)"); "" if none
    depth: int = 0  # list items: 0 at the top level, 1 for a sub-item, …

    def __post_init__(self):
        self.text = clean(self.text)
        self.bold_lead = clean(self.bold_lead)
        if self.marker and not self.level:
            self.list_item = True

    @property
    def is_heading(self):
        return self.level > 0


@dataclass
class Cell:
    """A table cell: its paragraphs joined by newlines, and the bold text it starts with."""

    text: str = ""
    bold_lead: str = ""

    def __post_init__(self):
        lines = [clean(line) for line in (self.text or "").split("\n")]
        self.text = "\n".join(line for line in lines if line)
        self.bold_lead = clean(self.bold_lead)

    @property
    def flat(self):
        return self.text.replace("\n", " ")


@dataclass
class Table:
    rows: list = field(default_factory=list)  # list of lists of Cell
    page: int | None = None

    @property
    def width(self):
        return max((len(row) for row in self.rows), default=0)


def bold_lead_of(segments):
    """The bold text at the start of a run of (text, bold) segments, e.g. Word runs."""
    lead = []
    bold_seen = False
    for text, bold in segments:
        if not text.strip():
            if lead:
                lead.append(text)
            continue
        if not bold:
            # A plain number before the bold words ("3. **Skriftliggjøre …**") is kept
            # in front of the lead-in, where the measure's number is read from it.
            if not bold_seen and re.fullmatch(r"\s*\d{1,3}[a-z]?[.)]?\s*", "".join(lead) + text):
                lead.append(text)
                continue
            break
        bold_seen = True
        lead.append(text)
    return "".join(lead).strip() if bold_seen else ""
