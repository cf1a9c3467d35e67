"""Indicators: typed and uploaded values, the trend drawn as SVG and PNG, in reports and files."""

import io
import json
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from docx import Document
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfReader

from indicators import charts
from indicators.models import Indicator, IndicatorValue
from indicators.series import plan_indicators
from reports.exports.pdf import report_pdf
from reports.exports.word import report_docx
from reports.report import build_report

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def drinking(world):
    indicator = Indicator.objects.create(
        plan=world["plan"],
        name="Ungdom som har vært beruset siste år",
        unit="%",
        source="Ungdata",
        baseline_year=2019,
        baseline_value=17,
        target_year=2024,
        target_value=12,
        reference_value=13,
        reference_label="Landsgjennomsnittet",
    )
    for year, value in [(2013, 12), (2016, 14.5), (2019, 17)]:
        IndicatorValue.objects.create(indicator=indicator, year=year, value=value)
    return indicator


def test_trend_svg_has_the_series_target_and_reference_with_words(drinking):
    data = plan_indicators(drinking.plan)[0]
    root = ET.fromstring(charts.svg(data))
    texts = [" ".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert {"12 %", "14.5 %", "17 %"} <= set(texts)
    assert "Target 12 % (2024)" in texts
    assert "Landsgjennomsnittet 13 %" in texts
    assert "Baseline" in texts
    # The value axis has round ticks.
    assert [t for t in texts if t.endswith("%")][:5] == ["0 %", "5 %", "10 %", "15 %", "20 %"]
    # Patterns, not only colours: the target and the reference are dashed differently.
    dashes = {line.get("stroke-dasharray") for line in root.iter(f"{SVG}line")} - {None}
    assert dashes == {"8 4", "2 3"}
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    description = charts.describe(data)
    assert description == (
        "Ungdom som har vært beruset siste år: 12 % in 2013, 14.5 % in 2016, 17 % in 2019. "
        "Baseline 17 % (2019). Target 12 % by 2024. Landsgjennomsnittet: 13 %."
    )
    assert root.get("aria-label") == description


def test_trend_png_is_a_picture(drinking):
    image = Image.open(io.BytesIO(charts.png(plan_indicators(drinking.plan)[0])))
    assert image.size == (charts.WIDTH * 2, charts.HEIGHT * 2)
    assert len(image.getcolors(maxcolors=1 << 20)) > 4


def test_indicator_with_only_a_baseline_still_draws(world):
    indicator = Indicator.objects.create(
        plan=world["plan"], name="Skjermtid", unit="%", baseline_year=2019, baseline_value=41
    )
    data = plan_indicators(world["plan"])[0]
    assert "41 %" in charts.svg(data)
    empty = Indicator.objects.create(plan=world["plan"], name="Tomt")
    assert charts.svg(plan_indicators(world["plan"])[1]) == ""
    assert "no values yet" in charts.describe(plan_indicators(world["plan"])[1])
    assert indicator and empty


def test_a_value_near_the_largest_float_still_draws(world, login):
    indicator = Indicator.objects.create(plan=world["plan"], name="Feiltastet")
    for year, value in [(2019, 1.7e308), (2020, 3)]:
        IndicatorValue.objects.create(indicator=indicator, year=year, value=value)
    page = login(world["coordinator"]).get(reverse("indicators:list", args=[world["plan"].slug]))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    assert Image.open(io.BytesIO(charts.png(plan_indicators(world["plan"])[0]))).size


def test_indicators_command_lists_baseline_target_and_values(drinking, capsys):
    call_command("indicators", plan=drinking.plan.slug, format="json")
    [listed] = json.loads(capsys.readouterr().out)
    assert listed["name"] == drinking.name
    assert listed["baseline"] == {"year": 2019, "value": 17.0}
    assert listed["target"] == {"year": 2024, "value": 12.0}
    assert [v["year"] for v in listed["values"]] == [2013, 2016, 2019]


def test_the_trend_is_in_the_report_page_pdf_and_word(drinking, world, login):
    plan = drinking.plan
    page = login(world["viewer"]).get(reverse("reports:page", args=[plan.slug])).content.decode()
    assert "Ungdom som har vært beruset siste år" in page and 'class="trend"' in page
    report = build_report(plan, __import__("datetime").date(2026, 12, 2))
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(report))).pages)
    assert "Ungdom som har vært beruset siste år" in pdf_text
    assert "Target\n12 % (2024)" in pdf_text
    document = Document(io.BytesIO(report_docx(report)))
    assert "Ungdom som har vært beruset siste år" in [p.text for p in document.paragraphs]
    described = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert any(
        d and d.startswith("Ungdom som har vært beruset siste år: 12 % in 2013") for d in described
    )
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Plan check" in headings


