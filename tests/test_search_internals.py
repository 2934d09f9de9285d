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
