"""The app in a real browser: headless Chromium (Debian's) on a desktop and a phone.

Screenshots land in test-artifacts/ so a person can look at the pages.
"""

import os
from pathlib import Path

import pytest

from demo.loader import PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    # Playwright runs an event loop in this thread; the live server's ORM calls are fine.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup.sh --test installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo(live_server):
    load_demo()
    ARTIFACTS.mkdir(exist_ok=True)
    return live_server.url


def log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/")


def test_anonymous_visitor_sees_only_published_plans(browser, demo):
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo + "/")
    assert page.get_by_role(
        "link", name="Handlingsplan mot vold i nære relasjoner i Mosseregionen"
    ).is_visible()
    assert "Jämtlands län" not in page.content()
    # The first Tab reaches the skip link.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.screenshot(path=ARTIFACTS / "plans-anonymous-desktop.png", full_page=True)


def test_coordinator_reads_a_plan_as_of_a_date(browser, demo):
    page = browser.new_page(viewport=DESKTOP)
    log_in(page, demo, "koordinator")
    assert page.get_by_role(
        "link", name="Tillsammans mot våld – Handlingsplan 2021, Jämtlands län"
    ).is_visible()
    page.goto(demo + "/plans/mosseregionen/?as_of=2017-06-01")
    legend = page.locator(".legend")
    assert "22 % (11 of 50)" in legend.inner_text()
    assert "46 % (23 of 50)" in legend.inner_text()
    page.screenshot(path=ARTIFACTS / "plan-mosseregionen-2017-06-01-desktop.png", full_page=True)
    # Choosing another date swaps the status in place (htmx) and updates the address.
    page.locator("#as-of").fill("2015-01-01")
    page.locator("#as-of").dispatch_event("change")
    page.wait_for_url("**as_of=2015-01-01")
    page.wait_for_function("document.querySelector('#legend-heading').textContent.includes('2015')")
    assert "Status as of Jan. 1, 2015" in page.locator("#legend-heading").inner_text()
    report_link = page.locator("#status-report-link")
    assert report_link.get_attribute("href").endswith("?as_of=2015-01-01")
    # Opening a measure and going Back shows the whole page at the chosen date, not a fragment.
    page.locator(".measure-table a[href*='/measures/']").first.click()
    page.wait_for_url("**/measures/**")
    page.go_back()
    page.wait_for_url("**as_of=2015-01-01")
    assert page.locator(".site-header").is_visible()
    assert "Status as of Jan. 1, 2015" in page.locator("#legend-heading").inner_text()
    page.get_by_role("link", name="Today", exact=True).click()
    page.wait_for_load_state()
    assert "as_of" not in page.url
    assert not page.locator("#today-control a").count()


def test_contributor_writes_a_status_on_a_phone(browser, demo):
    page = browser.new_page(viewport=PHONE)
    log_in(page, demo, "bidragsyter")
    page.goto(demo + "/plans/jamtland-2021/")
    page.screenshot(path=ARTIFACTS / "plan-jamtland-phone.png", full_page=False)
    # Nothing wider than the screen on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("link", name="Styrgruppen för Barnahus").click()
    page.get_by_label("Ongoing").check()
    page.get_by_label("What is done").fill("Deltagit i alla möten under våren.")
    page.get_by_label("What remains").fill("Utvärdering i december.")
    page.get_by_role("button", name="Save status").click()
    assert page.get_by_text("The status was saved.").is_visible()
    assert (
        page.locator(".history li")
        .first.get_by_text("Deltagit i alla möten under våren.")
        .is_visible()
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=ARTIFACTS / "measure-status-phone.png", full_page=True)


def test_report_prints_without_controls_and_downloads_a_pdf(browser, demo):
    page = browser.new_page(viewport=DESKTOP)
    log_in(page, demo, "koordinator")
    page.goto(demo + "/plans/mosseregionen/report/?as_of=2017-06-01")
    assert page.locator(".report-controls").is_visible()
    assert "11" in page.locator(".legend-table").inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".report-controls").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".report-table").first.is_visible()
    page.pdf(path=ARTIFACTS / "report-mosseregionen-printed.pdf")
    page.emulate_media(media="screen")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename == "mosseregionen-2017-06-01.pdf"


