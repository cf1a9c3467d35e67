"""PDF → blocks, with pdfplumber (text, fonts and ruled tables) after pypdf's checks.

A PDF has no paragraphs or headings, only positioned characters. Lines are grouped into
paragraphs where the gap between them is small and the font stays the same; a line in a
clearly larger font than the body text is a heading (the largest size is level 1); a line
that starts with a bullet is a list item. Ruled tables are read cell by cell, so a cell's
bold lead-in is kept. Encrypted and image-only (scanned) PDFs are refused with a message.
"""

import io
import re
from collections import Counter

from django.utils.translation import gettext as _

from imports.blocks import Cell, Paragraph, Table
from imports.errors import UnreadableFile, no_text
from imports.safety import damaged

MAX_PAGES = 500
BULLETS = "•◦▪■●–-*·"
BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def read_pdf(data, deadline):
    pages = _check(data)
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            elements, images, sizes = [], 0, Counter()
            for number, page in enumerate(pdf.pages[:pages], start=1):
                deadline.check()
                images += len(page.images)
                sizes.update(round(c["size"], 1) for c in page.chars if c["text"].strip())
                elements.extend(_page_elements(page, number, deadline))
                page.flush_cache()
    except UnreadableFile:
        raise
    except Exception:  # pdfminer raises many kinds of errors for a broken file
        raise damaged() from None
    if not any(e["kind"] == "table" or e["text"].strip() for e in elements):
        if images:
            raise UnreadableFile(
                _(
                    "This PDF holds only pictures of pages (a scan), no text. Samordna "
                    "cannot read scanned pages: use the original document, a PDF saved "
                    "from Word, or paste the text."
                ),
                code="scanned",
            )
        raise no_text()
    return _blocks(elements, sizes)


