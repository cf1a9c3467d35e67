"""Status by spreadsheet: the sheet, the round trip, refusals by row, and who may write."""

import datetime
import io
import json
import zipfile

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from conftest import add_measure, add_update
from followup.models import Source, StatusUpdate
from followup.sheet import status_sheet

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def plan(world):
    plan = world["plan"]
    plan.language = "nb"
    plan.save()
    add_update(world["police_measure"], YESTERDAY, "ongoing", done="Brosjyre trykt")
    third = add_measure(
        plan, "Kurs for ansatte", number="12", area=world["area"], responsible=[world["police"]]
    )
    return {**world, "plan": plan, "third": third}


def sheet_of(data):
    return openpyxl.load_workbook(io.BytesIO(data))


def to_bytes(book):
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_sheet_has_a_row_per_measure_in_the_plans_language(plan):
    book = sheet_of(status_sheet(plan["plan"], TODAY))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("ID", "Nr.", "Tiltak", "Ansvarlig", "Status", "Gjennomført", "Gjenstår")
    assert [r[0] for r in rows[1:]] == [
        plan["police_measure"].pk,
        plan["other_measure"].pk,
        plan["third"].pk,
    ]
    assert rows[1][2:6] == ("Informasjonsmateriell", "Politiet i Øst", "Pågår", "Brosjyre trykt")
    assert rows[2][4] == "Uavklart, info etterspørres"
    # The Status column offers the plan's state words (and the codes) from a hidden list.
    validation = sheet.data_validations.dataValidation[0]
    assert "E2:E4" in str(validation.sqref) and validation.formula1.startswith("Lists!")
    choices = [c.value for c in book["Lists"]["A"]]
    assert "Gjennomført" in choices and "done" in choices and book["Lists"].sheet_state == "hidden"


def test_sheet_lists_measures_in_the_plans_number_order(plan):
    later = add_measure(plan["plan"], "Tiltak 1.10", number="1.10")
    earlier = add_measure(plan["plan"], "Tiltak 1.2", number="1.2")
    rows = list(
        sheet_of(status_sheet(plan["plan"], TODAY)).worksheets[0].iter_rows(values_only=True)
    )
    # As the plan page lists them: measures outside any area first, each by number.
    assert [r[0] for r in rows[1:3]] == [earlier.pk, later.pk]


def test_round_trip_writes_exactly_the_changed_rows(plan, tmp_path):
    book = sheet_of(status_sheet(plan["plan"], TODAY))
    sheet = book.worksheets[0]
    sheet["E3"] = "Gjennomført"  # other_measure: unclear -> done, in the plan's words
    sheet["F3"] = "Årshjul laget"
    sheet["E4"] = "not_started"  # an English code works too
    path = tmp_path / "status.xlsx"
    path.write_bytes(to_bytes(book))
    out = io.StringIO()
    call_command(
        "status_import",
        str(path),
        plan="handlingsplan-moss",
        as_of=TODAY.isoformat(),
        dry_run=True,
        stdout=out,
    )
    preview = json.loads(out.getvalue())
    assert [c["row"] for c in preview["changes"]] == [3, 4]
    assert preview["unchanged"] == 1 and preview["written"] is None
    assert StatusUpdate.objects.count() == 1  # a dry run writes nothing
    out = io.StringIO()
    call_command(
        "status_import", str(path), plan="handlingsplan-moss", as_of=TODAY.isoformat(), stdout=out
    )
    assert json.loads(out.getvalue())["written"] == 2
    written = StatusUpdate.objects.filter(source=Source.SHEET)
    assert {(u.measure_id, u.state, u.done) for u in written} == {
        (plan["other_measure"].pk, "done", "Årshjul laget"),
        (plan["third"].pk, "not_started", ""),
    }
    # Importing the same file again changes nothing, so writes nothing.
    call_command(
        "status_import",
        str(path),
        plan="handlingsplan-moss",
        as_of=TODAY.isoformat(),
        stdout=io.StringIO(),
    )
    assert StatusUpdate.objects.count() == 3


def test_a_bad_state_or_id_refuses_the_whole_file_listing_every_row(plan, tmp_path):
    book = sheet_of(status_sheet(plan["plan"], TODAY))
    sheet = book.worksheets[0]
    sheet["E2"] = "Gjennomført"  # a good change that must not be written either
    sheet["E3"] = "Nesten ferdig"
    sheet["A4"] = 999999
    path = tmp_path / "bad.xlsx"
    path.write_bytes(to_bytes(book))
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command(
            "status_import",
            str(path),
            plan="handlingsplan-moss",
            as_of=TODAY.isoformat(),
            stdout=out,
        )
    assert "row 3" in str(refused.value) and "row 4" in str(refused.value)
    assert [p["row"] for p in json.loads(out.getvalue())["problems"]] == [3, 4]
    assert StatusUpdate.objects.count() == 1


def test_status_sheet_command_writes_a_real_xlsx(plan, tmp_path):
    path = tmp_path / "out.xlsx"
    call_command("status_sheet", plan="handlingsplan-moss", output=str(path), stdout=io.StringIO())
    assert sheet_of(path.read_bytes()).worksheets[0].max_row == 4


