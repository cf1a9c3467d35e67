"""Report pages, downloads, saved and frozen reports, and the report command."""

import csv
import datetime
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfReader

from conftest import add_update
from demo.loader import read_demo_plan
from followup.models import State
from interchange.load import load_plan
from reports.exports.csvfile import readable
from reports.models import FrozenReportError, Report

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("anonymous", 404),
        ("outsider", 404),
        ("viewer", 200),
        ("contributor", 200),
        ("coordinator", 200),
        ("admin", 200),
    ],
)
@pytest.mark.parametrize("page", ["page", "pdf", "csv", "json"])
def test_who_may_read_reports(world, login, name, expected, page):
    slug = world["plan"].slug
    url = (
        reverse("reports:page", args=[slug])
        if page == "page"
        else reverse("reports:download", args=[slug, page])
    )
    client = login(None if name == "anonymous" else world[name])
    assert client.get(url).status_code == expected


def test_published_plan_report_is_public(world, client):
    assert client.get(reverse("reports:page", args=[world["public_plan"].slug])).status_code == 200


def test_unknown_format_is_not_found(world, login):
    url = reverse("reports:download", args=[world["plan"].slug, "exe"])
    assert login(world["viewer"]).get(url).status_code == 404


@pytest.mark.parametrize(
    "name, expected",
    [("viewer", 403), ("contributor", 403), ("coordinator", 302), ("outsider", 404)],
)
def test_who_may_start_a_report(world, login, name, expected):
    url = reverse("reports:create", args=[world["plan"].slug])
    assert login(world[name]).post(url, {"as_of": "2020-01-01"}).status_code == expected


def test_report_page_filters_and_shares_the_view(world, login):
    add_update(world["police_measure"], "2020-01-01", State.DONE, done="Trykket")
    url = reverse("reports:page", args=[world["plan"].slug])
    page = (
        login(world["viewer"])
        .get(url + "?as_of=2020-06-01&responsible=Politiet+i+Øst")
        .content.decode()
    )
    assert "Informasjonsmateriell" in page and "Skolenes årshjul" not in page
    assert "responsible=Politiet+i+%C3%98st" in page  # the link to this view keeps the filter
    assert "<svg" in page and "<desc>" in page  # the chart has a text alternative


def test_report_page_runs_a_constant_number_of_queries(world, login, django_assert_max_num_queries):
    from plans.tests.test_pages import big_plan

    client = login(world["admin"])
    small, large = big_plan(5, 2), big_plan(60, 40)
    with django_assert_max_num_queries(30) as counted:
        client.get(reverse("reports:page", args=[small.slug]))
    with django_assert_max_num_queries(len(counted)):
        client.get(reverse("reports:page", args=[large.slug]))


def test_bad_dates_are_explained_not_errors(world, login):
    url = reverse("reports:page", args=[world["plan"].slug])
    response = login(world["viewer"]).get(url + "?as_of=2020-02-30&compare=yesterday")
    page = response.content.decode()
    assert response.status_code == 200
    assert "is not a date" in page and "Nothing to compare with" in page


@pytest.fixture
def mosse(db):
    return load_plan(read_demo_plan("mosseregionen.json"), slug="mosseregionen", published=True)


def test_pdf_has_title_date_page_numbers_and_every_measure(mosse, client):
    response = client.get(
        reverse("reports:download", args=["mosseregionen", "pdf"]) + "?as_of=2017-06-01"
    )
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="mosseregionen-2017-06-01.pdf"' in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    pages = [p.extract_text() for p in reader.pages]
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert "Mosseregionen" in text
        assert "Status as of June 1, 2017" in text
        assert f"Page {number} / {len(pages)}" in text
    everything = " ".join(" ".join(pages).split())
    assert "Krisesenteret får status som" in everything
    assert "Delvis" not in everything  # markers became states, not text
    for state_total in ("22 %", "28 %", "46 %"):
        assert state_total in everything
    # Render the first page so a person can look at it.
    if shutil.which("pdftoppm"):
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = ARTIFACTS / "report-mosseregionen.pdf"
        pdf.write_bytes(response.content)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(ARTIFACTS / "report-mosseregionen"),
            ],
            check=True,
        )
        assert (ARTIFACTS / "report-mosseregionen-01.png").stat().st_size > 10_000


