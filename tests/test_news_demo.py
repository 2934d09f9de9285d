"""The news of the demo site: the seed article keeps its structure in both languages, the
sample articles fill every category, several years and two list pages, and tags are translated."""

import json

import pytest
from bs4 import BeautifulSoup

from corporate.demo.content import load_content
from news.models import NewsArticlePage
from tests.helpers import han_in, has_han, soup

SEED_SLUG = "shandong-improves-eco-environmental-law-enforcement"


@pytest.fixture(scope="module")
def seed():
    articles = load_content()["news_articles"]
    return next(article for article in articles if article["slug"] == SEED_SLUG)


def blocks_of(seed, block_type):
    return [block["value"] for block in seed["fields"]["body"] if block["type"] == block_type]


def test_seed_article_renders_every_heading_and_point_in_order(demo_site, client, seed):
    html = soup(client.get(f"/news/{SEED_SLUG}/"))
    body = html.select_one(".article-body")
    headings = [h["heading"] for h in blocks_of(seed, "heading")]
    assert [h.get_text() for h in body.select("h2, h3")] == headings
    leads = [p["lead"] for group in blocks_of(seed, "numbered_points") for p in group["points"]]
    rendered = [p.select_one("strong").get_text() for p in body.select(".point__lead")]
    assert rendered == leads
    # Every paragraph of every point is there, split where the source has blank lines.
    texts = [
        part
        for group in blocks_of(seed, "numbered_points")
        for point in group["points"]
        for part in point.get("text", "").split("\n\n")
        if part
    ]
    rendered_texts = [p.get_text() for p in body.select(".point__text p")]
    assert rendered_texts == texts
    # 一是/二是 for ordinal groups, no numbers where the source has none.
    first_group = body.select(".points")[0]
    assert [s.get_text(strip=True) for s in first_group.select(".point__ordinal")] == [
        "一是",
        "二是",
    ]
    assert body.select(".points--none .point__ordinal") == []
    assert html.select_one(".article-meta").get_text(" ", strip=True).count("山东省生态环境厅")


def test_seed_article_table_of_contents_in_both_languages(demo_site, client, seed):
    zh = soup(client.get(f"/news/{SEED_SLUG}/"))
    en = soup(client.get(f"/en/news/{SEED_SLUG}/"))
    zh_toc = [(a.get_text(), a["href"]) for a in zh.select(".toc a")]
    en_toc = [(a.get_text(), a["href"]) for a in en.select(".toc a")]
    assert [text for text, _ in zh_toc] == [h["heading"] for h in blocks_of(seed, "heading")]
    # Same anchors in both languages, each pointing at its section heading.
    assert [href for _, href in en_toc] == [href for _, href in zh_toc]
    for page, toc in ((zh, zh_toc), (en, en_toc)):
        for text, href in toc:
            assert page.find(id=href[1:]).get_text() == text
    assert len(en.select(".article-body .point__lead")) == len(
        zh.select(".article-body .point__lead")
    )
    assert len(en_toc) == len(zh_toc) and not any(has_han(text) for text, _ in en_toc)
    main = en.select_one("main").get_text()
    assert not has_han(main), han_in(main)
    assert en.select_one(".article-meta time").get_text() == "1 June 2021"
    assert zh.select_one(".article-meta time").get_text() == "2021年6月1日"


def test_english_articles_have_english_tags(demo_site, client):
    english = NewsArticlePage.objects.filter(locale__language_code="en").live()
    assert english.count() >= 13
    for article in english:
        names = [tag.name for tag in article.tags.all()]
        assert names, article.slug
        assert not any(has_han(name) for name in names), (article.slug, names)
    html = soup(client.get(f"/en/news/{SEED_SLUG}/"))
    tag_links = html.select(".tag-list a")
    assert tag_links and all(a["href"].startswith("/en/news/tag/") for a in tag_links)
    listed = soup(client.get(tag_links[0]["href"])).select(".news-item__title a")
    assert listed


def test_sample_articles_fill_categories_years_and_two_pages(demo_site, client):
    samples = NewsArticlePage.objects.filter(locale__language_code="zh-hans", is_sample=True)
    assert samples.count() >= 12
    assert {a.category.slug for a in samples} == {"company", "industry", "policy"}
    assert len({a.date.year for a in samples}) >= 2
    for prefix in ("", "/en"):
        first = soup(client.get(f"{prefix}/news/"))
        assert len(first.select(".news-item")) == 10
        assert first.select_one('.pagination a[rel="next"]')["href"] == f"{prefix}/news/?page=2"
        assert soup(client.get(f"{prefix}/news/?page=2")).select(".news-item")
        for slug in ("company", "industry", "policy"):
            assert soup(client.get(f"{prefix}/news/category/{slug}/")).select(".news-item")
        years = first.select(".news-filter__list--years a")
        assert len(years) >= 2
        assert client.get(years[-1]["href"]).status_code == 200


def test_english_news_list_shows_english_categories(demo_site, client):
    html = soup(client.get("/en/news/"))
    names = [a.get_text() for a in html.select("#news-categories-title + ul a")]
    assert len(names) == 4  # all news + three categories
    assert not any(has_han(name) for name in names)


def test_translators_see_the_tags_in_the_translation_editor(demo_site, admin_client, seed):
    english = NewsArticlePage.objects.get(locale__language_code="en", slug=SEED_SLUG)
    response = admin_client.get(f"/admin/pages/{english.pk}/edit/")
    assert response.status_code == 200
    editor = BeautifulSoup(response.content.decode(), "html.parser").select_one(
        ".js-translation-editor"
    )
    props = json.loads(editor["data-props"])
    tag_sources = {
        segment["source"]
        for segment in props["segments"]
        if segment["contentPath"].startswith("tags.")
    }
    assert tag_sources == set(seed["tags"])
