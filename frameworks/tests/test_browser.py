"""The plan page in a real browser loads its plan check and its indicator trends."""

import pytest

from samordna.tests.test_browser import ARTIFACTS, DESKTOP, PHONE, browser, demo  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rana_plan_page_shows_its_trends_and_its_check(browser, demo):  # noqa: F811
    page = browser.new_page(viewport=DESKTOP)
    page.goto(demo + "/plans/rana-slt/")
    trend = page.locator("#plan-indicators svg.trend").first
    trend.wait_for()
    assert "17 %" in trend.inner_html()
    assert page.get_by_text("Baseline 17 % (2019).", exact=False).first.is_visible()
    summary = page.locator("#plan-check-summary")
    summary.wait_for()
    assert "Plan check" in summary.inner_text()
    page.screenshot(path=ARTIFACTS / "plan-indicators-desktop.png", full_page=True)
    phone = browser.new_page(viewport=PHONE)
    phone.goto(demo + "/plans/rana-slt/check/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=ARTIFACTS / "plan-check-phone.png", full_page=True)