def test_every_format_agrees_on_the_numbers(mosse, tmp_path):
    """One computation: page, JSON, CSV, Excel and PDF show the same counts."""
    from openpyxl import load_workbook

    call_command(
        "report",
        plan="mosseregionen",
        as_of="2017-06-01",
        format="json",
        output=str(tmp_path / "r.json"),
    )
    document = json.loads((tmp_path / "r.json").read_text())
    assert (
        document["counts"]
        == document["summary"]["counts"]
        == {"done": 11, "ongoing": 14, "not_started": 1, "unclear": 23, "discontinued": 1}
    )
    call_command(
        "report",
        plan="mosseregionen",
        as_of="2017-06-01",
        format="xlsx",
        output=str(tmp_path / "r.xlsx"),
    )
    sheet = load_workbook(tmp_path / "r.xlsx").worksheets[0]  # named in the plan's language
    codes = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]  # the state code
    assert {s: codes.count(s) for s in document["counts"]} == document["counts"]
    call_command(
        "report",
        plan="mosseregionen",
        as_of="2017-06-01",
        format="csv",
        output=str(tmp_path / "r.csv"),
    )
    lines = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 1 + document["total"]
    call_command(
        "report",
        plan="mosseregionen",
        as_of="2017-06-01",
        format="pdf",
        output=str(tmp_path / "r.pdf"),
    )
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages)
    assert "Gjennomført" in text  # the command speaks the plan's language


@pytest.mark.parametrize(
    "options, message",
    [
        ({"format": "pdf"}, "--output FILE"),
        ({"compare": "2017-02-30"}, "2017-02-30.*ÅÅÅÅ-MM-DD"),  # in the plan's language
        ({"plan": "nope"}, "There is no plan"),
    ],
)
def test_report_command_explains_bad_options(mosse, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", **{"plan": "mosseregionen", **options})


def test_saved_report_text_freeze_and_carry_over(world, login):
    client = login(world["coordinator"])
    slug = world["plan"].slug
    client.post(reverse("reports:create", args=[slug]), {"as_of": "2020-06-01"})
    report = Report.objects.get()
    area = world["area"]
    response = client.post(
        report.get_absolute_url(),
        {
            "title": "Rapport til kommunestyret",
            "summary": "Godt i gang.",
            f"area_{area.pk}": "Brosjyren er ferdig.",
        },
    )
    assert response.status_code == 302
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Godt i gang." in page and "Brosjyren er ferdig." in page
    # Freeze; later history does not change the frozen numbers.
    client.post(reverse("reports:freeze", args=[slug, report.pk]))
    report.refresh_from_db()
    assert report.is_frozen and report.snapshot["summary"]["counts"]["unclear"] == 2
    add_update(world["police_measure"], "2020-01-01", State.DONE)
    frozen_json = json.loads(
        client.get(reverse("reports:saved_download", args=[slug, report.pk, "json"])).content
    )
    assert frozen_json["summary"]["counts"]["unclear"] == 2
    with pytest.raises(FrozenReportError):
        report.summary = "changed"
        report.save()
    # Posting text to a frozen report changes nothing.
    assert client.post(report.get_absolute_url(), {"summary": "x"}).status_code == 404
    # The next report starts from this one's text and compares with it.
    client.post(reverse("reports:create", args=[slug]), {"as_of": "2020-12-31"})
    latest = Report.objects.exclude(pk=report.pk).get()
    assert latest.summary == "Godt i gang."
    assert latest.area_comments == {str(area.pk): "Brosjyren er ferdig."}
    page = client.get(latest.get_absolute_url()).content.decode()
    # The measure had no status in the frozen report: it is new in follow-up.
    assert "1 new measure in follow-up" in page


def test_viewer_reads_a_frozen_report_but_cannot_edit_it(world, login):
    from reports.report import build_report

    report = Report.objects.create(
        plan=world["plan"], as_of=datetime.date(2020, 1, 1), summary="Tekst til kommunestyret"
    )
    client = login(world["viewer"])
    assert client.get(report.get_absolute_url()).status_code == 404  # a draft is the editors'
    report.freeze(build_report(world["plan"], report.as_of, text=report.text()))
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Tekst til kommunestyret" in page
    assert "Save text" not in page and "Freeze report" not in page
    freeze = reverse("reports:freeze", args=[world["plan"].slug, report.pk])
    assert client.post(freeze).status_code == 403


def test_formulas_in_contacts_text_do_not_run_in_spreadsheets(world, login):
    from openpyxl import load_workbook

    add_update(
        world["police_measure"],
        "2020-01-01",
        State.DONE,
        done='=HYPERLINK("http://example.org","klikk")',
        remaining="+1+1",
    )
    client = login(world["viewer"])
    slug = world["plan"].slug
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reports:download", args=[slug, "xlsx"])).content)
    )
    cells = [c for row in workbook.worksheets[0].iter_rows(min_row=2) for c in row]
    done = next(c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert done.data_type == "s"
    text = client.get(reverse("reports:download", args=[slug, "csv"])).content.decode("utf-8-sig")
    # Read back as a spreadsheet reads it: no cell starts a formula, none shows an apostrophe.
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert not [c for c in cells if c.startswith("'")]
    assert '\t=HYPERLINK("http://example.org","klikk")' in cells and "\t+1+1" in cells
    assert readable('\t=HYPERLINK("http://example.org","klikk")').startswith("=HYPERLINK")


def _hidden_inputs(page, form_class):
    import html
    import re

    form = page[page.index(f'class="{form_class}"') :]
    form = form[: form.index("</form>")]
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
        if name != "csrfmiddlewaretoken"
    }


