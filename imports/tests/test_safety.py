"""Files that cannot be read get a clear message in the user's language — never a crash,
a hang or a half-read plan."""

import io
import zipfile

import pytest
from django.utils import translation

from imports.errors import Deadline, UnreadableFile
from imports.pipeline import read_blocks, recognise_path, recognise_upload
from imports.recognise import recognise


def refused(name, data):
    with pytest.raises(UnreadableFile) as caught:
        recognise_upload(name, data)
    return caught.value


def pdf_bytes(html="<h1>Plan</h1><p>Tiltak for barn og unge.</p>"):
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def test_empty_file():
    error = refused("plan.docx", b"")
    assert error.code == "empty"
    assert "The file is empty" in str(error)


def test_whitespace_only_text_has_no_plan():
    assert refused("plan.txt", b" \n\t \n").code == "no_text"


def test_too_large_upload(settings):
    settings.IMPORT_MAX_BYTES = 1000
    error = refused("plan.txt", b"x" * 1001)
    assert error.code == "too_large"
    assert "up to" in str(error)


def test_a_200_megabyte_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk and no time
    with pytest.raises(UnreadableFile) as caught:
        recognise_path(path)
    assert caught.value.code == "too_large"
    assert "200 MB" in str(caught.value)


def test_zip_bomb_is_not_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (30 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 200 * 1024
    error = refused("plan.docx", data)
    assert error.code == "zip_bomb"
    assert "zip bomb" in str(error)


def test_damaged_docx():
    assert refused("plan.docx", b"PK\x03\x04" + b"\x00garbage" * 50).code == "damaged"


def test_docx_without_a_valid_document_part():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-word/>")
    assert refused("plan.docx", buffer.getvalue()).code == "damaged"


def test_damaged_pdf():
    data = pdf_bytes()
    assert refused("plan.pdf", data[: len(data) // 3]).code in ("damaged", "no_text")
    assert refused("plan.pdf", b"%PDF-1.7\n" + b"\x00" * 500).code == "damaged"


def test_encrypted_pdf():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes())).pages:
        writer.add_page(page)
    writer.encrypt("hemmelig")
    buffer = io.BytesIO()
    writer.write(buffer)
    error = refused("plan.pdf", buffer.getvalue())
    assert error.code == "encrypted"
    assert "password" in str(error)


def test_pdf_with_only_an_owner_password_is_read():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="", owner_password="eier")
    buffer = io.BytesIO()
    writer.write(buffer)
    result = recognise_upload("plan.pdf", buffer.getvalue())
    assert result.document["title"] == "Plan"


def test_image_only_pdf_is_recognised_as_a_scan():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, format="PDF")
    error = refused("skannet.pdf", buffer.getvalue())
    assert error.code == "scanned"
    assert "scan" in str(error)


def test_wrong_extension_is_read_by_its_content_with_a_note():
    result = recognise_upload("plan.docx", pdf_bytes())
    assert any("is a PDF file" in note for note in result.notes)


def test_a_text_file_named_as_a_document_is_noted_in_the_users_language():
    text = "Tiltak\tAnsvar\nKurs for lærere\tRektor\n".encode()
    with translation.override("nb"):
        result = recognise_upload("plan.pdf", text)
    assert result.notes == [
        "Fila heter «plan.pdf», men er en tekst-fil; Samordna leste den som tekst."
    ]


def test_picture_with_a_document_name():
    assert refused("plan.docx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64).code == "image"
    assert refused("plan.pdf", b"\xff\xd8\xff\xe0" + b"\x00" * 64).code == "image"


def test_old_word_file():
    assert refused("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64).code == (
        "old_office"
    )


def test_binary_file_named_as_text():
    assert refused("plan.txt", bytes(range(256)) * 4).code in ("encoding", "unsupported")
    assert refused("plan.exe", b"MZ\x90\x00" + b"\x00" * 100).code == "unsupported"


def test_undecodable_text():
    # \x81 and \x8d are neither UTF-8 nor Windows-1252.
    assert refused("plan.txt", b"Tiltak for barn" + b"\x81\x8d\x8f\x90").code == "encoding"


def test_windows_1252_text_is_read():
    text = "Tiltak\tAnsvar\nKurs for lærere – løpende\tRektor\nØvelse\tPoliti\n"
    result = recognise_upload("plan.txt", text.encode("cp1252"))
    measures = result.document["measures"]
    assert [m["title"] for m in measures] == ["Kurs for lærere", "Øvelse"]
    assert measures[0]["timing"] == "continuous"


def test_utf16_text_with_bom_is_read():
    text = "Tiltak\tAnsvar\nKurs for lærere\tRektor\nØvelse\tPoliti\n"
    result = recognise_upload("plan.txt", text.encode("utf-16"))
    assert len(result.document["measures"]) == 2


def test_reading_stops_at_the_time_limit():
    deadline = Deadline(0)
    with pytest.raises(UnreadableFile) as caught:
        deadline.check()
    assert caught.value.code == "too_slow"


def test_slow_reading_is_stopped(settings):
    settings.IMPORT_SECONDS = 0
    with pytest.raises(UnreadableFile) as caught:
        read_blocks("plan.pdf", pdf_bytes())
    assert caught.value.code == "too_slow"


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFile) as caught:
        recognise_path(tmp_path / "nothing.docx")
    assert caught.value.code == "missing"


@pytest.mark.parametrize(
    "language, words",
    [("nb", "Filen er tom"), ("nn", "Fila er tom"), ("sv", "Filen är tom")],
)
def test_messages_are_in_the_users_language(language, words):
    with translation.override(language):
        error = refused("plan.docx", b"")
    assert words in str(error)


def test_recognising_a_long_table_stops_at_the_time_limit():
    """The bound covers recognition too: a long table costs more to recognise than to read,
    and a request must end with the reason, not be cut off by the server."""
    rows = "".join(f"{i};Tiltak {i} om opplæring;Kommunen;Pågår\n" for i in range(200))
    blocks, _notes = read_blocks("plan.csv", ("Nr;Tiltak;Ansvar;Status\n" + rows).encode())
    assert len(recognise(blocks, deadline=Deadline(60)).document["measures"]) == 200
    with pytest.raises(UnreadableFile) as caught:
        recognise(blocks, deadline=Deadline(0))
    assert caught.value.code == "too_slow"
