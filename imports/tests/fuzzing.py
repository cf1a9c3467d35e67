"""Hostile input for the interchange loader and the import readers, and the one check on it.

Used by the property-based tests (test_fuzz.py, with hypothesis supplying the randomness)
and by benchmarks/fuzz.py (10,000 inputs from a seeded random generator). An input may be
loaded or refused; refused means one of Samordna's own errors with a message, and the
database exactly as before. Anything else is a crash or a partial write.
"""

import copy
import io
import traceback
import zipfile
from pathlib import Path

from django.db import transaction

from cooperation.models import Group, GroupMember
from demo.loader import read_demo_plan
from followup.models import StatusUpdate
from imports import fill_status_dates, recognise_upload
from imports.errors import UnreadableFile
from interchange.load import load_plan
from interchange.schema import InvalidPlan, validate
from plans.models import Adoption, Area, Measure, Organisation, Plan, PlanOwner, Responsibility

DATA = Path(__file__).resolve().parent / "data"
COUNTED = [
    Plan,
    Area,
    Measure,
    Responsibility,
    StatusUpdate,
    Organisation,
    PlanOwner,
    Adoption,
    Group,
    GroupMember,
]
# Values that broke things before, or that parsers and databases are known to choke on.
HOSTILE_TEXTS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x0b\x0c",
    "\ufeff",
    "\u202e",
    "\ud800",
    "9999-12-31",
    "0001-01-01",
    "2020-02-30",
    "1899-12-31",
    "2201-01-01",
    "x" * 5000,
    "Tiltak " * 200,
    "<script>alert(1)</script>",
    "'; DROP TABLE plans_plan; --",
    "%(title)s",
    "{{ plan }}",
    "ÆØÅ æøå ÄÖ äö ß",
    "1.2.3.4.5.6.7.8.9",
    "done",
    "ongoing",
    "strategy",
    "FREQ=YEARLY",
]
HOSTILE_VALUES = [None, True, False, 0, -1, 2**63, 1.5e308, [], {}, [None], {"": ""}]


def row_counts():
    return tuple(model.objects.count() for model in COUNTED)


class Outcome:
    """What one input did: "loaded", "refused", "crash" or "partial", and the details."""

    def __init__(self, kind, detail=""):
        self.kind = kind
        self.detail = detail

    @property
    def bad(self):
        return self.kind in ("crash", "partial")

    def __repr__(self):
        return f"Outcome({self.kind!r})"


def _checked(run):
    """Run `run` in a savepoint that is always rolled back, and judge what it did."""
    with transaction.atomic():
        before = row_counts()
        try:
            run()
        except (InvalidPlan, UnreadableFile) as error:
            messages = getattr(error, "errors", None) or [str(error)]
            if not all(isinstance(m, str) and m.strip() for m in messages):
                return Outcome("crash", f"{type(error).__name__} without a message")
            if row_counts() != before:
                return Outcome("partial", f"{type(error).__name__}: {messages[:3]}")
            return Outcome("refused", messages[0])
        except Exception:  # the point: anything but our own errors is a crash
            return Outcome("crash", traceback.format_exc(limit=8))
        finally:
            transaction.set_rollback(True)
        return Outcome("loaded")


def try_document(document):
    """Import a plan document as `samordna import FILE.json` does."""

    def run():
        validate(document)
        load_plan(fill_status_dates(document))

    return _checked(run)


def try_file(name, data):
    """Recognise a plan in the file's bytes and import it, as the import pages do."""

    def run():
        result = recognise_upload(name, data)
        load_plan(fill_status_dates(result.document))

    return _checked(run)


# JSON documents


def _trimmed(document, keep=3):
    """The document with at most `keep` areas and measures per level: as varied, far faster
    to load, so that more inputs are run in the same time."""
    for key in ("areas", "measures", "groups", "adopted"):
        if isinstance(document.get(key), list):
            document[key] = document[key][:keep]
    for area in document.get("areas") or []:
        _trimmed(area, keep)
    return document


def demo_documents():
    return [
        _trimmed(read_demo_plan(name))
        for name in ("mosseregionen.json", "rana-slt.json", "vastmanland-strategi.json")
    ]