def test_saved_report_keeps_the_comparison_and_filters_it_was_started_from(world, login):
    add_update(world["police_measure"], "2020-01-01", State.ONGOING)
    add_update(world["police_measure"], "2020-03-01", State.DONE)
    client = login(world["coordinator"])
    slug = world["plan"].slug
    view = client.get(
        reverse("reports:page", args=[slug]) + "?as_of=2020-06-01&compare=2020-02-01&state=done"
    ).content.decode()
    data = _hidden_inputs(view, "start-report")
    assert data == {"as_of": "2020-06-01", "compare": "2020-02-01", "state": "done"}
    client.post(reverse("reports:create", args=[slug]), data)
    report = Report.objects.get()
    for _step in ("draft", "frozen"):
        page = client.get(report.get_absolute_url()).content.decode()
        assert "Changes from Feb. 1, 2020 to June 1, 2020" in page
        assert "Informasjonsmateriell" in page and "Skolenes årshjul" not in page
        assert "Compared with Feb. 1, 2020." in page and "State: Done" in page
        download = client.get(reverse("reports:saved_download", args=[slug, report.pk, "csv"]))
        assert download["Content-Disposition"] == (
            f'attachment; filename="{slug}-2020-06-01-compared-2020-02-01-state-done.csv"'
        )
        client.post(reverse("reports:freeze", args=[slug, report.pk]))
        report.refresh_from_db()
    assert report.snapshot["comparison"]["before"]["as_of"] == "2020-02-01"
    # Frozen, it says so once, and the list of saved reports names it.
    assert "Frozen Frozen" not in page and '<span class="tag">Frozen</span> on ' in page
    assert f'href="{report.get_absolute_url()}"></a>' not in page


@pytest.mark.parametrize(
    "query, name",
    [
        ("as_of=2020-06-01", "{slug}-2020-06-01.xlsx"),
        ("as_of=2020-06-01&kind=existing", "{slug}-2020-06-01-kind-existing.xlsx"),
        (
            "as_of=2020-06-01&responsible=Politiet i Øst&area={area}",
            "{slug}-2020-06-01-area-1-informasjon-responsible-politiet-i-ost.xlsx",
        ),
    ],
)
def test_download_names_say_what_was_filtered(world, login, query, name):
    slug, area = world["plan"].slug, world["area"].pk
    response = login(world["viewer"]).get(
        reverse("reports:download", args=[slug, "xlsx"]) + "?" + query.format(area=area)
    )
    expected = name.format(slug=slug)
    assert response["Content-Disposition"] == f'attachment; filename="{expected}"'
