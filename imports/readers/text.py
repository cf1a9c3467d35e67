"""Plain text and Markdown → blocks.

Text copied from a document keeps its shapes: headings are short lines standing alone,
lists start with a bullet or a number, and table rows are cells separated by tabs (or
Markdown pipes). Markdown headings (#) and bold (**) are honoured; inline HTML is too.
"""

import re

from imports.blocks import Cell, Paragraph, Table
from imports.readers.inline import inline_text, parse_inline

BULLET = re.compile(r"^\s*(?:[-•■▪◦●▸►–✓]|\*{1,2}(?=\s))\s*")
NUMBERED = re.compile(r"^\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-z][.)])\s+\S")
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZÆØÅÄÖ0-9«\"]")
TERMINAL = tuple(".,;!?")
LABEL_LINE = re.compile(r"^\s*([A-Za-zÆØÅÄÖæøåäöÉé][\w ÆØÅÄÖæøåäö/-]{1,30}?)\s*:\s*\S")
NUMBER_MARKER = re.compile(r"^\s*((?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-z][.)]))")


def read_text(text, deadline=None):
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    if _hard_wrapped(lines):
        lines = _unwrap(lines)
    blocks = []
    table = None
    previous_blank = True
    indents = []  # indentation of the open list levels, for nested bullets
    for index, line in enumerate(lines):
        if deadline and index % 500 == 0:
            deadline.check()
        row = _row(line)
        if row is not None:
            if row:
                width = len(table.rows[-1]) if table is not None else 0
                if table is not None and not previous_blank and len(row) < width:
                    row += [Cell() for _ in range(width - len(row))]  # trailing tabs lost
                if table is None or width != len(row):
                    table = Table()
                    blocks.append(table)
                table.rows.append(row)
            previous_blank = False
            continue
        if not line.strip():
            previous_blank = True
            continue
        table = None
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        paragraph = _paragraph(line, previous_blank, next_line, lines, index)
        indent = len(line) - len(line.lstrip())
        if (
            not paragraph.list_item
            and not paragraph.level
            and indents
            and indent > indents[0]
            and blocks
            and getattr(blocks[-1], "list_item", False)
        ):
            paragraph.list_item, paragraph.depth = True, blocks[-1].depth  # continues the item
        elif paragraph.list_item:
            paragraph.depth = _depth(indents, len(line) - len(line.lstrip()))
        elif not paragraph.level:
            indents.clear()
        blocks.append(paragraph)
        previous_blank = False
    return blocks


def _depth(indents, indent):
    """The nesting depth of a list item indented by `indent` spaces."""
    while len(indents) > 1 and indent < indents[-1]:
        indents.pop()
    if not indents or indent > indents[-1]:
        indents.append(indent)
    elif indent < indents[-1]:
        indents[-1] = indent
    return len(indents) - 1


def _row(line):
    """Cells of a table row (tabs or Markdown pipes), [] for a pipe rule, None otherwise."""
    if PIPE_RULE.match(line) and "|" in line:
        return []
    if PIPE_ROW.match(line):
        return [_cell(part) for part in line.strip().strip("|").split("|")]
    if "\t" in line and line.strip():
        return [_cell(part) for part in line.split("\t")]
    return None


def _cell(raw):
    paragraphs = parse_inline(raw)
    return Cell("\n".join(text for text, _ in paragraphs), paragraphs[0][1] if paragraphs else "")


