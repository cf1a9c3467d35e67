"""Word (.docx) → blocks, with python-docx.

Body paragraphs and tables are read in document order. A paragraph's heading level comes
from its style ("Heading 2", "Overskrift 2", "Rubrik 2", "Title") or its outline level;
it is a list item when it has numbering or a list style. Merged table cells are read once
(a caption row spanning the table becomes one cell followed by empty ones).
"""

import io
import re

from imports.blocks import Cell, Paragraph, Table, bold_lead_of
from imports.errors import UnreadableFile
from imports.safety import damaged, open_zip

HEADING_STYLE = re.compile(r"(?:heading|overskrift|rubrik|otsikko|überschrift)\s*(\d)", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data, deadline):
    open_zip(data)  # refuses zip bombs before python-docx unpacks anything
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds of errors for a broken file
        raise damaged() from None
    try:
        return _blocks(document, deadline)
    except UnreadableFile:
        raise
    except Exception:  # a part of the wrong shape (styles, body) fails only when read
        raise damaged() from None


def _blocks(document, deadline):
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    blocks = []
    styles = _Styles(document)
    numbering = _Numbering(document, styles)
    for index, element in enumerate(_body_elements(document.element.body)):
        if index % 200 == 0:
            deadline.check()
        if element.tag == W + "p":
            paragraph = _paragraph(DocxParagraph(element, document), numbering, styles)
            if paragraph:
                blocks.append(paragraph)
        elif element.tag == W + "tbl":
            blocks.append(_table(DocxTable(element, document), deadline, styles))
    return blocks


def _body_elements(body):
    """Paragraphs and tables of the body, also those inside content controls."""
    for element in body.iterchildren():
        if element.tag in (W + "p", W + "tbl"):
            yield element
        elif element.tag == W + "sdt":
            content = element.find(W + "sdtContent")
            if content is not None:
                yield from _body_elements(content)


class _Styles:
    """Styles looked up once per style id: python-docx scans every style on each lookup,
    which made a long document slow."""

    def __init__(self, document):
        self.by_id = {}
        self.default = None
        for style in document.styles:
            style_id = style.element.get(W + "styleId")
            self.by_id[style_id] = style
            if style.element.get(W + "default") in ("1", "true") and style.type == 1:
                self.default = style
        self.cache = {}

    def paragraph_style(self, paragraph):
        node = paragraph._p.find(f"{W}pPr/{W}pStyle")
        style_id = node.get(W + "val") if node is not None else None
        return self.info(style_id)

    def info(self, style_id):
        """(name, bold, numPr element or None) of a style, following its base styles."""
        if style_id not in self.cache:
            style = self.by_id.get(style_id) if style_id else self.default
            name = style.name if style is not None else ""
            bold, num_pr, current = None, None, style
            while current is not None:
                if bold is None and current.font is not None and current.font.bold is not None:
                    bold = current.font.bold
                if num_pr is None:
                    num_pr = current.element.find(f"{W}pPr/{W}numPr")
                current = current.base_style
            self.cache[style_id] = (name or "", bool(bold), num_pr)
        return self.cache[style_id]

    def run_bold(self, run):
        node = run._r.find(f"{W}rPr/{W}rStyle")
        if node is None:
            return None
        return self.info(node.get(W + "val"))[1]


def _segments(paragraph, styles=None):
    style_bold = styles.paragraph_style(paragraph)[1] if styles else _style_bold(paragraph.style)
    for run in paragraph.runs:
        if run.bold is not None:
            bold = run.bold
        elif styles is not None:
            bold = styles.run_bold(run) or style_bold
        else:
            bold = _style_bold(run.style) or style_bold
        yield run.text, bool(bold)


def _style_bold(style):
    while style is not None:
        if style.font is not None and style.font.bold is not None:
            return style.font.bold
        style = style.base_style
    return False


