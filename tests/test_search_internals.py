"""The parts of modelsearch that search/backends relies on. An upgrade that changes any of them
fails here, loudly, before it silently changes what visitors find."""

import ast
import hashlib
import importlib.metadata
import importlib.util
import inspect
from pathlib import Path

import pytest
from django.db import connection
from modelsearch.backends import get_search_backend
from modelsearch.backends.database.postgres import postgres as stock_pg
from modelsearch.query import And, Or, PlainText
from wagtail.models import Locale, Page

from search.analysis import Analyzer
from search.backends.postgres import ChinesePostgresSearchBackend, tsquery_text
from tests.helpers import stock_order

# sha256 of the stock methods that search/backends/*.py follow (modelsearch 1.3.2).
STOCK_METHODS = {
    ("postgres/postgres.py", "PostgresIndex", "add_items"): (
        "ada217d2c4eb42cddace3f66f5934497dd6c7883aa21f0167e374cdecdd5322a"
    ),
    ("sqlite/sqlite.py", "SQLiteIndex", "add_items"): (
        "c48707b3a2e490066fbbf5b91c0c94e4f28fecd83ebe6e755516098c6ebe0e6c"
    ),
}


def stock_method_source(relative, cls, name):
    """The source of a method, read without importing (the SQLite module cannot be imported
    while PostgreSQL is the database)."""
    spec = importlib.util.find_spec("modelsearch.backends.database")
    path = Path(spec.origin).parent / relative
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == cls:
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name == name:
                    return ast.get_source_segment(path.read_text(encoding="utf-8"), item)
    raise AssertionError(f"{cls}.{name} is gone from modelsearch {relative}")


def test_modelsearch_is_the_pinned_version():
    assert importlib.metadata.version("modelsearch") == "1.3.2"
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    assert '"modelsearch==1.3.2"' in pyproject.read_text(encoding="utf-8")


@pytest.mark.parametrize(("where", "expected"), STOCK_METHODS.items())
def test_stock_methods_we_follow_are_unchanged(where, expected):
    source = stock_method_source(*where)
    digest = hashlib.sha256(source.encode()).hexdigest()
    assert digest == expected, (
        f"modelsearch changed {where[1]}.{where[2]}: compare it with search/backends and "
        f"update the copy, then set its hash here to {digest}"
    )


def test_stock_hooks_we_override_exist_with_their_signatures():
    assert list(inspect.signature(stock_pg.ObjectIndexer.as_vector).parameters) == [
        "self",
        "texts",
        "for_autocomplete",
    ]
    assert list(inspect.signature(stock_pg.ObjectIndexer.prepare_field).parameters) == [
        "self",
        "obj",
        "field",
    ]
    compiler = stock_pg.PostgresSearchQueryCompiler
    assert list(inspect.signature(compiler.build_tsquery_content).parameters) == [
        "self",
        "query",
        "config",
        "invert",
    ]
    assert list(inspect.signature(compiler._build_rank_expression).parameters) == [
        "self",
        "vectors",
        "config",
    ]
    assert compiler.LAST_TERM_IS_PREFIX is False
    assert stock_pg.PostgresAutocompleteQueryCompiler.LAST_TERM_IS_PREFIX is True


@pytest.mark.django_db
def test_search_filters_on_title_concatenated_with_body(site_tree):
    """The GIN index of search migration 0002 is on this very expression."""
    backend = get_search_backend()
    assert isinstance(backend, ChinesePostgresSearchBackend)
    results = backend.search("土壤", Page.objects.live())
    sql = str(results.get_queryset().query)
    assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql


@pytest.mark.django_db
def test_gin_index_on_title_and_body_exists_and_is_used(site_tree):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_indexentry_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
        assert "gin" in definition.lower() and "(title || body)" in definition
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailsearch_indexentry "
            "WHERE (title || body) @@ to_tsquery('english', %s)",
            ["'土壤'"],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "search_indexentry_title_body_gin" in plan


@pytest.mark.django_db
def test_index_holds_segmented_chinese_and_plain_text_mirrors(site_tree):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title::text, title_text, title_norm FROM wagtailsearch_indexentry "
            "WHERE object_id = %s",
            [str(site_tree["service"].pk)],
        )
        vector, text, norm = cursor.fetchone()
    assert "'土壤'" in vector and "'壤检'" in vector and "'检测'" in vector and "'土'" in vector
    assert text == "土壤检测"  # the fuzzy-search mirror keeps the original text
    assert norm > 0


def test_tsquery_is_built_from_quoted_tokens_only():
    units = Analyzer("bigram").query_units("室内空气 GB36600 'x' | !")
    assert tsquery_text(units, "and") == "('室内' & '内空' & '空气') & 'gb' & '36600' & 'x'"
    prefixed = Analyzer("bigram").query_units("soi", prefix_last=True)
    assert tsquery_text(prefixed, "or") == "'soi':*"


@pytest.mark.django_db
def test_boolean_query_objects_still_work(site_tree, zh):
    pages = Page.objects.live().filter(locale=zh)
    backend = get_search_backend()
    both = {p.title for p in backend.search(And([PlainText("土壤"), PlainText("检测")]), pages)}
    either = {p.title for p in backend.search(Or([PlainText("执法"), PlainText("沉积物")]), pages)}
    assert "土壤检测" in both
    assert {"山东完善制度提高生态环境执法效能", "土壤和水系沉积物"} <= either
    assert list(backend.search("!!!", pages)) == []
    assert Locale.objects.filter(pk=zh.pk).exists()


