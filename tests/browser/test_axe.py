"""axe-core (the copy bundled in axe-playwright-python, no download) in Chromium on a page of
every page type in both languages: no serious or critical violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = {
    "home": "/",
    "standard": "/about/",
    "news index": "/news/",
    "accreditation index": "/accreditation/",
    "accreditation area": "/accreditation/soil-and-sediments/",
    "service index": "/services/",
    "service": "/services/soil-testing/",
    "contact": "/contact/",
    "case index": "/cases/",
    "case": "/cases/chemical-park-soil-and-groundwater-monitoring/",
    "download centre": "/downloads/",
}
PREFIX = {"zh-hans": "", "en": "/en"}
BLOCKING = {"serious", "critical"}

pytestmark = pytest.mark.urls("tests.browser.media_urls")


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("lang", ["zh-hans", "en"])
def test_no_serious_or_critical_violations_on_any_page_type(
    live_server, demo_site, chromium, axe, lang
):
    from news.models import NewsArticlePage

    pages = dict(PAGES)
    article = NewsArticlePage.objects.filter(locale__language_code=lang).order_by("-date").first()
    pages["news article"] = article.url.removeprefix(PREFIX[lang])
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    found = {}
    try:
        page = context.new_page()
        for name, path in pages.items():
            response = page.goto(live_server.url + PREFIX[lang] + path)
            assert response.status == 200, (name, path)
            results = axe.run(page)
            blocking = [
                (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                for v in results.response["violations"]
                if v["impact"] in BLOCKING
            ]
            if blocking:
                found[name] = blocking
    finally:
        context.close()
    assert found == {}
