"""Test setup: the seed documents as a municipality would have them, .docx and .pdf.

The seeds are text extracted from Word and PDF files. This turns such text back into a
document the simple way a person would retype it: a short line standing alone becomes a
heading (ALL CAPS a top-level one), "- " lines become bulleted list items, lines of
tab-separated cells become a table (the rows of one table may be split by blank lines, as
at a page break), <b>/** become bold and <p> a new paragraph in a cell. It is written
independently of the importer's readers, which must then find the plan again in the
.docx (python-docx) and in the .pdf (WeasyPrint, read back by pdfplumber).
"""

import html
import os
import re
from pathlib import Path

# shared/ lies beside the project folder, in a checkout as in CI.
SEEDS = Path(
    os.environ.get("SAMORDNA_SEEDS", Path(__file__).resolve().parents[3] / "shared" / "seeds")
)
BULLET = re.compile(r"^\s*(?:[-•■▪◦●–]|\*{1,2}(?=\s))\s+")
NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+\S")


def seed_path(prefix):
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return found[0] if found else None


def parse(text):
    """Seed text → a list of ("heading", level, runs), ("para", runs, listed) and
    ("table", rows) where a row is a list of cells and a cell a list of paragraphs of runs."""
    lines = text.replace("\r\n", "\n").split("\n")
    result, table_width = [], None
    for i, line in enumerate(lines):
        if "\t" in line and line.strip():
            cells = [_paragraphs(part) for part in line.split("\t")]
            if result and result[-1][0] == "table" and table_width == len(cells):
                result[-1][1].append(cells)
            else:
                result.append(("table", [cells]))
                table_width = len(cells)
            continue
        if not line.strip():
            continue
        table_width = None
        before = lines[i - 1].strip() if i else ""
        after = lines[i + 1].strip() if i + 1 < len(lines) else ""
        markdown = re.match(r"^(#{1,6})\s+(.*)$", line.strip())
        if markdown:
            result.append(("heading", len(markdown.group(1)), _runs(markdown.group(2))))
        elif BULLET.match(line):
            result.append(("para", _runs(BULLET.sub("", line, count=1)), "bullet"))
        elif NUMBERED.match(line) and (NUMBERED.match(before) or NUMBERED.match(after)):
            result.append(("para", _runs(line.strip()), "number"))
        elif not before and not after and _heading_like(_plain(line)):
            plain = _plain(line)
            level = 1 if plain.upper() == plain and sum(c.isalpha() for c in plain) > 3 else 2
            result.append(("heading", level, _runs(line.strip())))
        else:
            result.append(("para", _runs(line.strip()), None))
    return result


def _heading_like(text):
    words = text.split()
    numbered = re.match(r"\d{1,2}\.\s", text)
    return (
        0 < len(words) <= (24 if numbered else 14)
        and len(text) <= (160 if numbered else 100)
        and not text.endswith((".", ",", ";", ":", "!", "?"))
        and not text[:1].islower()
        and not re.search(r"[.!?]\s+[A-ZÆØÅÄÖ]", re.sub(r"^\d{1,2}\.\s", "", text))
        and sum(c.isalpha() for c in text) >= 3
    )


def _plain(raw):
    return "".join(text for text, _ in _runs(raw)).strip()


def _runs(raw):
    """Text with <b>/** markup → [(text, bold)]; other tags dropped."""
    runs, bold = [], False
    for piece in re.split(r"(</?(?:b|strong)>|\*\*|<[^<>]+>)", raw):
        if not piece:
            continue
        if piece in ("**",) or re.fullmatch(r"</?(?:b|strong)>", piece):
            bold = not piece.startswith("</") if piece != "**" else not bold
            continue
        if piece.startswith("<") and piece.endswith(">"):
            continue
        runs.append((html.unescape(piece), bold))
    return runs


def _paragraphs(raw):
    parts = re.split(r"</?p>|<br\s*/?>|<li>|<ul[^>]*>|</ul>|</li>", raw)
    return [_runs(part.strip()) for part in parts if _plain(part.strip())]


def to_docx(text, path):
    import docx

    document = docx.Document()
    for block in parse(text):
        if block[0] == "heading":
            paragraph = document.add_heading(level=min(block[1], 4))
            _add_runs(paragraph, block[2])
        elif block[0] == "para":
            style = {"bullet": "List Bullet", "number": "List Paragraph"}.get(block[2])
            paragraph = document.add_paragraph(style=style)
            _add_runs(paragraph, block[1])
        else:
            rows = block[1]
            width = max(len(row) for row in rows)
            table = document.add_table(rows=0, cols=width)
            table.style = "Table Grid"
            for row in rows:
                cells = table.add_row().cells
                for cell, paragraphs in zip(cells, row, strict=False):
                    for index, runs in enumerate(paragraphs):
                        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                        _add_runs(paragraph, runs)
    document.save(path)
    return path


def _add_runs(paragraph, runs):
    for text, bold in runs:
        run = paragraph.add_run(text)
        run.bold = bold or None


def to_html(text):
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><style>",
        "@page { size: A4; margin: 2cm }",
        "body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt }",
        "h1 { font-size: 18pt } h2 { font-size: 14pt } h3 { font-size: 12pt }",
        "table { border-collapse: collapse; width: 100%; margin: 6pt 0 }",
        "td { border: 0.75pt solid black; padding: 3pt; vertical-align: top }",
        "td p { margin: 0 0 3pt 0 }",
        "</style></head><body>",
    ]
    open_list = False
    for block in parse(text):
        if block[0] == "para" and block[2] == "bullet":
            if not open_list:
                parts.append("<ul>")
                open_list = True
            parts.append(f"<li>{_html_runs(block[1])}</li>")
            continue
        if open_list:
            parts.append("</ul>")
            open_list = False
        if block[0] == "heading":
            level = min(block[1], 4)
            parts.append(f"<h{level}>{_html_runs(block[2])}</h{level}>")
        elif block[0] == "para":
            parts.append(f"<p>{_html_runs(block[1])}</p>")
        else:
            parts.append("<table>")
            for row in block[1]:
                cells = "".join(
                    "<td>" + "".join(f"<p>{_html_runs(p)}</p>" for p in cell) + "</td>"
                    for cell in row
                )
                parts.append(f"<tr>{cells}</tr>")
            parts.append("</table>")
    if open_list:
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _html_runs(runs):
    return "".join(
        f"<b>{html.escape(text)}</b>" if bold else html.escape(text) for text, bold in runs
    )


def to_pdf(text, path):
    from weasyprint import HTML

    HTML(string=to_html(text)).write_pdf(path)
    return path
