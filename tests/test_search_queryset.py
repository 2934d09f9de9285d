"""The judged query set (tests/data/search_queries.yaml) on the demo site: every page a visitor
expects is found, in both languages, and nothing from the other language comes back."""

from pathlib import Path

import pytest
import yaml
from wagtail.models import Locale

from search.query import site_search
from tests.helpers import han_in, has_han, stock_order

QUERIES = yaml.safe_load(
    (Path(__file__).parent / "data" / "search_queries.yaml").read_text(encoding="utf-8")
)["queries"]


def slug_of(page):
    return "home" if page.depth == 2 else page.slug


def test_the_query_set_is_large_enough_and_covers_both_languages():
    assert len(QUERIES) >= 40
    assert {item["locale"] for item in QUERIES} == {"zh-hans", "en"}
    kinds = {item["kind"] for item in QUERIES}
    assert {"sub-word", "several words", "one character", "synonym", "standard code"} <= kinds


@pytest.mark.django_db
@pytest.mark.parametrize("item", QUERIES, ids=[f"{item['locale']}:{item['q']}" for item in QUERIES])
def test_query_finds_the_expected_pages(demo_site, item):
    locale = Locale.objects.get(language_code=item["locale"])
    results, _variants = site_search(item["q"], locale)
    pages = list(results)
    found = {slug_of(page) for page in pages}
    missing = set(item["relevant"]) - found
    assert not missing, f"{item['q']!r} did not find {sorted(missing)}"
    assert {page.locale_id for page in pages} == {locale.pk}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "query", "title"),
    [
        ("", "危险废物", "危险废物鉴别"),
        ("/en", "hazardous waste", "Hazardous waste identification"),
    ],
)
def test_results_page_lists_title_matches_first(client, demo_site, prefix, query, title):
    response = client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    items = response.context["items"]
    titles = [item["title"] for item in items]
    assert title in titles
    # Every page whose title holds the query comes before every page that has it in the body.
    in_title = [query.lower() in t.lower() for t in titles]
    assert in_title == sorted(in_title, reverse=True)


@pytest.mark.django_db
def test_english_site_never_shows_chinese(client, demo_site):
    response = client.get("/en/search/", {"q": "soil"})
    html = response.content.decode()
    assert response.context["result_count"] > 0
    results_html = html[html.index('class="search-count') : html.index("</main>")]
    assert not has_han(results_html), han_in(results_html)


@pytest.mark.django_db
def test_every_query_ranks_as_the_stock_query_would(demo_site):
    """The Chinese-aware PostgreSQL backend reads ranked index rows instead of joining the
    pages to the index (search/backends/postgres.py, ranked_entries): same pages, same order,
    same count as modelsearch's own query, for the whole query set in both languages."""
    for item in QUERIES:
        locale = Locale.objects.get(language_code=item["locale"])
        results, _variants = site_search(item["q"], locale)
        stock, _variants = site_search(item["q"], locale)
        expected = stock_order(stock)
        assert [page.pk for page in results] == expected, item["q"]
        assert results.count() == len(expected), item["q"]
