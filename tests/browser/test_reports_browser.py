"""A visitor scans a report's QR code, and another types the number and code, in Chromium."""

import pytest
from wagtail.models import Locale

from corporate.reports.codes import make_token
from tests.helpers import build_reports_site

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_qr_code_address_shows_the_reports_status(live_server, browser_page, screenshot):
    en = Locale.objects.get_or_create(language_code="en")[0]
    tree = build_reports_site(en)
    report = tree["report"]
    page = browser_page

    page.goto(f"{live_server.url}/en/reports/verify/{make_token(report)}/")
    result = page.get_by_test_id("verify-result")
    result.wait_for()
    assert page.get_by_role("heading", name="Valid report").is_visible()
    assert page.get_by_test_id("report-number").inner_text() == "GP-2025-00042"
    assert (
        "Valid: issued by our laboratory and in force."
        in page.get_by_test_id("report-status").inner_text()
    )
    assert page.get_by_test_id("report-client").inner_text() == "山东**化工有限公司"
    screenshot(page, "report-verify-qr-en")

    # The language switcher keeps the result: the Chinese page answers the same address.
    page.goto(f"{live_server.url}/reports/verify/{make_token(report)}/")
    assert page.get_by_test_id("report-number").inner_text() == "GP-2025-00042"
    screenshot(page, "report-verify-qr-zh")


def test_a_visitor_types_the_number_and_code(live_server, browser_page, screenshot):
    en = Locale.objects.get_or_create(language_code="en")[0]
    build_reports_site(en)
    page = browser_page
    page.goto(f"{live_server.url}/en/reports/")  # redirects to the form
    page.get_by_label("Report number").fill("GP-2025-00042")
    page.get_by_label("Verification code").fill("wrong")
    page.get_by_role("button", name="Verify").click()
    assert "No report matches the number" in page.get_by_test_id("not-found").inner_text()
    assert page.get_by_label("Report number").input_value() == "GP-2025-00042"  # kept, the code not
    page.get_by_label("Verification code").fill("k7q2-m9x4")
    page.get_by_role("button", name="Verify").click()
    assert page.get_by_role("heading", name="Valid report").is_visible()
    screenshot(page, "report-verify-form-en")
