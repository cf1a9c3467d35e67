"""File → blocks → plan: picks the reader by the file's content and runs the recogniser."""

import os

from django.conf import settings

from imports.errors import Deadline, UnreadableFile, no_text
from imports.recognise import Recognition, recognise
from imports.safety import check_size, decode_text, sniff

DEFAULT_SECONDS = 30


def _reader(kind):
    if kind == "docx":
        from imports.readers.docx import read_docx

        return read_docx
    if kind == "xlsx":
        from imports.readers.xlsx import read_xlsx

        return read_xlsx
    if kind == "pdf":
        from imports.readers.pdf import read_pdf

        return read_pdf
    if kind == "csv":
        from imports.readers.csvfile import read_csv

        return read_csv
    if kind == "html":
        from imports.readers.html import read_html

        return read_html
    from imports.readers.text import read_text

    return lambda data, deadline: read_text(decode_text(data), deadline)


def read_blocks(name, data, deadline=None):
    """(blocks, notes) for the file `name` with the bytes `data`."""
    kind, note = sniff(name, data)
    deadline = deadline or _deadline()
    blocks = _reader(kind)(data, deadline)
    if not any(_has_text(block) for block in blocks):
        raise no_text()
    return blocks, [note] if note else []


def _deadline():
    return Deadline(getattr(settings, "IMPORT_SECONDS", DEFAULT_SECONDS))


def _has_text(block):
    rows = getattr(block, "rows", None)
    if rows is not None:
        return any(cell.flat for row in rows for cell in row)
    return bool(block.text)


def recognise_upload(name, data, prefer=None):
    """A Recognition of the plan in the file `name` with the bytes `data`; `prefer` picks a
    reading ("bullets", "numbered", "headings-2", "table" …) where the file offers it."""
    # One time bound covers reading and recognising the file.
    deadline = _deadline()
    blocks, notes = read_blocks(name, data, deadline)
    result = recognise(blocks, notes, prefer=prefer, deadline=deadline)
    if not result.document["title"]:
        # The schema needs a title; the file's name is the best guess, marked as unsure.
        stem = os.path.splitext(os.path.basename(name or ""))[0].replace("_", " ").strip()
        result.document["title"] = stem or "Plan"
        result.confidence["title"] = 0.1
    return result


def recognise_text(text):
    """A Recognition of pasted text."""
    if not (text or "").strip():
        raise no_text()
    return recognise_upload("pasted.txt", text.encode("utf-8"))


def recognise_path(path):
    """A Recognition of the file at `path` (refused before reading when it is too large)."""
    try:
        check_size(os.path.getsize(path))
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        from django.utils.translation import gettext as _

        raise UnreadableFile(_("There is no file %(path)s.") % {"path": path}, "missing") from None
    except IsADirectoryError:
        from django.utils.translation import gettext as _

        raise UnreadableFile(
            _("%(path)s is a folder, not a file.") % {"path": path}, "missing"
        ) from None
    return recognise_upload(os.path.basename(path), data)


def recognise_file(path):
    """(document, confidence) for the file at `path`; raises UnreadableFile."""
    result = recognise_path(path)
    return result.document, result.confidence


def fill_status_dates(document, as_of=None):
    """Give statuses the document left undated the date `as_of` (default today), as
    load_plan needs one; `--dry-run` output leaves them null, as the document does."""
    import datetime

    from imports.preview import date_statuses

    date_statuses(document, (as_of or datetime.date.today()).isoformat())
    return document


__all__ = [
    "Recognition",
    "fill_status_dates",
    "recognise_file",
    "recognise_path",
    "recognise_text",
    "recognise_upload",
]