@pytest.mark.parametrize(
    "command, options, message",
    [
        ("status_sheet", {"as_of": "9999-01-01"}, "--as-of: .*9999"),
        ("status_sheet", {"plan": "nope"}, "There is no plan"),
        ("status_import", {"as_of": "3000-01-01"}, "--as-of: .*3000"),
        ("status_import", {"as_of": "1.6.2017"}, "--as-of: .*YYYY-MM-DD"),
    ],
)
def test_sheet_commands_refuse_a_bad_plan_or_date_by_the_shared_rule(
    plan, tmp_path, command, options, message
):
    path = tmp_path / "sheet.xlsx"
    path.write_bytes(status_sheet(plan["plan"], TODAY))
    args = [str(path)] if command == "status_import" else []
    options = {"plan": "handlingsplan-moss", "as_of": TODAY.isoformat(), **options}
    if command == "status_sheet":
        options["output"] = str(path)
    with pytest.raises(CommandError, match=message):
        call_command(command, *args, **options, stdout=io.StringIO())
    assert StatusUpdate.objects.count() == 1


def upload(client, slug, data, as_of=TODAY):
    url = reverse("followup:sheet_upload", args=[slug])
    file = io.BytesIO(data)
    file.name = "status.xlsx"
    return client.post(url, {"file": file, "as_of": as_of.isoformat()})


def confirm(client, slug, rows, as_of=TODAY, **kwargs):
    """The preview's confirmation as posted: `rows` as JSON text, or a list to encode."""
    rows = rows if isinstance(rows, str) else json.dumps(rows)
    url = reverse("followup:sheet_upload", args=[slug])
    return client.post(url, {"action": "confirm", "as_of": str(as_of), "rows": rows}, **kwargs)


def row(measure, state="Gjennomført", done="", number=2):
    return {"row": number, "id": str(measure.pk), "state": state, "done": done, "remaining": ""}


def test_a_contributor_may_write_only_their_measures(plan, login):
    client = login(plan["contributor"])
    slug = plan["plan"].slug
    download = client.get(reverse("followup:sheet", args=[slug]))
    assert download.status_code == 200
    book = sheet_of(download.content)
    book.worksheets[0]["E2"] = "Gjennomført"  # the police's measure: theirs
    book.worksheets[0]["E3"] = "Gjennomført"  # the municipality's: not theirs
    response = upload(client, slug, to_bytes(book))
    assert response.status_code == 400
    assert "You may not write the status of measure 11. Skolenes årshjul" in (
        response.content.decode()
    )
    book.worksheets[0]["E3"] = "Uavklart, info etterspørres"  # back as it was
    response = upload(client, slug, to_bytes(book))
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 measure will change" in page
    rows = response.context["rows"]
    response = confirm(client, slug, rows)
    assert response.status_code == 302
    update = StatusUpdate.objects.get(source=Source.SHEET)
    assert update.measure == plan["police_measure"] and update.author == plan["contributor"]


def test_uploading_needs_a_right_to_write_and_a_real_file(plan, login):
    slug = plan["plan"].slug
    url = reverse("followup:sheet_upload", args=[slug])
    assert login(plan["viewer"]).get(url).status_code == 403
    response = upload(login(plan["coordinator"]), slug, b"not a workbook")
    assert response.status_code == 400
    assert "not an Excel workbook" in response.content.decode()


def test_a_workbook_cut_short_is_refused_not_a_server_error(plan, login):
    whole = status_sheet(plan["plan"], TODAY)
    source, cut = zipfile.ZipFile(io.BytesIO(whole)), io.BytesIO()
    with zipfile.ZipFile(cut, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the sheet's XML ends half-way
            target.writestr(item, data)
    response = upload(login(plan["coordinator"]), plan["plan"].slug, cut.getvalue())
    assert response.status_code == 400
    assert "not an Excel workbook" in response.content.decode()


def test_sheet_download_costs_the_same_queries_for_more_measures(plan, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(plan["coordinator"])
    url = reverse("followup:sheet", args=[plan["plan"].slug])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    for i in range(5):
        add_measure(plan["plan"], f"Flere {i}", number=str(30 + i), responsible=[plan["police"]])
    assert count() == few


def test_control_characters_in_a_row_are_that_rows_problem(plan, login):
    """A hand-made confirmation carrying NUL (PostgreSQL refuses it) writes nothing."""
    client = login(plan["coordinator"])
    slug = plan["plan"].slug
    measure = plan["police_measure"]
    rows = [
        row(measure, done="Ferdig\x00"),
        row(plan["third"], state="Gjennomført\x07", number=3),
    ]
    response = confirm(client, slug, rows)
    assert response.status_code == 400
    problems = response.context["result"].problems
    assert [row for row, message in problems if "invisible control characters" in message] == [2, 3]
    assert not StatusUpdate.objects.filter(source=Source.SHEET).exists()


def test_a_date_outside_1900_2200_is_refused_on_upload_and_confirmation(plan, login):
    client = login(plan["coordinator"])
    slug = plan["plan"].slug
    download = client.get(reverse("followup:sheet", args=[slug], query={"as_of": "0001-01-01"}))
    assert download.status_code == 200
    book = sheet_of(download.content)
    book.worksheets[0]["E2"] = "Gjennomført"
    response = upload(client, slug, to_bytes(book), as_of=datetime.date(1, 1, 1))
    assert response.status_code == 400
    assert "is not a date Samordna can use" in response.content.decode()
    response = confirm(client, slug, [row(plan["police_measure"])], "0001-01-01", follow=True)
    assert "0001-01-01 is not a date Samordna can use" in response.content.decode()
    assert not StatusUpdate.objects.filter(source=Source.SHEET).exists()
    response = confirm(client, slug, "[" * 100_000, follow=True)
    assert "The preview was lost" in response.content.decode()