def test_the_plan_page_section_shows_the_trend(drinking, world, login):
    section = login(world["viewer"]).get(reverse("indicators:section", args=[world["plan"].slug]))
    assert 'class="trend"' in section.content.decode()
    empty = login(None).get(reverse("indicators:section", args=[world["public_plan"].slug]))
    assert empty.content.decode().strip() == ""


@pytest.mark.parametrize(
    "actor, status",
    [(None, 302), ("viewer", 403), ("contributor", 403), ("outsider", 404), ("coordinator", 200)],
)
def test_only_coordinators_change_indicators(world, login, actor, status):
    client = login(world[actor] if actor else None)
    assert client.get(reverse("indicators:create", args=[world["plan"].slug])).status_code == status


def test_coordinator_types_an_indicator_and_its_values(world, login):
    client, slug = login(world["coordinator"]), world["plan"].slug
    response = client.post(
        reverse("indicators:create", args=[slug]),
        {
            "name": "Meldinger til barnevernet",
            "unit": "",
            "baseline_year": "2020",
            "baseline_value": "",
            "measures": [world["police_measure"].pk],
        },
    )
    assert response.status_code == 200
    assert "Give both the year and the value, or neither." in response.content.decode()
    response = client.post(
        reverse("indicators:create", args=[slug]),
        {
            "name": "Meldinger til barnevernet",
            "baseline_year": "2020",
            "baseline_value": "40",
            "target_year": "9999",
            "target_value": "1",
        },
    )
    assert "9999" in response.content.decode() and not Indicator.objects.exists()
    client.post(
        reverse("indicators:create", args=[slug]),
        {"name": "Meldinger til barnevernet", "baseline_year": "2020", "baseline_value": "40"},
    )
    indicator = Indicator.objects.get()
    client.post(
        reverse("indicators:value_add", args=[slug, indicator.pk]), {"year": "2021", "value": "44"}
    )
    again = client.post(
        reverse("indicators:value_add", args=[slug, indicator.pk]), {"year": "2021", "value": "45"}
    )
    assert again.status_code == 400 and "already a value for 2021" in again.content.decode()
    assert list(indicator.values.values_list("year", "value")) == [(2021, 44.0)]
    duplicate = client.post(
        reverse("indicators:create", args=[slug]), {"name": "meldinger til barnevernet"}
    )
    assert "already has an indicator with this name" in duplicate.content.decode()


