"""The PDF report's layout: every word on the page, nothing running into the footer."""

import datetime
import io
import re

import pdfplumber
import pytest

from demo.loader import read_demo_plan
from interchange.load import load_plan
from reports.formats import render
from reports.report import build_report

MM = 72 / 25.4
BOTTOM_MARGIN = 18 * MM  # report_pdf.html's @page bottom margin, where the footer sits


def words_on_pages(pdf):
    """(words inside the page box, words outside it) of a PDF's text."""
    inside, outside = [], []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            for word in page.extract_words():
                box = (word["x0"], word["top"], word["x1"], word["bottom"])
                within = box[0] >= 0 and box[1] >= 0 and box[2] <= page.width
                within = within and box[3] <= page.height
                (inside if within else outside).append(word)
                word["page_height"] = page.height
    return inside, outside


def missing_words(texts, inside):
    """Words of `texts` that the PDF does not show inside the page box.

    A word broken at its hyphen or slash at a line end ("Krisesenter-" / "skole") counts.
    """
    shown = " ".join(w["text"] for w in inside)
    return [
        word
        for text in texts
        for word in text.split()
        if not all(piece in shown for piece in re.split(r"(?<=[-/])", word))
    ]


@pytest.fixture
def mosse(db):
    return load_plan(read_demo_plan("mosseregionen.json"), slug="mosseregionen", published=True)


def test_every_remaining_word_is_on_the_page_and_nothing_runs_into_the_footer(mosse):
    report = build_report(mosse, datetime.date(2017, 6, 1))
    inside, outside = words_on_pages(render("pdf", report))
    assert outside == []
    remaining = [row["remaining"] for row in report["measures"]]
    assert sum(len(t.split()) for t in remaining) > 20  # the plan really has such texts
    assert missing_words(remaining, inside) == []
    assert missing_words([row["done"] for row in report["measures"]], inside) == []
    # Only the footer lives in the bottom margin: chart labels and numbers stay above it.
    in_footer = {w["text"] for w in inside if w["bottom"] > w["page_height"] - BOTTOM_MARGIN}
    assert in_footer <= {"Samordna", "Page", "/"} | {str(n) for n in range(1, 100)}
