"""Inline markup inside a line of text: <b>/<strong>, **bold**, <p>, <br>, <li> and entities.

Text copied out of Word or a web page often keeps such markup (the seeds do), so the text,
CSV and spreadsheet readers all pass cell and line text through here.
"""

import html
import re

from imports.blocks import bold_lead_of, clean

_TOKEN = re.compile(
    r"(<\s*/?\s*(?:b|strong)\s*>"
    r"|<\s*/?\s*(?:p|div|li|ul|ol|br|tr|h[1-6])\b[^<>]*>"
    r"|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>"
    r"|\*\*|__)",
)
_BLOCK_TAG = re.compile(r"<\s*/?\s*(?:p|div|li|ul|ol|br|tr|h[1-6])\b", re.I)
_BOLD_TAG = re.compile(r"<\s*(/?)\s*(?:b|strong)\s*>", re.I)
_STRAY_STARS = re.compile(r"^\*+(?=\S)(?!.*\*\*)|(?<=\S)(?<!\*)\*+$")


def parse_inline(raw):
    """Paragraphs in `raw` as (text, bold_lead) pairs; markup removed."""
    paragraphs = [[]]
    bold = False
    for piece in _TOKEN.split(raw or ""):
        if not piece:
            continue
        if piece in ("**", "__"):
            bold = not bold
            continue
        match = _BOLD_TAG.fullmatch(piece.strip())
        if match:
            bold = not match.group(1)
            continue
        if _BLOCK_TAG.match(piece):
            if paragraphs[-1]:
                paragraphs.append([])
            if piece.lstrip("< ").lower().startswith("li") and not piece.startswith("</"):
                paragraphs[-1].append(("• ", False))
            continue
        if piece.startswith("<") and piece.endswith(">"):
            continue  # other tags: <u>, <span>, <a> … carry no structure
        paragraphs[-1].append((html.unescape(piece), bold))
    result = []
    for segments in paragraphs:
        text = clean("".join(text for text, _ in segments))
        text = _STRAY_STARS.sub("", text).strip()
        if text and text != "•":
            result.append((text, _STRAY_STARS.sub("", bold_lead_of(segments)).strip()))
    return result


def inline_text(raw):
    """`raw` as one plain line (paragraphs joined with spaces) and its bold lead-in."""
    paragraphs = parse_inline(raw)
    if not paragraphs:
        return "", ""
    return " ".join(text for text, _ in paragraphs), paragraphs[0][1]