class _Numbering:
    """Word's list numbering: each numbered paragraph's marker ("bullet", "3.") and level."""

    def __init__(self, document, styles=None):
        self.styles = styles
        self.formats = {}  # (numId, ilvl) → (numFmt, lvlText)
        self.counters = {}  # numId → list of counts per level
        try:
            root = document.part.numbering_part.element
        except Exception:  # a document without numbering definitions
            return
        abstract = {}
        for node in root.findall(W + "abstractNum"):
            levels = {}
            for lvl in node.findall(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                levels[lvl.get(W + "ilvl")] = (
                    fmt.get(W + "val") if fmt is not None else "decimal",
                    text.get(W + "val") if text is not None else "%1.",
                )
            abstract[node.get(W + "abstractNumId")] = levels
        for num in root.findall(W + "num"):
            ref = num.find(W + "abstractNumId")
            levels = abstract.get(ref.get(W + "val") if ref is not None else None, {})
            for ilvl, value in levels.items():
                self.formats[(num.get(W + "numId"), ilvl)] = value

    def marker(self, paragraph):
        """(marker, depth) of a paragraph, ("", 0) when it is not numbered."""
        num_pr = paragraph._p.find(f"{W}pPr/{W}numPr")
        if num_pr is None and self.styles is not None:
            num_pr = self.styles.paragraph_style(paragraph)[2]
        elif num_pr is None:
            style = paragraph.style
            while num_pr is None and style is not None:
                num_pr = style.element.find(f"{W}pPr/{W}numPr")
                style = style.base_style
        if num_pr is None:
            return "", 0
        num_id = num_pr.find(W + "numId")
        ilvl = num_pr.find(W + "ilvl")
        num_id = num_id.get(W + "val") if num_id is not None else None
        level = int(ilvl.get(W + "val")) if ilvl is not None else 0
        if num_id in (None, "0"):
            return "", 0
        fmt, text = self.formats.get((num_id, str(level)), ("decimal", "%1."))
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = 0
        if fmt in ("bullet", "none"):
            return "bullet", level
        value = counts[level]
        if fmt in ("lowerLetter", "upperLetter"):
            shown = chr(ord("a") + (value - 1) % 26)
            shown = shown.upper() if fmt == "upperLetter" else shown
        else:
            shown = str(value)
        suffix = ")" if ")" in text else "."
        return shown + suffix, level


def _paragraph(paragraph, numbering=None, styles=None):
    text = paragraph.text
    if not text.strip():
        return None
    if styles is not None:
        style = styles.paragraph_style(paragraph)[0]
    else:
        style = paragraph.style.name if paragraph.style is not None else ""
    level = 0
    match = HEADING_STYLE.search(style)
    if match:
        level = int(match.group(1))
    elif style.lower() in ("title", "tittel", "rubrik"):
        level = 1
    else:
        outline = paragraph._p.find(f"{W}pPr/{W}outlineLvl")
        if outline is not None and outline.get(W + "val", "9").isdigit():
            value = int(outline.get(W + "val"))
            level = value + 1 if value < 9 else 0
    numbered = paragraph._p.find(f"{W}pPr/{W}numPr") is not None
    listed = numbered or "list" in style.lower() or "liste" in style.lower()
    lead = bold_lead_of(list(_segments(paragraph, styles)))
    marker, depth = numbering.marker(paragraph) if numbering and listed else ("", 0)
    return Paragraph(
        text,
        level=level,
        list_item=listed and not level,
        bold_lead=lead,
        marker="" if level else marker,
        depth=depth,
    )


def _table(table, deadline, styles=None):
    rows = []
    seen, kept = set(), []  # kept: the elements stay alive, so their ids stay theirs
    for row_index, row in enumerate(table.rows):
        if row_index % 100 == 0:
            deadline.check()
        cells = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                cells.append(Cell())  # the rest of a merged cell, across or down
                continue
            seen.add(id(cell._tc))
            kept.append(cell._tc)
            texts, lead = [], ""
            for paragraph in cell.paragraphs:
                if paragraph.text.strip():
                    if not texts:
                        lead = bold_lead_of(list(_segments(paragraph, styles)))
                    texts.append(paragraph.text)
            for inner in cell.tables:  # a table in a cell is read as its text
                for inner_row in inner.rows:
                    texts.append(" ".join(c.text for c in inner_row.cells))
            cells.append(Cell("\n".join(texts), lead))
        rows.append(cells)
    return Table(rows)
