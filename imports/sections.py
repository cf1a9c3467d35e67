"""Blocks → items with a role, cleaned of page debris, and split into the plans they hold.

Page breaks leave marks in extracted text: a sentence cut in two, a running header in the
middle of a list, a page number. Those are mended here so that the recogniser sees the
document as its author wrote it. A document can hold more than one plan (a strategy and
its annual action plan): the numbering of goal areas starting again at 1 marks a new one.
"""

import re
from dataclasses import dataclass

from imports import vocabulary as vocab
from imports.blocks import Paragraph, Table
from imports.errors import Deadline
from imports.textutil import NUMBERED_TITLE

# Words a sentence cut by a page break may end with.
OPEN_ENDINGS = {
    "och",
    "og",
    "and",
    "eller",
    "or",
    "samt",
    "för",
    "for",
    "i",
    "på",
    "av",
    "med",
    "til",
    "till",
    "som",
    "att",
    "å",
    "en",
    "ett",
    "et",
    "ei",
    "the",
    "of",
    "to",
    "in",
    "a",
    "om",
    "mot",
    "fra",
    "från",
    "ved",
    "vid",
    "der",
    "där",
    "de",
    "den",
    "det",
    "inom",
    "innen",
}
TERMINAL = (".", "!", "?", ":", ";", "»", "”", '"', ")")


@dataclass
class Item:
    role: str  # "heading", "label", "para", "list" or "table"
    block: object
    level: int = 0

    @property
    def text(self):
        return "" if isinstance(self.block, Table) else self.block.text

    @property
    def bold_lead(self):
        return "" if isinstance(self.block, Table) else self.block.bold_lead


def items_of(blocks, deadline=None):
    """Blocks as items, with page debris removed and cut paragraphs joined again."""
    check = (deadline or Deadline()).check
    blocks = [b for b in blocks if not _debris(b)]
    blocks = _drop_running_headers(blocks)
    items = []
    # The texts the last item is made of; a paragraph cut by page breaks is joined once at
    # the end, as joining piece by piece made thousands of cut lines take minutes.
    pieces = []
    for index, block in enumerate(blocks):
        if index % 200 == 0:
            check()
        if isinstance(block, Table):
            _join(items, pieces)
            items.append(Item("table", block))
            pieces = []
            continue
        if items and _continues(items[-1], block, _tail(pieces)):
            joiner = "" if pieces[-1].endswith("-") and block.text[:1].islower() else " "
            pieces += [joiner, block.text]
            continue
        _join(items, pieces)
        items.append(_item(block))
        pieces = [block.text]
    _join(items, pieces)
    return items


def _join(items, pieces):
    """Give the last item the paragraph its pieces make, when a page break had cut it."""
    if len(pieces) > 1:
        first = items[-1].block
        items[-1].block = Paragraph(
            "".join(pieces),
            level=first.level,
            list_item=first.list_item,
            bold_lead=first.bold_lead,
            page=first.page,
        )


def _tail(pieces, size=200):
    """The end of the text `pieces` make: enough for its last word and last character."""
    text = ""
    for piece in reversed(pieces):
        text = piece + text
        if len(text) >= size:
            break
    return text[-size:]


def _item(block):
    if block.is_heading:
        return Item("heading", block, block.level)
    text = block.text
    if text.endswith(":") and len(text.split()) <= 16 and not block.list_item:
        return Item("label", block, 9)
    if (
        block.bold_lead
        and block.bold_lead == text
        and len(text.split()) <= 12
        and not text.endswith(".")
        and not block.list_item
    ):
        # A whole paragraph in bold, short and without a full stop, acts as a heading.
        return Item("heading", block, 3)
    return Item("list" if block.list_item else "para", block)


def _debris(block):
    if isinstance(block, Table):
        return not any(cell.flat for row in block.rows for cell in row)
    text = block.text
    if not text:
        return True
    if re.fullmatch(r"(?:side|sida|page|s\.)?\s*\d{1,4}(?:\s*(?:av|of|/)\s*\d{1,4})?", text, re.I):
        return True
    return bool(re.search(r"\bforts\.\s+(?:nästa|neste|från|fra)\b", text, re.I))


def _drop_running_headers(blocks):
    """A top-level heading between two items of one list is a page's running header."""
    result = []
    for i, block in enumerate(blocks):
        if (
            isinstance(block, Paragraph)
            and block.level == 1
            and 0 < i < len(blocks) - 1
            and isinstance(blocks[i - 1], Paragraph)
            and blocks[i - 1].list_item
            and isinstance(blocks[i + 1], Paragraph)
            and blocks[i + 1].list_item
        ):
            continue
        result.append(block)
    return result


def _continues(item, block, previous):
    """True when `block` is the rest of a paragraph a page break cut in two; `previous`
    is (the end of) the text of `item` so far."""
    if item.role not in ("para", "list") or block.is_heading or block.list_item:
        return False
    if not previous or previous.endswith(TERMINAL):
        return False
    first = block.text[:1]
    if first.islower():
        return True
    last_word = previous.split()[-1].lower() if previous.split() else ""
    return last_word in OPEN_ENDINGS or previous.endswith("-")


def numbered(item):
    """The area number of a heading like "3. Samverkan …", or None."""
    if item.role != "heading":
        return None
    match = NUMBERED_TITLE.match(item.text)
    return int(match.group(1)) if match else None


def segments(items):
    """Items split into the plans they hold: a new plan starts where area numbering restarts."""
    starts = [0]
    highest = 0
    for index, item in enumerate(items):
        number = numbered(item)
        if number is None:
            continue
        if number == 1 and highest >= 2:
            starts.append(_segment_start(items, index, starts[-1]))
        highest = number if number != 1 or highest < 2 else 1
    bounds = list(zip(starts, starts[1:] + [len(items)], strict=True))
    return [items[start:end] for start, end in bounds if end > start]


def _segment_start(items, index, floor):
    """Back from the restart to the plan's own title heading, if one is close."""
    for back in range(index - 1, max(floor, index - 12), -1):
        item = items[back]
        if item.role == "heading" and (
            item.level == 1 or vocab.contains_word(item.text, vocab.PLAN_WORDS)
        ):
            return back
        if numbered(item) is not None:
            break
    return index
