"""Each reader, and the recogniser on small plans in each format and language."""

import io
import zipfile
from pathlib import Path

import pytest

from imports.blocks import Table
from imports.errors import UnreadableFile
from imports.pipeline import read_blocks, recognise_upload

DATA = Path(__file__).parent / "data"


def measures(document):
    found = list(document["measures"])
    for area in document["areas"]:
        found.extend(area["measures"])
    return found


def docx_plan():
    import docx

    document = docx.Document()
    document.add_heading("Tiltaksplan mot vold i nære relasjoner – Rana kommune 2024–2027", 1)
    document.add_paragraph("Planen gjelder alle kommunens tjenester.")
    document.add_heading("Forebygging", 2)
    table = document.add_table(rows=0, cols=4)
    caption = table.add_row().cells
    caption[0].merge(caption[3]).text = "Forslag til nye tiltak"
    header = table.add_row().cells
    for cell, text in zip(header, ["Nr", "Tiltak", "Ansvar", "Tidsperiode"], strict=True):
        cell.text = text
    for number, title, responsible, timing in [
        ("1", "Kurs for lærere", "Oppvekstsjef i samarbeid med politiet", "Løpende"),
        ("2", "Foreldremøter om nettvett", "Rektorene", "2025–2026"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[2].text, cells[3].text = number, responsible, timing
        run = cells[1].paragraphs[0].add_run(title + ".")
        run.bold = True
        cells[1].paragraphs[0].add_run(" Med materiell fra RVTS.")
    document.add_heading("Oppfølging", 2)
    document.add_paragraph("Aktiviteter 2024:")
    for text in ("Årlig rapport til kommunestyret.", "Evaluering av planen i 2027."):
        document.add_paragraph(text, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_reader_keeps_headings_lists_tables_and_bold():
    blocks, notes = read_blocks("plan.docx", docx_plan())
    assert notes == []
    assert blocks[0].level == 1
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.rows[0][0].flat == "Forslag til nye tiltak"
    assert [c.flat for c in table.rows[0][1:]] == ["", "", ""]  # the merged cell is read once
    assert table.rows[2][1].bold_lead == "Kurs for lærere."
    assert any(getattr(b, "list_item", False) for b in blocks)


def test_docx_plan_is_recognised():
    result = recognise_upload("plan.docx", docx_plan())
    document = result.document
    assert document["owners"] == ["Rana kommune"]
    assert document["period"] == {"start": "2024-01-01", "end": "2027-12-31"}
    area = document["areas"][0]
    assert area["title"] == "Forebygging"
    first, second = area["measures"]
    assert (first["number"], first["title"], first["kind"]) == ("1", "Kurs for lærere.", "proposed")
    assert first["description"] == "Med materiell fra RVTS."
    assert first["responsible"] == ["Oppvekstsjef"] and first["partners"] == ["politiet"]
    assert first["timing"] == "continuous"
    assert second["timing"] == {"start": "2025-01-01", "end": "2026-12-31"}
    assert result.confidence["areas"][0]["measures"][0]["kind"] >= 0.8


def test_xlsx_plan_is_recognised():
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Tiltak"
    sheet.append(["Handlingsplan SLT Mo i Rana 2024"])
    sheet.append([])
    sheet.append(["Tiltak", "Ansvarlig", "Tidplan", "Status"])
    sheet.append(["Natteravner i helgene", "Frivilligsentralen og FAU", "Løpende", "Pågår"])
    sheet.append(["Kontordag på ungdomsskolen", "Politiet", "Midlertidig", "Ikke påbegynt"])
    sheet.append(["Infofolder om SLT", "SLT-koordinator", None, "Ferdig"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    document = recognise_upload("slt.xlsx", buffer.getvalue()).document
    assert document["title"] == "Handlingsplan SLT Mo i Rana 2024"
    found = measures(document)
    assert [m["title"] for m in found] == [
        "Natteravner i helgene",
        "Kontordag på ungdomsskolen",
        "Infofolder om SLT",
    ]
    assert [m["timing"] for m in found] == ["continuous", "temporary", None]
    assert [m["status"]["state"] for m in found] == ["ongoing", "not_started", "done"]
    assert found[0]["responsible"] == ["Frivilligsentralen", "FAU"]


def test_csv_in_english():
    result = recognise_upload("english-plan.csv", (DATA / "english-plan.csv").read_bytes())
    document = result.document
    assert document["language"] == "en"
    assert document["title"] == "english-plan"
    assert result.confidence["title"] < 0.5
    found = measures(document)
    assert [m["number"] for m in found] == ["1", "2", "3"]
    assert found[1]["title"].startswith("Set up a network of contact persons")
    assert [m["status"]["state"] for m in found] == ["ongoing", "not_started", "done"]
    assert found[0]["timing"] == "continuous"


def test_semicolon_csv_in_windows_1252():
    text = "Tiltak;Ansvarlig;Status\nKurs i rusforebygging;Rektor;Pågår\nØvelse;Politiet;Ferdig\n"
    found = measures(recognise_upload("plan.csv", text.encode("cp1252")).document)
    assert [(m["title"], m["status"]["state"]) for m in found] == [
        ("Kurs i rusforebygging", "ongoing"),
        ("Øvelse", "done"),
    ]


def test_html_in_danish():
    document = recognise_upload("plan.html", (DATA / "danish-plan.html").read_bytes()).document
    assert document["language"] == "da"
    assert document["owners"] == ["Hillerød Kommune"]
    assert [a["title"] for a in document["areas"]] == ["Forebyggelse", "Hjælp til udsatte"]
    first = document["areas"][0]["measures"][0]
    assert (first["number"], first["title"]) == ("1", "Kampagne på skolerne.")
    assert first["responsible"] == ["Skoleafdelingen"] and first["partners"] == ["politiet"]
    assert first["timing"] == "continuous" and first["status"]["state"] == "ongoing"
    assert document["areas"][1]["measures"][0]["timing"] == "temporary"


def test_markdown_in_nynorsk_with_label_pairs():
    document = recognise_upload("plan.md", (DATA / "nynorsk-plan.md").read_bytes()).document
    assert document["language"] == "nn"
    assert document["owners"] == ["Vestby kommune"]
    assert [a["title"] for a in document["areas"]] == ["Førebygging", "Kompetanse"]
    first = document["areas"][0]["measures"][0]
    assert first["title"] == "Foreldrerettleiing."
    assert first["responsible"] == ["Helsestasjonen"]
    second = document["areas"][0]["measures"][1]
    assert second["partners"] == ["flyktningtenesta"]
    assert document["areas"][1]["measures"][0]["responsible"] == ["Barnehagesjefen"]


def test_bullet_activities_under_agency_headings_in_swedish():
    text = (
        "Handlingsplan 2024 för Gävle kommun\n\n"
        "Polisens uppdrag/aktiviteter 2024\n\n"
        "- Delta i samverkansgruppen.\n- Genomföra utbildning om hedersrelaterat våld.\n\n"
        "Kommunens bakgrund\n\nKommunen har länge arbetat med frågan.\n\n"
        "- Detta är en bakgrundslista och inga åtgärder.\n"
    )
    document = recognise_upload("plan.txt", text.encode()).document
    assert document["language"] == "sv"
    found = measures(document)
    assert [m["title"] for m in found] == [
        "Delta i samverkansgruppen.",
        "Genomföra utbildning om hedersrelaterat våld.",
    ]
    assert all(m["responsible"] == ["Polisen"] for m in found)


def test_markdown_pipe_table_and_hard_wrapped_text():
    text = (
        "# Plan for Lund kommune\n\n"
        "| Tiltak | Ansvarlig | Status |\n|---|---|---|\n"
        "| **Kurs.** For alle lærere. | Rektor | Ferdig |\n| Nettside | Kommunikasjon | |\n"
    )
    found = measures(recognise_upload("plan.md", text.encode()).document)
    assert [m["title"] for m in found] == ["Kurs.", "Nettside"]
    assert found[1]["status"]["state"] == "unclear"


def test_groups_are_read_from_label_tables():
    text = (
        "Handlingsplan SLT\n\nPolitirådet\t\nDeltakere\tOrdfører, rådmann og politistasjonssjef.\n"
        "Mandat\tSette mål for det forebyggende arbeidet.\n"
        "Møtegjennomføring\tMøtes 4 ganger i året. Møtene ledes av ordfører. "
        "SLT-koordinator er sekretær.\n"
    )
    group = recognise_upload("plan.txt", text.encode()).document["groups"][0]
    assert group["name"] == "Politirådet" and group["level"] == "strategic"
    assert group["members"] == ["Ordfører", "rådmann", "politistasjonssjef"]
    assert group["cadence"] == "4 ganger i året"
    assert group["chair"] == "Ordfører" and group["secretary"] == "SLT-koordinator"


@pytest.mark.parametrize(
    "text, state",
    [
        ("✓", "done"),
        ("Ferdig", "done"),
        ("Genomförd", "done"),
        ("Delvis gjennomført: A. Gjenstår: B", "ongoing"),
        ("Pågående", "ongoing"),
        ("Ikkje påbyrja", "not_started"),
        ("Ej påbörjad", "not_started"),
        ("Gjenstår: alt", "not_started"),
        ("Utgår.", "discontinued"),
        ("Uavklart, info etterspørres", "unclear"),
        ("", "unclear"),
        ("Se tiltak 4", "unclear"),
        ("Møter er holdt.", "ongoing"),
    ],
)
def test_status_markers(text, state):
    from imports.states import parse_status

    assert parse_status(text, "2024-01-01")[0]["state"] == state


def test_an_english_plan_with_rag_status_and_numbered_themes():
    text = (
        "Community safety action plan for Leeds City Council 2024\n\nTheme 1: Prevention\n\n"
        "Action\tLead\tTimescale\tRAG status\n"
        "Run awareness week in schools\tSchools team with police\tAnnually\tGreen\n"
        "Train GPs\tPublic health\tQ3 2024\tAmber\n"
    )
    document = recognise_upload("plan.txt", text.encode()).document
    assert document["language"] == "en" and document["owners"] == ["Leeds City Council"]
    area = document["areas"][0]
    assert (area["number"], area["title"]) == ("1", "Prevention")
    first, second = area["measures"]
    assert first["responsible"] == ["Schools team"] and first["partners"] == ["police"]
    assert first["timing"] == "continuous"
    assert [first["status"]["state"], second["status"]["state"]] == ["done", "ongoing"]


def test_readers_give_list_markers_and_depth():
    html = (
        "<ol><li>Første tiltak<ul><li>del a</li></ul></li><li>Andre tiltak</li></ol>"
        "<ul><li>Et punkt</li></ul>"
    )
    blocks, _ = read_blocks("plan.html", html.encode())
    assert [(b.text, b.marker, b.depth) for b in blocks] == [
        ("Første tiltak", "1.", 0),
        ("del a", "bullet", 1),
        ("Andre tiltak", "2.", 0),
        ("Et punkt", "bullet", 0),
    ]
    text = "Kommunen skal:\n\n - lage rutiner\n   - for skolen\n - holde kurs\n"
    blocks, _ = read_blocks("plan.txt", text.encode())
    assert [(b.marker, b.depth) for b in blocks[1:]] == [
        ("bullet", 0),
        ("bullet", 1),
        ("bullet", 0),
    ]
    assert not blocks[0].level  # a lead sentence is not a heading


def test_word_numbering_gives_the_numbers_word_shows():
    import docx

    document = docx.Document()
    document.add_paragraph("Gruppen skal:")
    document.add_paragraph("sikre informasjon", style="List Number")
    document.add_paragraph("gi statusrapporter", style="List Number")
    document.add_paragraph("et punkt", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    blocks, _ = read_blocks("plan.docx", buffer.getvalue())
    assert [(b.text, b.marker) for b in blocks[1:]] == [
        ("sikre informasjon", "1."),
        ("gi statusrapporter", "2."),
        ("et punkt", "bullet"),
    ]


def test_a_label_line_alone_is_not_a_heading():
    blocks, _ = read_blocks(
        "plan.txt", "Tiltak 1\n\nAnsvar: Barnevernet\n\nStatus: Pågår\n".encode()
    )
    assert [b.level for b in blocks[1:]] == [0, 0]


def test_a_csv_the_sniffer_cannot_place_leaves_the_excel_dialect_alone():
    """Semicolon files with uneven rows defeat csv.Sniffer; the fallback reads them by
    semicolons without making every later CSV in the process semicolon-separated."""
    import csv

    blocks, _ = read_blocks(
        "plan.csv", "Tiltak;Ansvar\nKurs for lærere;Rektor;NAV\nØvelse\n".encode()
    )
    assert [c.flat for c in blocks[0].rows[1]][:2] == ["Kurs for lærere", "Rektor"]
    assert csv.excel.delimiter == ","


def test_a_csv_line_of_a_million_fields_is_read_quickly():
    """Cells past the 60th column are not read, as in .xlsx: one long line must not cost
    minutes of reading (reading checks the clock between rows, not within one)."""
    import time

    start = time.monotonic()
    blocks, _ = read_blocks("plan.csv", ("Tiltak;Ansvar\n" + "a;" * 1_000_000).encode())
    assert time.monotonic() - start < 5
    assert blocks[0].width == 60


def test_a_long_hard_wrapped_text_is_unwrapped_in_linear_time():
    """Two million short lines were joined one concatenation at a time: minutes, with no
    clock check between them. They are one paragraph, read in seconds."""
    import time

    start = time.monotonic()
    blocks, _ = read_blocks("plan.txt", ("ord\n" * 2_000_000).encode())
    assert time.monotonic() - start < 10
    assert len(blocks) == 1 and blocks[0].text.count("ord") == 2_000_000


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_a_docx_with_a_part_of_the_wrong_shape_is_damaged_not_a_crash(part):
    """Well-formed XML of the wrong shape passes python-docx's opening and fails only when
    the part is used; it is still the file's fault, told as such."""
    source = zipfile.ZipFile(io.BytesIO(docx_plan()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            archive.writestr(
                info.filename, b'<?xml version="1.0"?><x/>' if info.filename == part else data
            )
    with pytest.raises(UnreadableFile) as caught:
        read_blocks("plan.docx", buffer.getvalue())
    assert caught.value.code == "damaged"


def test_thousands_of_cut_lines_are_joined_in_linear_time():
    """Lines that each seem to continue the one before ("x<br>x<br>…") were joined one
    rebuilt paragraph at a time, before any clock check: 8,000 took 2 s, a million hours."""
    import time

    start = time.monotonic()
    result = recognise_upload("plan.html", ("<html><body>" + "x<br>" * 200_000).encode())
    assert time.monotonic() - start < 20
    assert result.document["measures"] == []