def _paragraph(line, previous_blank, next_line, lines, index):
    heading = MD_HEADING.match(line)
    if heading:
        text, lead = inline_text(heading.group(2))
        return Paragraph(text, level=len(heading.group(1)), bold_lead=lead)
    bullet = BULLET.match(line)
    if bullet and bullet.end() < len(line.rstrip()):
        text, lead = inline_text(line[bullet.end() :])
        return Paragraph(text, list_item=True, bold_lead=lead, marker="bullet")
    text, lead = inline_text(line)
    if LABEL_LINE.match(text) and _is_label(text):
        return Paragraph(text, bold_lead=lead)  # "Ansvar: Barnevernet" is never a heading
    if BULLET.match(next_line) or NUMBERED.match(next_line):
        # A line right above a list introduces it ("Arbeidsgruppen bør innledningsvis").
        numbered = NUMBERED.match(text) and not previous_blank
        marker = NUMBER_MARKER.match(text).group(1) if numbered else ""
        return Paragraph(text, list_item=bool(numbered), bold_lead=lead, marker=marker)
    following = next((line for line in lines[index + 1 : index + 3] if line.strip()), "")
    if (BULLET.match(following) or NUMBERED.match(following)) and _is_lead(text):
        return Paragraph(text, bold_lead=lead)
    alone = previous_blank and not next_line.strip()
    opens_block = previous_blank and len(next_line.strip()) > 2 * len(line.strip())
    if (alone or opens_block) and _looks_like_heading(text):
        return Paragraph(text, level=_heading_level(text), bold_lead=lead)
    numbered = NUMBERED.match(text) and (
        not previous_blank or (next_line.strip() and NUMBERED.match(next_line))
    )
    marker = NUMBER_MARKER.match(text).group(1) if numbered else ""
    return Paragraph(text, list_item=bool(numbered), bold_lead=lead, marker=marker)


def _is_lead(text):
    """A sentence that introduces the list below it: "Arbeidsgruppen bør innledningsvis"."""
    from imports import vocabulary as vocab

    if text.endswith(":"):
        return True
    words = vocab.words_of(text)
    tail = " ".join(words[-3:])
    return len(words) > 1 and any(
        tail == ending or tail.endswith(" " + ending) for ending in vocab.LEAD_ENDINGS
    )


def _is_label(text):
    from imports import vocabulary as vocab

    name = LABEL_LINE.match(text).group(1)
    return any(vocab.matches(name, words) for words in vocab.LABELS.values())


def _looks_like_heading(text):
    words = text.split()
    # Numbered goal areas may have long titles; other headings are short.
    limit = (160, 24) if re.match(r"\d{1,2}[.)]?\s", text) else (100, 14)
    if not words or len(text) > limit[0] or len(words) > limit[1]:
        return False
    unnumbered = re.sub(r"^\s*\d{1,2}(?:\.\d{1,2})*[.)]?\s+", "", text)
    if text.endswith(TERMINAL) or text.endswith(":") or SENTENCE_BREAK.search(unnumbered):
        return False
    first = text.lstrip("«\"'(").strip()
    if not first or not (first[0].isupper() or first[0].isdigit()):
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 3 or "@" in text or "www." in text.lower():
        return False
    return not re.fullmatch(r"[\d\s.,:/–-]+", text)


def _heading_level(text):
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return 1
    if re.match(r"^\d+\.\d+", text):
        return 3
    return 2


def _hard_wrapped(lines):
    """True for text broken into lines of a fixed width (e-mail, some exports)."""
    lengths = [len(line) for line in lines if line.strip() and "\t" not in line]
    if len(lengths) < 20:
        return False
    long = sorted(lengths)[int(len(lengths) * 0.9)]
    return long <= 80 and sum(1 for n in lengths if n > long * 0.6) > len(lengths) * 0.5


def _unwrap(lines):
    """Join the lines of each paragraph of hard-wrapped text; keep list items apart."""
    result = []
    # The open paragraph: its first line, the lines joined to it, and whether it may take
    # more. Joining at the end, not line by line, keeps a long paragraph linear in time.
    first, joined, open_ = None, [], False
    for line in lines:
        joinable = (
            open_
            and line.strip()
            and not BULLET.match(line)
            and not NUMBERED.match(line)
            and not MD_HEADING.match(line)
            and "\t" not in line
        )
        if joinable:
            joined.append(line.strip())
            # Only the first join can change how the paragraph starts ("#" + " text").
            open_ = len(joined) > 1 or not MD_HEADING.match(_joined(first, joined))
            continue
        if first is not None:
            result.append(_joined(first, joined))
        first, joined = line, []
        open_ = bool(line.strip()) and "\t" not in line and not MD_HEADING.match(line)
    if first is not None:
        result.append(_joined(first, joined))
    return result


def _joined(first, joined):
    return first.rstrip() + " " + " ".join(joined) if joined else first
