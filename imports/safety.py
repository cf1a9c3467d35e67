"""Checks made before any parser sees a file: size, kind (by content), zip bombs, encodings.

The kind of a file is decided by its first bytes, not by its name, because a renamed file
must neither crash a parser nor be read as something it is not.
"""

import io
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.errors import UnreadableFile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A .docx or .xlsx is a zip; these bound what unpacking it may cost.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ZIP_MEMBERS = 5000

EXTENSIONS = {
    "docx": "docx",
    "docm": "docx",
    "xlsx": "xlsx",
    "xlsm": "xlsx",
    "csv": "csv",
    "tsv": "csv",
    "pdf": "pdf",
    "txt": "text",
    "text": "text",
    "md": "text",
    "markdown": "text",
    "html": "html",
    "htm": "html",
    "xhtml": "html",
}
KIND_NAMES = {
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "csv": "CSV",
    "pdf": "PDF",
    "text": gettext_lazy("text"),  # the others are names; this one is a word
    "html": "HTML",
}
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"BM", b"RIFF")


def max_bytes():
    return getattr(settings, "IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


def check_size(size):
    if size == 0:
        raise UnreadableFile(
            _("The file is empty. Choose the file again, or paste the plan’s text."),
            code="empty",
        )
    limit = max_bytes()
    if size > limit:
        raise UnreadableFile(
            _(
                "The file is %(size)s MB; Samordna reads files of up to %(limit)s MB. "
                "Save the plan without pictures, or split it, and try again."
            )
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            code="too_large",
        )


def _megabytes(size):
    value = size / (1024 * 1024)
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def extension_of(name):
    name = (name or "").lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


def sniff(name, data):
    """The kind of file `data` is ("docx", "xlsx", "pdf", "html", "csv" or "text"), and a
    note when its name says otherwise. Raises UnreadableFile for what cannot be read."""
    check_size(len(data))
    extension = extension_of(name)
    claimed = EXTENSIONS.get(extension)
    kind = _kind_by_content(data, extension)
    note = None
    if claimed and claimed != kind and not {claimed, kind} <= {"text", "csv", "html"}:
        note = _(
            "The file is named “%(name)s” but is a %(kind)s file; Samordna read it as %(kind)s."
        ) % {"name": name, "kind": KIND_NAMES[kind]}
    return kind, note


def _kind_by_content(data, extension):
    head = data[:8]
    if head.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _office_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UnreadableFile(
            _(
                "This is an old Office file (.doc or .xls) or a password-protected Office "
                "file. Open it in Word or Excel, remove any password, save it as .docx or "
                ".xlsx and try again."
            ),
            code="old_office",
        )
    if head.startswith(IMAGE_MAGIC):
        raise UnreadableFile(
            _(
                "This is a picture, not a document. Samordna cannot read text in pictures; "
                "use the original document, or paste its text."
            ),
            code="image",
        )
    if head.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"MZ")):
        raise _not_supported()
    text = decode_text(data)
    start = text.lstrip()[:1000].lower()
    if start.startswith(("<!doctype html", "<html")) or (
        extension in ("html", "htm", "xhtml") and "<" in start
    ):
        return "html"
    if extension in ("csv", "tsv"):
        return "csv"
    return "text"


def _not_supported():
    return UnreadableFile(
        _(
            "Samordna cannot read this kind of file. Use a Word (.docx), Excel (.xlsx), CSV, "
            "PDF, text (.txt, .md) or web page (.html) file, or paste the plan’s text."
        ),
        code="unsupported",
    )


def _office_kind(data):
    archive = open_zip(data)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names:
        raise UnreadableFile(
            _(
                "This is an OpenDocument file (LibreOffice). Save it as .docx or .xlsx "
                "and try again."
            ),
            code="odf",
        )
    if "ppt/presentation.xml" in names:
        raise UnreadableFile(
            _("This is a PowerPoint file. Save the plan as .docx or .pdf and try again."),
            code="pptx",
        )
    raise _not_supported()


def open_zip(data):
    """The zip archive in `data`, after checking that unpacking it is safe."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise damaged() from None
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if (
        len(members) > MAX_ZIP_MEMBERS
        or unpacked > MAX_UNPACKED_BYTES
        or (unpacked > 10 * 1024 * 1024 and unpacked / packed > MAX_RATIO)
        or any(m.compress_size and m.file_size / m.compress_size > 1000 for m in members)
    ):
        raise UnreadableFile(
            _(
                "The file would unpack to far more data than a plan holds (it may be a "
                "“zip bomb”), so Samordna did not open it."
            ),
            code="zip_bomb",
        )
    return archive


def damaged():
    return UnreadableFile(
        _(
            "The file is damaged and cannot be opened. Open it in the program that made "
            "it, save it again, and try again."
        ),
        code="damaged",
    )


def decode_text(data):
    """Text from bytes in UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _undecodable() from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text
    raise _undecodable()


def _looks_binary(text):
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return "\x00" in sample or controls > len(sample) * 0.02


def _undecodable():
    return UnreadableFile(
        _(
            "The file is not text that Samordna can read (it is neither UTF-8 nor "
            "Windows-1252). Save it as UTF-8 text, or as .docx or .pdf, and try again."
        ),
        code="encoding",
    )
