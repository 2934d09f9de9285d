"""A visitor reads a Chinese service page, switches to English and lands on its English page, then
to the Traditional one and back."""

import pytest
from wagtail.models import Locale

from corporate.core.models import ServicePage
from tests.helpers import has_han

pytestmark = pytest.mark.django_db(transaction=True)


def test_switcher_leads_from_a_chinese_service_page_to_its_english_page(
    live_server, demo_site, browser_page, screenshot
):
    service = ServicePage.objects.filter(locale__language_code="zh-hans").live().first()
    english = service.get_translation(Locale.objects.get(language_code="en")).specific
    page = browser_page

    page.goto(live_server.url + service.url)
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("main h1").first.inner_text().strip() == service.title
    screenshot(page, "language-switcher-zh-service")

    page.locator(".language-switcher").get_by_role("link", name="English").click()
    page.wait_for_url(live_server.url + english.url)

    assert english.url == "/en" + service.url  # the same readable slugs
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h1").first.inner_text().strip() == english.title
    main_text = page.locator("main").inner_text()
    assert english.summary.split(".")[0] in main_text
    assert not has_han(main_text)
    assert not has_han(page.title())
    screenshot(page, "language-switcher-en-service")

    # On to the Traditional copy, generated from the Chinese page.
    traditional = service.get_translation(Locale.objects.get(language_code="zh-hant")).specific
    page.locator(".language-switcher").get_by_role("link", name="繁體中文").click()
    page.wait_for_url(live_server.url + traditional.url)
    assert traditional.url == "/zh-hant" + service.url
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    assert page.locator("main h1").first.inner_text().strip() == traditional.title
    assert traditional.title != service.title  # 检测 → 檢測

    # And back to the Chinese page.
    page.locator(".language-switcher").get_by_role("link", name="简体中文").click()
    page.wait_for_url(live_server.url + service.url)
    assert page.locator("main h1").first.inner_text().strip() == service.title
