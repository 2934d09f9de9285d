"""The header search box in Chromium: suggestions as you type (an ARIA combobox), submit, open a
result."""

import re

import pytest
from playwright.sync_api import expect


@pytest.fixture
def tree(live_server, site_tree):
    """``site_tree`` (committed: live_server makes the test transactional)."""
    return site_tree


def test_type_see_suggestions_submit_and_open_a_result(live_server, tree, browser_page, screenshot):
    page = browser_page
    page.goto(live_server.url + "/about/")
    box = page.locator("#header-search-input")
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press_sequentially("土壤", delay=80)
    options = page.locator("#header-search-suggestions [role=option]")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(options).to_have_count(2)
    expect(page.locator("#header-search-suggestions")).to_contain_text("土壤检测")
    screenshot(page, "search-suggestions")

    # Keyboard: the first option becomes active; Escape closes the list.
    box.press("ArrowDown")
    active = box.get_attribute("aria-activedescendant")
    expect(page.locator(f"#{active}")).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")

    # Submitting the form shows the results page.
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    expect(page.locator(".search-count")).to_contain_text("土壤")
    result = page.locator(".search-result__title a", has_text="土壤检测")
    expect(result.locator("mark")).to_have_text("土壤")
    expect(page.locator(".search-result", has=result)).to_contain_text("服务范围")
    screenshot(page, "search-results")

    result.click()
    page.wait_for_url(re.compile(r"/services/soil-testing/$"))
    expect(page.locator("h1")).to_contain_text("土壤检测")


def test_choosing_a_suggestion_with_the_keyboard_opens_it(live_server, tree, browser_page):
    page = browser_page
    page.goto(live_server.url + "/")
    box = page.locator("#header-search-input")
    box.press_sequentially("执法", delay=80)
    expect(page.locator("#header-search-suggestions [role=option]")).to_have_count(1)
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/news/enforcement/$"))