def _nodes(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _nodes(child, (*path, index))


def _random_value(rng, depth=0):
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(HOSTILE_TEXTS)
    if roll < 0.7 or depth > 2:
        return copy.deepcopy(rng.choice(HOSTILE_VALUES))
    if roll < 0.85:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    keys = ["title", "areas", "measures", "status", "as_of", "state", "name", "responsible"]
    return {rng.choice(keys): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def mutate_document(document, rng, count=None):
    """A copy of the document with a few random changes: values replaced, keys removed,
    list items doubled, a subtree moved into another place."""
    document = copy.deepcopy(document)
    for _ in range(count or rng.randint(1, 4)):
        nodes = list(_nodes(document))
        path, _value = rng.choice(nodes)
        if not path:
            if rng.random() < 0.05:
                return _random_value(rng)
            continue
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = rng.random()
        if action < 0.5:
            parent[last] = _random_value(rng)
        elif action < 0.7 and isinstance(parent, dict):
            del parent[last]
        elif action < 0.8 and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        else:
            parent[last] = copy.deepcopy(rng.choice(nodes)[1])
    return document


# Files


def _docx_bytes():
    from docx import Document

    document = Document()
    document.add_heading("Handlingsplan mot vold i nære relasjoner 2025–2028", 0)
    document.add_paragraph("Planen gjelder for Moss kommune og Politiet i Øst.")
    document.add_heading("1 Forebygging", 1)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Nr.", "Tiltak", "Ansvar", "Status"], strict=True):
        cell.text = text
    for row in [
        ["1", "Kurs for helsesykepleiere", "Helsestasjonen", "Pågår"],
        ["2", "Felles rutiner med krisesenteret", "Barnevernet", "Ferdig"],
    ]:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx_bytes():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in [
        ["Nr.", "Tiltak", "Ansvar", "Status"],
        [1, "Kurs for helsesykepleiere", "Helsestasjonen", "Pågår"],
        [2, "Felles rutiner med krisesenteret", "Barnevernet", "Ferdig"],
    ]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sample_files():
    """{name: bytes}: one small plan in every format the readers take (PDF aside: slow)."""
    markdown = (DATA / "nynorsk-plan.md").read_bytes()
    return {
        "plan.csv": (DATA / "english-plan.csv").read_bytes(),
        "plan.html": (DATA / "danish-plan.html").read_bytes(),
        "plan.md": markdown,
        "plan.txt": markdown.replace(b"#", b""),
        "plan.docx": _docx_bytes(),
        "plan.xlsx": _xlsx_bytes(),
    }


TEXT_PIECES = [
    "\x00",
    "\x0b",
    "\x07",
    "\r",
    "\t",
    ";",
    ",",
    '"',
    "\n\n",
    "<b>",
    "</td>",
    "<table>",
    "&amp;",
    "&#0;",
    "# ",
    "1. ",
    "- ",
    "Tiltak 9",
    "Ansvar:",
    "9999-12-31",
    "01.01.0001",
    "Status pr. 31.12.9999",
    "\ufffd",
    "\u00a0",
    "ÆØÅ",
    "𝔘",
]


def mutate_text(text, rng):
    """Text with pieces inserted, spans deleted or doubled, and characters swapped."""
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(text))
        action = rng.random()
        if action < 0.4:
            text = text[:at] + rng.choice(TEXT_PIECES) * rng.randint(1, 3) + text[at:]
        elif action < 0.6:
            text = text[:at] + text[at + rng.randint(1, 80) :]
        elif action < 0.8:
            span = text[at : at + rng.randint(1, 200)]
            text = text[:at] + span * rng.randint(2, 5) + text[at:]
        else:
            text = text[:at] + chr(rng.randint(0, 0x2FFF)) + text[at + 1 :]
    return text


def mutate_bytes(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        at = rng.randrange(len(data))
        action = rng.random()
        if action < 0.5:
            data[at] = rng.randrange(256)
        elif action < 0.75:
            del data[at : at + rng.randint(1, 64)]
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(data)


def _mutate_zip(data, rng):
    """A docx/xlsx whose XML parts have text-level changes: it still opens as a zip."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".xml") and rng.random() < 0.6:
                content = mutate_text(content.decode("utf-8"), rng).encode("utf-8", "replace")
            target.writestr(info.filename, content)
    return out.getvalue()


def mutate_file(name, data, rng):
    """(name, bytes): a mutated file; sometimes misnamed, since the readers go by content."""
    zipped = name.endswith((".docx", ".xlsx"))
    if zipped and rng.random() < 0.7:
        data = _mutate_zip(data, rng)
    elif not zipped and rng.random() < 0.7:
        data = mutate_text(data.decode("utf-8"), rng).encode("utf-8", "surrogatepass")
    else:
        data = mutate_bytes(data, rng)
    if rng.random() < 0.05:
        name = rng.choice(["plan.docx", "plan.csv", "plan.pdf", "plan", "plan.json"])
    return name, data