def test_a_whole_status_round(browser, demo):
    import re

    from django.core import mail

    coordinator = browser.new_page(viewport=DESKTOP)
    log_in(coordinator, demo, "koordinator")
    coordinator.goto(demo + "/plans/jamtland-2021/rounds/")
    coordinator.get_by_label("Message to the contacts").fill("Status før ledningsgruppens möte.")
    coordinator.get_by_role("button", name="Prepare the round").click()
    assert coordinator.locator("#round-progress").get_by_text("Bjørn Bidragsyter").is_visible()
    coordinator.get_by_role("button", name="Send the requests").click()
    assert coordinator.get_by_text("1 e-mail was sent.").is_visible()
    assert [m.to for m in mail.outbox] == [["bidragsyter@example.org"]]
    token = re.search(r"/r/(\S+)/", mail.outbox[0].body).group(1)

    # The contact answers on a phone, without an account.
    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{demo}/r/{token}/")
    assert phone.get_by_text("Styrgruppen för Barnahus").is_visible()
    # The page speaks the contact's language (Norwegian), as the e-mail did.
    assert phone.locator("html").get_attribute("lang") == "nb"
    first = phone.locator("fieldset.answer").first
    first.get_by_label("Pågår", exact=True).check()
    first.get_by_label("Hva er gjort").fill("Två möten hållna.")
    phone.get_by_role("button", name="Lagre utkast").click()
    assert phone.get_by_text("Svarene dine ble lagret som utkast").is_visible()
    phone.locator("fieldset.answer").first.get_by_label("Gjennomført", exact=True).check()
    phone.get_by_role("button", name="Send inn svarene").click()
    assert phone.get_by_text("Takk! Svarene dine er sendt inn.").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=ARTIFACTS / "round-answer-phone.png", full_page=True)

    # The coordinator sees the progress, reminds, and closes the round.
    coordinator.reload()
    assert coordinator.get_by_text("1 of 6 answered").is_visible()
    coordinator.get_by_role("button", name="Remind everyone who has not answered").click()
    assert len(mail.outbox) == 2
    coordinator.screenshot(path=ARTIFACTS / "round-progress-desktop.png", full_page=True)
    coordinator.get_by_role("link", name="Close the round…").click()
    assert coordinator.get_by_text("Close the round?").is_visible()
    coordinator.get_by_role("button", name="Close the round and freeze the report").click()
    assert coordinator.get_by_text("Frozen", exact=True).first.is_visible()
    assert "/reports/" in coordinator.url
    coordinator.screenshot(path=ARTIFACTS / "round-report-desktop.png")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/plans/vastmanland-strategi/structure/",
        "/plans/rana-slt/wheel/",
        "/plans/jamtland-2021/rounds/",
        "/plans/mosseregionen/report/?as_of=2017-06-01",
        "/plans/rana-slt/measures/new/",
        "/import/",
        "/organisations/",
        "/contacts/",
    ],
)
def test_coordinators_pages_fit_a_phone(browser, demo, path):
    page = browser.new_page(viewport=PHONE)
    log_in(page, demo, "koordinator")
    page.goto(demo + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path


def test_a_coordinators_first_measure_saves(browser, demo):
    page = browser.new_page(viewport=DESKTOP)
    log_in(page, demo, "koordinator")
    page.goto(demo + "/plans/rana-slt/measures/new/")
    assert page.locator("#id_refs").input_value() == ""
    page.locator("#id_title").fill("Nattravn i sentrum")
    page.locator("#id_responsible-0-organisation").select_option(label="Rana kommune")
    page.get_by_role("button", name="Save", exact=True).click()
    assert page.get_by_text("The measure was saved.").is_visible()
    assert page.get_by_role("heading", name="Nattravn i sentrum").is_visible()


CSP_PAGES = [
    "/",
    "/plans/mosseregionen/?as_of=2017-06-01",
    "/plans/mosseregionen/report/?as_of=2017-06-01",
    "/plans/jamtland-2021/wheel/",
    "/plans/jamtland-2021/structure/",
    "/plans/jamtland-2021/rounds/",
    "/plans/rana-slt/measures/new/",
    "/import/",
    "/admin/",
]


def test_key_pages_break_no_content_security_policy(browser, demo):
    page = browser.new_page(viewport=DESKTOP)
    reported = []
    page.on(
        "console",
        lambda message: (
            reported.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, demo, "koordinator")
    for path in CSP_PAGES:
        page.goto(demo + path)
        page.wait_for_load_state("networkidle")
    assert reported == []
    # The print buttons work from the static script, not an onclick attribute.
    page.goto(demo + "/plans/mosseregionen/report/?as_of=2017-06-01")
    page.evaluate("window.print = () => { window.printed = true; }")
    page.locator(".print-button").first.click()
    assert page.evaluate("window.printed") is True
    # And such a violation is heard: an inline script is refused and reported.
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.inlineRan = true'; document.head.appendChild(s); }"
        )
    assert page.evaluate("window.inlineRan") is None