def _xlsx(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_values_are_uploaded_from_csv_and_excel(world, login):
    client, slug = login(world["coordinator"]), world["plan"].slug
    csv = "Indikator;År;Verdi;Enhet;Kilde\nBeruset siste år;2013;12;%;Ungdata\nBeruset siste år;2019;17,0;%;Ungdata\n"
    response = client.post(
        reverse("indicators:upload", args=[slug]),
        {"file": SimpleUploadedFile("ungdata.csv", csv.encode("utf-8-sig"))},
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert (indicator.unit, indicator.source) == ("%", "Ungdata")
    assert list(indicator.values.values_list("year", "value")) == [(2013, 12.0), (2019, 17.0)]
    excel = _xlsx(
        [["indicator", "year", "value"], ["Beruset siste år", 2022, 15], ["Skjermtid", 2019, 41]]
    )
    client.post(
        reverse("indicators:upload", args=[slug]), {"file": SimpleUploadedFile("u.xlsx", excel)}
    )
    assert Indicator.objects.count() == 2
    assert indicator.values.count() == 3


def test_a_name_longer_than_its_column_is_one_indicator_across_uploads(world, login):
    client, slug = login(world["coordinator"]), world["plan"].slug
    name = "Andel " * 60  # 360 characters; the column holds 300
    for year in (2019, 2020):
        csv = f"indicator,year,value,place\n{name},{year},4,{'Sted ' * 50}\n"
        response = client.post(
            reverse("indicators:upload", args=[slug]),
            {"file": SimpleUploadedFile("long.csv", csv.encode())},
        )
        assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert indicator.name == name[:300].strip()
    assert list(indicator.values.values_list("year", flat=True)) == [2019, 2020]


def test_a_bad_file_lists_every_problem_and_saves_nothing(world, login):
    client, slug = login(world["coordinator"]), world["plan"].slug
    csv = "indicator,year,value\nA,20x9,5\nB,2019,mye\n,2019,3\nC,0001,4\nD\x01,2019,4\n"
    response = client.post(
        reverse("indicators:upload", args=[slug]),
        {"file": SimpleUploadedFile("f.csv", csv.encode())},
    )
    page = response.content.decode()
    assert response.status_code == 400
    for expected in ("Row 2:", "Row 3:", "Row 4:", "Row 5:", "Row 6:", "Nothing was saved"):
        assert expected in page
    assert not Indicator.objects.exists()
    broken = client.post(
        reverse("indicators:upload", args=[slug]),
        {"file": SimpleUploadedFile("f.xlsx", b"not a zip")},
    )
    assert "This is not an Excel file Samordna can read." in broken.content.decode()
    headless = client.post(
        reverse("indicators:upload", args=[slug]),
        {"file": SimpleUploadedFile("f.csv", b"a,b\n1,2\n")},
    )
    assert "must name the columns" in headless.content.decode()


def _with_sheet(data, change):
    """The workbook `data` with its first sheet's XML passed through `change`."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, change(content) if name.endswith("sheet1.xml") else content)
    return out.getvalue()


def test_damaged_files_are_refused_with_a_message_not_an_error(world, login):
    client, slug = login(world["coordinator"]), world["plan"].slug
    good = _xlsx([["indicator", "year", "value"], ["A", 2020, 1]])
    huge_cell = (
        b'<row r="3"><c r="A3" t="inlineStr"><is><t>' + b"x" * 30_000_000 + b"</t></is></c></row>"
    )
    files = {
        "cut.xlsx": (_with_sheet(good, lambda xml: xml[: len(xml) // 2]), "not an Excel file"),
        "bomb.xlsx": (
            _with_sheet(
                good, lambda xml: xml.replace(b"</sheetData>", huge_cell + b"</sheetData>")
            ),
            "zip bomb",
        ),
        "long.csv": (b'indicator,year,value\n"' + b"x" * 200_000 + b'",2020,1\n', "not a CSV file"),
    }
    for name, (content, message) in files.items():
        response = client.post(
            reverse("indicators:upload", args=[slug]), {"file": SimpleUploadedFile(name, content)}
        )
        assert response.status_code == 400, name
        assert message in response.content.decode(), name
    assert not Indicator.objects.exists()


def test_rana_demo_carries_its_survey_figures_as_baselines(db, capsys):
    from demo.loader import load_demo

    load_demo(history=False)
    call_command("indicators", plan="rana-slt", format="json")
    listed = json.loads(capsys.readouterr().out)
    by_name = {i["name"]: i for i in listed}
    drunk = by_name["Ungdomsskoleelever som har vært beruset på alkohol siste år"]
    assert drunk["baseline"] == {"year": 2019, "value": 17.0}
    assert drunk["reference"]["value"] == 13.0
    assert (
        by_name["Ungdomsskoleelever med over 4 timer skjermtid om dagen"]["baseline"]["value"]
        == 41.0
    )
    assert len(listed) == 9
    assert all(i["source"] for i in listed)