def _check(data):
    """The number of pages, after refusing encrypted, broken and very long PDFs."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile(
                _(
                    "The PDF is protected with a password. Open it, save a copy without "
                    "the password (or export the plan again), and try again."
                ),
                code="encrypted",
            )
        pages = len(reader.pages)
    except UnreadableFile:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise damaged() from None
    except Exception:  # pypdf may fail in other ways on a damaged file
        raise damaged() from None
    if pages > MAX_PAGES:
        raise UnreadableFile(
            _("The PDF has %(pages)d pages; Samordna reads plans of up to %(limit)d pages.")
            % {"pages": pages, "limit": MAX_PAGES},
            code="too_long",
        )
    return pages


def _page_elements(page, number, deadline):
    tables = page.find_tables({"explicit_horizontal_lines": _closing_lines(page)})
    boxes = [table.bbox for table in tables]

    def outside(obj):
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    elements = []
    for line in page.filter(outside).extract_text_lines(return_chars=True, strip=True):
        if line["text"].strip():
            elements.append(_line(line, number))
    for table in tables:
        deadline.check()
        elements.append(
            {
                "kind": "table",
                "top": table.bbox[1],
                "page": number,
                "table": _table(page, table),
                "text": "",
            }
        )
    elements.sort(key=lambda e: (e["page"], e["top"]))
    return elements


def _closing_lines(page):
    """Horizontal lines that close table rows a page break left open.

    A row split over two pages has no bottom border on the first page and no top border
    on the next, so its cells are not closed; a line where ruled columns start or end
    closes them again.
    """
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 2]
    horizontals = [e for e in page.edges if e["orientation"] == "h"]
    ends = {}
    for edge in verticals:
        for y in (round(edge["top"]), round(edge["bottom"])):
            ends.setdefault(y, []).append(edge)
    lines = []
    for y, edges in ends.items():
        x0 = min(e["x0"] for e in edges)
        x1 = max(e["x1"] for e in edges)
        if len(edges) < 2 or x1 - x0 < 10:
            continue
        closed = any(
            abs(h["top"] - y) <= 3 and h["x0"] <= x0 + 3 and h["x1"] >= x1 - 3 for h in horizontals
        )
        if not closed:
            lines.append(
                {
                    "x0": x0,
                    "x1": x1,
                    "top": y,
                    "bottom": y,
                    "width": x1 - x0,
                    "height": 0,
                    "object_type": "line",
                    "doctop": y,
                }
            )
    return lines


def _line(line, number):
    chars = [c for c in line["chars"] if c["text"].strip()]
    sizes = Counter(round(c["size"], 1) for c in chars)
    return {
        "kind": "line",
        "page": number,
        "text": line["text"],
        "top": line["top"],
        "bottom": line["bottom"],
        "x0": line["x0"],
        "size": sizes.most_common(1)[0][0] if sizes else 0,
        "bold": bool(chars) and all(BOLD.search(c.get("fontname", "")) for c in chars),
        "lead": _bold_lead(line["text"], line["chars"]),
    }


def _bold_lead(text, chars):
    """The bold start of a line, with the spaces of `text` (PDFs often hold no spaces)."""
    count, bold_seen = 0, False
    for char in chars:
        if not char["text"].strip():
            continue
        if not BOLD.search(char.get("fontname", "")):
            # A plain measure number before the bold words belongs in front of the lead.
            if not bold_seen and count < 4 and (char["text"].isdigit() or char["text"] in ".)"):
                count += 1
                continue
            break
        bold_seen = True
        count += 1
    if not bold_seen:
        return ""
    seen = 0
    for index, char in enumerate(text):
        if not char.isspace():
            seen += 1
            if seen == count:
                return text[: index + 1].strip()
    return text.strip()


def _table(page, table):
    rows = []
    for row in table.rows:
        cells = []
        for bbox in row.cells:
            if bbox is None:
                cells.append(Cell())
                continue
            lines = page.crop(bbox, strict=False).extract_text_lines(return_chars=True)
            paragraphs = _paragraphs([_line(line, 0) for line in lines if line["text"].strip()])
            text = "\n".join(p["text"] for p in paragraphs)
            cells.append(Cell(text, paragraphs[0]["lead"] if paragraphs else ""))
        rows.append(cells)
    return Table(rows)


def _paragraphs(lines):
    """Lines → paragraphs: a new one after a wider gap, a bullet, or a change of font."""
    result = []
    for line in lines:
        starts_list = line["text"][:1] in BULLETS and line["text"][1:2] == " "
        if result:
            last = result[-1]
            gap = line["top"] - last["bottom"]
            same_font = abs(line["size"] - last["size"]) < 0.6
            if gap < 0.45 * max(line["size"], 1) and same_font and not starts_list:
                _join_line(last, line)
                last["bottom"] = line["bottom"]
                continue
            if gap < 0.45 * max(line["size"], 1) and not starts_list and last["list"]:
                _join_line(last, line)
                last["bottom"] = line["bottom"]
                continue
        entry = dict(line)
        entry["list"] = starts_list
        if starts_list:
            entry["text"] = line["text"][1:].strip()
            entry["lead"] = entry["lead"].lstrip(BULLETS + " ")
        result.append(entry)
    return result


def _depth(list_x, x0):
    """The nesting depth of a bullet whose line starts at `x0` points."""
    while list_x and x0 < list_x[-1] - 3:
        list_x.pop()
    if not list_x or x0 > list_x[-1] + 3:
        list_x.append(x0)
    return len(list_x) - 1


def _join_line(paragraph, line):
    """Add a wrapped line to a paragraph; a bold lead-in may go on over the line break."""
    if paragraph["lead"] and paragraph["lead"] == paragraph["text"] and line["lead"]:
        paragraph["lead"] += " " + line["lead"]
    paragraph["text"] += " " + line["text"]


def _blocks(elements, sizes):
    body = sizes.most_common(1)[0][0] if sizes else 10
    line_sizes = {e["size"] for e in elements if e["kind"] == "line"}
    heading_sizes = sorted({s for s in line_sizes if s >= body * 1.15}, reverse=True)
    blocks, run = [], []

    list_x = []  # left edges of the open list levels, for nested bullets

    def flush():
        for paragraph in _paragraphs(run):
            level = 0
            if paragraph["size"] in heading_sizes and len(paragraph["text"]) < 200:
                level = min(heading_sizes.index(paragraph["size"]) + 1, 6)
            listed = paragraph["list"] and not level
            depth = _depth(list_x, paragraph["x0"]) if listed else 0
            continues = not listed and not level and list_x and paragraph["x0"] > list_x[0] + 3
            if not listed and not continues:
                list_x.clear()
            blocks.append(
                Paragraph(
                    paragraph["text"],
                    level=level,
                    list_item=listed or bool(continues),  # an indented paragraph goes on
                    bold_lead=paragraph["lead"],
                    page=paragraph["page"],
                    marker="bullet" if listed else "",
                    depth=depth,
                )
            )
        run.clear()

    for element in elements:
        if element["kind"] == "table":
            flush()
            table = element["table"]
            table.page = element["page"]
            blocks.append(table)
        else:
            if run and element["page"] != run[-1]["page"]:
                # A paragraph cut by a page break is mended later (sections.items_of),
                # where the words on both sides tell whether it was one paragraph.
                flush()
            run.append(element)
    flush()
    return blocks