# The ranked-entries path (ChinesePostgresSearchResults) -----------------------------------


def test_stock_index_vectors_are_the_index_fields_we_rank_in_place():
    """ranked_entries() takes the stock vectors and makes them relative to the index table."""
    from django.db.models import F

    from search.backends.postgres import entry_field

    stock_vectors = stock_pg.PostgresSearchQueryCompiler.get_index_vectors(None, None)
    assert stock_vectors == [
        (F("index_entries__title"), F("index_entries__title_norm")),
        (F("index_entries__body"), 1.0),
    ]
    autocomplete = stock_pg.PostgresAutocompleteQueryCompiler.get_index_vectors(None, None)
    assert autocomplete == [(F("index_entries__autocomplete"), 1.0)]
    assert entry_field(F("index_entries__title_norm")) == F("title_norm")
    assert entry_field(1.0) == 1.0
    assert stock_pg.PostgresSearchBackend.results_class is stock_pg.PostgresSearchResults
    assert {"_do_search", "_do_count", "get_queryset"} <= set(vars(stock_pg.PostgresSearchResults))


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["土壤", "检测", "执法 山东", "沉积物", "水", "nothing-here"])
def test_ranked_entries_find_and_order_what_the_stock_query_does(site_tree, zh, text):
    backend = get_search_backend()
    pages = Page.objects.live().filter(locale=zh)
    results = backend.search(text, pages)
    assert [page.pk for page in results] == stock_order(backend.search(text, pages))
    assert results.count() == len(stock_order(backend.search(text, pages)))


@pytest.mark.django_db
def test_a_results_page_is_one_ranking_query_and_one_read_of_the_pages(
    site_tree, zh, django_assert_num_queries
):
    from search.query import fetch_page, site_search

    results, _variants = site_search("检测", zh)
    expected = results.count()
    assert expected >= 2
    with django_assert_num_queries(2):  # rank + count + page ids, then the pages by pk
        rows, total = fetch_page(results, 1, 1)
    assert total == expected and len(rows) == 1
    second, total_again = fetch_page(results, 2, 1)
    assert total_again == expected and second[0] != rows[0]
    past_the_end, total_past = fetch_page(results, 99, 1)  # nothing read: counted instead
    assert past_the_end == [] and total_past == expected
    assert fetch_page(results, 10**30, 10) == ([], expected)


@pytest.mark.django_db
def test_ranked_entries_keep_scores_page_types_and_querysets(site_tree, zh):
    from news.models import NewsArticlePage

    backend = get_search_backend()
    scored = list(backend.search("土壤", Page.objects.live()).annotate_score("_score"))
    assert scored and all(isinstance(page._score, float) for page in scored)
    assert [page._score for page in scored] == sorted((p._score for p in scored), reverse=True)
    assert scored[0].title == "土壤检测"  # a title match ranks first

    articles = list(backend.search("执法", NewsArticlePage.objects.live()))
    assert [a.slug for a in articles] == ["enforcement"]
    specific = list(backend.search("土壤", Page.objects.live().specific()))
    assert {type(p).__name__ for p in specific} >= {"ServicePage", "AccreditationAreaPage"}
    # Not by relevance: the stock query, in the queryset's own order.
    by_title = backend.search(
        "土壤", Page.objects.live().order_by("title"), order_by_relevance=False
    )
    assert [p.title for p in by_title] == sorted(p.title for p in by_title)


@pytest.mark.django_db
def test_index_rows_stay_whole_and_expiry_is_indexed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'wagtailsearch_indexentry'")
        (options,) = cursor.fetchone()
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_page_expire_at'")
        (expiry,) = cursor.fetchone()
    assert "toast_tuple_target=8160" in options
    assert "WHERE (expire_at IS NOT NULL)" in expiry


@pytest.mark.django_db
def test_best_effort_ranking_builds_title_and_body_once_per_row_and_ranks_the_same(site_tree, zh):
    from search.backends.postgres import combined_once_per_row
    from search.query import related_query

    backend = get_search_backend()
    pages = Page.objects.live().filter(locale=zh)
    query, _pieces = related_query("土壤沉积物检测多少钱", zh)
    entries = backend.search(query, pages)[:10]._ranked()
    sql, params = entries.query.get_compiler(using=entries.db).as_sql()
    rewritten = combined_once_per_row(sql, connection.ops.quote_name)

    def select_list(statement):
        return statement.split(' FROM "wagtailsearch_indexentry"', 1)[0]

    assert " || " in select_list(sql) and " || " not in select_list(rewritten)
    assert "CROSS JOIN LATERAL" in rewritten

    def rows(statement):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM ({statement}) AS t ORDER BY 2 DESC, 1", params)  # noqa: S608
            return cursor.fetchall()

    assert rows(sql) and rows(rewritten) == rows(sql)
    # An exact search ranks title and body apart: nothing to rewrite.
    exact = backend.search("土壤", pages)[:10]._ranked()
    exact_sql, _params = exact.query.get_compiler(using=exact.db).as_sql()
    assert combined_once_per_row(exact_sql, connection.ops.quote_name) == exact_sql
