"""Rebuild the corpus's .docx and .pdf files from their sources in src/.

    .venv/bin/python imports/tests/corpus/build.py

The built files are committed, so the tests never need WeasyPrint. A `.docx.txt` source is
a small markup of the document's real structure: `#`… headings (Word "Heading N" styles),
`- ` bullets and `1. ` numbered items (Word "List Bullet"/"List Number" styles, which carry
the numbering XML), `  - ` a second-level bullet, `> ` a paragraph that continues the list
item above (indented, not numbered), `**Label:** value` a paragraph with a bold lead-in.
A `.html` source becomes a PDF through WeasyPrint, so pdf text extraction sees the shapes
a printed web page or report has.
"""

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"


def build_docx(source, target):
    import docx
    from docx.shared import Cm

    document = docx.Document()
    for raw in source.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", raw)
        if heading:
            document.add_heading(heading.group(2), level=len(heading.group(1)))
            continue
        if raw.startswith("  - "):
            document.add_paragraph(raw[4:], style="List Bullet 2")
        elif raw.startswith("- "):
            document.add_paragraph(raw[2:], style="List Bullet")
        elif re.match(r"^\d+\.\s", raw):
            document.add_paragraph(re.sub(r"^\d+\.\s+", "", raw), style="List Number")
        elif raw.startswith("> "):
            paragraph = document.add_paragraph(raw[2:], style="List Continue")
            paragraph.paragraph_format.left_indent = Cm(1.27)
        else:
            label = re.match(r"^\*\*(.+?)\*\*\s*(.*)$", raw)
            paragraph = document.add_paragraph()
            if label:
                paragraph.add_run(label.group(1)).bold = True
                if label.group(2):
                    paragraph.add_run(" " + label.group(2))
            else:
                paragraph.add_run(raw)
    document.save(target)


def build_pdf(source, target):
    from weasyprint import HTML

    HTML(filename=str(source)).write_pdf(str(target))


def main():
    for source in sorted(SRC.iterdir()):
        if source.name.endswith(".docx.txt"):
            target = HERE / source.name.removesuffix(".txt")
            build_docx(source, target)
        elif source.suffix == ".html":
            target = HERE / (source.stem + ".pdf")
            build_pdf(source, target)
        else:
            continue
        sys.stdout.write(f"{target.name}\n")


if __name__ == "__main__":
    main()
