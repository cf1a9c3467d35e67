"""A coordinator's week in a real browser: a plan with four measures made by pasting, a
status round answered through the personal link, closed, and its PDF read back.

Uses Debian's headless Chromium, as test_browser.py does.
"""

import io
import re

import pdfplumber
import pytest

from samordna.tests.test_browser import ARTIFACTS, DESKTOP, PHONE, browser, demo, log_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASTED = "\n".join(
    [
        "1\tFelles rutiner for vold i nære relasjoner\tPolisen i Jämtlands län\tløpende",
        "2\tKurs for ansatte i skolen\tSkolene\t2026",
        "3\tInformasjon til foreldre på flere språk\tPolisen i Jämtlands län\t2025–2026",
        "4\tEvaluering av samarbeidet\tKoordinator\tmidlertidig",
    ]
)
REMAINING = (
    "Rutinene må forankres i ledergruppene i alle fire kommunene, oversettes til "
    "nordsamisk og sørsamisk, og gjennomgås på nytt etter evalueringen neste høst."
)


def test_paste_a_plan_run_a_round_and_read_its_pdf(browser, demo):  # noqa: F811
    from django.core import mail

    page = browser.new_page(viewport=DESKTOP)
    log_in(page, demo, "koordinator")
    page.goto(demo + "/plans/new/")
    page.get_by_label("Title").fill("Handlingsplan for uka")
    page.get_by_label("Länsstyrelsen Jämtlands län").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/plans/handlingsplan-for-uka/")

    # Four measures by pasting: preview first, then create.
    page.get_by_role("link", name="Paste measures").click()
    page.get_by_label("Rows").fill(PASTED)
    page.get_by_role("button", name="Preview").click()
    assert page.get_by_text("4 measures will be created").is_visible()
    page.get_by_role("button", name="Create 4 measures").click()
    assert page.get_by_text("4 measures were created.").is_visible()
    assert page.get_by_text("Kurs for ansatte i skolen").is_visible()
    # The police are another organisation's: named in the plan, they are invited.
    assert page.get_by_text(
        "Invited, awaiting acceptance by their coordinators: Polisen i Jämtlands län."
    ).is_visible()
    admin = browser.new_context(viewport=DESKTOP).new_page()
    log_in(admin, demo, "admin")
    admin.goto(demo + "/invitations/")
    invitation = admin.get_by_role("row").filter(has_text="Handlingsplan for uka")
    invitation.get_by_role("button", name="Accept").click()
    admin.wait_for_url("**/invitations/")

    # A status round to the police's contact, answered through the personal link.
    page.goto(demo + "/plans/handlingsplan-for-uka/rounds/")
    page.get_by_role("button", name="Prepare the round").click()
    page.get_by_role("button", name="Send the requests").click()
    assert [m.to for m in mail.outbox] == [["bidragsyter@example.org"]]
    token = re.search(r"/r/(\S+)/", mail.outbox[0].body).group(1)
    phone_context = browser.new_context(viewport=PHONE)
    # The link page speaks the contact's language (Norwegian); this contact chose English.
    phone_context.add_cookies([{"name": "django_language", "value": "en", "url": demo}])
    phone = phone_context.new_page()
    phone.goto(f"{demo}/r/{token}/")
    first = phone.locator("fieldset.answer").first
    first.get_by_label("Ongoing", exact=True).check()
    first.get_by_label("What is done").fill("Utkast sendt på høring.")
    first.get_by_label("What remains").fill(REMAINING)
    phone.locator("fieldset.answer").nth(1).get_by_label("Done", exact=True).check()
    phone.get_by_role("button", name="Submit answers").click()
    assert phone.get_by_text("Your answers were submitted").is_visible()

    # Close the round (confirming if asked) and download the frozen report's PDF.
    page.reload()
    page.get_by_role("link", name="Close the round…").click()
    page.get_by_role("button", name="Close the round and freeze the report").click()
    page.wait_for_url("**/reports/**")
    page.screenshot(path=ARTIFACTS / "week-frozen-report.png")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    pdf = download.value.path().read_bytes()
    (ARTIFACTS / "week-report.pdf").write_bytes(pdf)

    words, outside = [], []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for pdf_page in document.pages:
            for word in pdf_page.extract_words():
                inside = word["x0"] >= 0 and word["x1"] <= pdf_page.width
                inside = inside and word["top"] >= 0 and word["bottom"] <= pdf_page.height
                (words if inside else outside).append(word["text"])
    assert outside == []
    shown = " ".join(words)
    for text in (REMAINING, "Utkast sendt på høring.", "No answer in the status round."):
        missing = [
            w for w in text.split() if not all(p in shown for p in re.split(r"(?<=[-/])", w))
        ]
        assert missing == [], text
    for title in ("Felles rutiner", "Kurs for ansatte i skolen", "Evaluering av samarbeidet"):
        assert title in shown
