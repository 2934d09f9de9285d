"""A visitor on the English site asks for a quote from a service page, in Chromium."""

import re

import pytest

from corporate.inquiries.models import InquirySubmission

pytestmark = pytest.mark.django_db(transaction=True)


def test_english_visitor_requests_a_quote_from_a_service_page(
    live_server, inquiry_site, browser_page, screenshot
):
    tree = inquiry_site
    service = tree["service_en"]
    page = browser_page

    page.goto(live_server.url + service.url)
    page.get_by_role("link", name="Request a quote").click()
    page.wait_for_url(re.compile(r"/en/.*\?service=.*#inquiry$"))
    form = page.locator("section#inquiry form")
    assert form.get_by_label("Service").input_value() == service.slug

    form.get_by_label("Name").fill("Jane Smith")
    form.get_by_label("Company or organisation").fill("Example Environmental Ltd")
    form.get_by_label("Phone").fill("+44 20 7946 0958")
    form.get_by_label("E-mail").fill("jane.smith@example.co.uk")
    form.get_by_label("Sample type").select_option("Soil and sediments")
    form.get_by_label("Project location").fill("Qingdao, Shandong")
    form.get_by_label("What do you need tested?").fill("About 20 soil samples from one site.")
    # A first try without consent is refused with a message next to the box.
    form.get_by_role("button", name="Send request").click()
    error = page.locator(".form-field.has-error")
    assert error.count() == 1
    assert "I have read the privacy policy" in error.inner_text()
    screenshot(page, "inquiry-en-missing-consent")

    form = page.locator("section#inquiry form")
    assert form.get_by_label("Name").input_value() == "Jane Smith"  # nothing typed is lost
    form.get_by_label(re.compile("I have read the privacy policy")).check()
    form.get_by_role("button", name="Send request").click()

    page.get_by_role("heading", name="Thank you").wait_for()
    reference = page.locator("[data-reference]").inner_text()
    assert re.fullmatch(r"GP-\d{8}-[2-9A-HJ-NP-Z]{4}", reference)
    screenshot(page, "inquiry-en-thank-you")
    submission = InquirySubmission.objects.get(reference=reference)
    assert submission.language == "en"
    assert submission.form_data["name"] == "Jane Smith"
    assert submission.form_data["service"] == service.title
