"""A visitor in Chromium: the Chinese home page, its menu, the ICP link, a service, the article."""

import pytest

from tests.expected import MENU


@pytest.fixture
def demo_live_server(live_server, demo_site):
    """The demo site (built once per session, restored before each test) behind live_server."""
    return live_server


def test_home_menu_service_and_article(demo_live_server, browser_page, screenshot):
    page = browser_page
    page.goto(demo_live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    menu = page.locator("#main-menu a")
    assert [text.strip() for text in menu.all_inner_texts()] == MENU["zh-hans"]
    icp = page.locator("a.icp-link")
    assert icp.get_attribute("href") == "https://beian.miit.gov.cn/"
    assert "鲁ICP备" in icp.inner_text()
    screenshot(page, "home-zh")

    page.locator("#main-menu a", has_text="服务范围").click()
    page.wait_for_url("**/services/")
    page.locator("main a", has_text="土壤检测").first.click()
    page.wait_for_url("**/services/soil-testing/")
    assert page.locator("h1").inner_text().strip() == "土壤检测"
    assert "当前位置" in page.locator(".breadcrumbs").inner_text()
    screenshot(page, "service-zh")

    page.locator("#main-menu a", has_text="新闻动态").click()
    page.wait_for_url("**/news/")
    # The seed article (2021) is older than the sample news: it is on the list's second page.
    page.locator("a.pagination__link--next").click()
    page.wait_for_url("**/news/?page=2")
    page.locator("main a", has_text="山东完善制度提高生态环境执法效能").first.click()
    assert page.locator("h1").inner_text().strip() == "山东完善制度提高生态环境执法效能"
    assert page.locator("main h2", has_text="厘清执法职责界限").count() >= 1
    screenshot(page, "article-zh")
