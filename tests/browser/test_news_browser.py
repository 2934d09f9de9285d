"""An English reader pages through the news list and opens an article, in Chromium."""

import datetime
import re

import pytest
from wagtail.models import Locale

from tests.helpers import (
    STRUCTURED_BODY,
    has_han,
    make_article,
    make_category,
    make_site_tree,
    translate_page,
)

pytestmark = pytest.mark.django_db(transaction=True)

EN_BODY = [
    {"type": "paragraph", "value": "<p>The plan sets out how enforcement will change.</p>"},
    {"type": "heading", "value": {"heading": "Lawful enforcement", "level": "h2"}},
    {
        "type": "numbered_points",
        "value": {
            "style": "ordinal",
            "points": [
                {"lead": "Manage enforcement by lists.", "text": "Duties follow the catalogue."},
                {"lead": "Coordinate departments.", "text": "Share information."},
            ],
        },
    },
    {"type": "heading", "value": {"heading": "Precise enforcement", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Inspections are planned and targeted.</p>"},
]


def build_english_news(count=13):
    en = Locale.objects.get_or_create(language_code="en")[0]
    tree = make_site_tree()
    tree["article"].delete()
    translate_page(tree["home"], en, title="Home", hero_headline="Environmental testing")
    translate_page(tree["news"], en, title="News")
    category, en_category = make_category("policy", "政策法规", "Policies and regulations", en)
    english = []
    for n in range(1, count + 1):
        article = make_article(
            tree["news"],
            f"第{n}条新闻",
            datetime.date(2024, 1, 1) + datetime.timedelta(days=7 * n),
            category,
            slug=f"news-{n}",
            body=STRUCTURED_BODY,
        )
        english.append(
            translate_page(
                article,
                en,
                title=f"Enforcement update {n}",
                summary=f"Summary of update {n}.",
                category=en_category,
                body=EN_BODY,
            )
        )
    return english


def test_english_reader_pages_through_news_and_opens_an_article(
    live_server, browser_page, screenshot
):
    english = build_english_news()
    page = browser_page
    page.goto(live_server.url + "/en/news/")
    items = page.locator(".news-item")
    assert items.count() == 10
    assert items.first.locator("h2").inner_text() == "Enforcement update 13"
    assert "1 April 2024" in items.first.inner_text()
    screenshot(page, "news-en-list-page-1")

    page.get_by_role("link", name="Next page").click()
    page.wait_for_url(re.compile(r"/en/news/\?page=2$"))
    assert page.locator(".news-item").count() == 3
    assert page.locator('.pagination [aria-current="page"]').inner_text() == "2"
    assert page.locator(".news-item h2").all_inner_texts() == [
        "Enforcement update 3",
        "Enforcement update 2",
        "Enforcement update 1",
    ]

    page.get_by_role("link", name="Enforcement update 2").click()
    page.wait_for_url(re.compile(r"/en/news/news-2/$"))
    assert page.locator("h1").inner_text() == "Enforcement update 2"
    toc = page.locator(".toc a")
    assert toc.all_inner_texts() == ["Lawful enforcement", "Precise enforcement"]
    toc.nth(1).click()
    page.wait_for_url(re.compile(r"#s-[0-9a-f]+$"))
    anchor = page.url.split("#", 1)[1]
    assert page.locator(f"#{anchor}").inner_text() == "Precise enforcement"
    assert page.locator(".article-body .point__lead").all_inner_texts()[0].startswith("First")

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    status = page.locator(".share__status")
    status.wait_for()
    page.wait_for_function("document.querySelector('.share__status').textContent.length > 0")
    assert status.inner_text() in {"Link copied", "Select the address and copy it"}
    assert page.locator("svg.share__qr").count() == 1
    assert not has_han(page.locator("main").inner_text())
    screenshot(page, "news-en-article")

    page.get_by_role("link", name="Previous article").click()
    page.wait_for_url(re.compile(r"/en/news/news-1/$"))
    page.get_by_role("link", name="Back to the news list").click()
    page.wait_for_url(re.compile(r"/en/news/$"))
    titles = page.locator(".news-item h2").all_inner_texts()
    assert titles[0] == english[-1].title and english[0].title not in titles
