"""SQLite (the run command): modelsearch's SQLiteSearchBackend with Chinese segmentation.

FTS5's unicode61 tokenizer keeps a Chinese run as one token and does not stem English, so
the analyzer segments Chinese and stems English (Snowball, as PostgreSQL's english
configuration does) before the text reaches the FTS table, and does the same to queries.
"""

from django.db.models import FloatField, Func
from django.db.models.expressions import Expression
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite as stock
from modelsearch.backends.database.sqlite.query import SearchQueryCombinable, SearchQueryField
from modelsearch.query import PlainText
from modelsearch.utils import get_content_type_pk

from .common import ChineseQueryMixin, make_analyzer, make_indexers, specialise

TITLE_MATCH_BONUS = 100.0


def fts_query_text(units, operator):
    """An FTS5 query. Tokens hold only letters and digits (see analysis), so double quotes
    keep visitors' input out of the FTS5 syntax."""
    parts = []
    for unit in units:
        part = '"' + " ".join(unit.tokens) + '"'
        parts.append(part + "*" if unit.prefix else part)
    return f" {'AND' if operator == 'and' else 'OR'} ".join(parts)


class RawFTSQuery(SearchQueryCombinable, Expression):
    def __init__(self, text):
        super().__init__(output_field=SearchQueryField())
        self.text = text

    def as_sql(self, compiler, connection):
        return "%s", [self.text]


class TitleFirstBM25(Func):
    """bm25() of the body, plus a large multiple of bm25() of the title alone (lower is better,
    and a title bm25 is below zero only when the title matches), so title matches come first.
    The FTS5 columns are (autocomplete, body, title); the hidden column named after the table
    keeps this valid whatever alias Django gives the table in a subquery."""

    output_field = FloatField()

    def __init__(self):
        super().__init__()

    def as_sql(self, compiler, connection, **extra_context):
        table = stock.SQLiteFTSIndexEntry._meta.db_table
        return (
            f"(bm25({table}, 0.0, 1.0, 0.0) + {TITLE_MATCH_BONUS} * bm25({table}, 0.0, 0.0, 1.0))",
            [],
        )


class ChineseSQLiteObjectIndexer(stock.ObjectIndexer):
    @cached_property
    def title(self):
        return self.backend_analyzer.index_text(stock.ObjectIndexer.title.func(self))

    @cached_property
    def body(self):
        return self.backend_analyzer.index_text(stock.ObjectIndexer.body.func(self))

    @cached_property
    def autocomplete(self):
        return self.backend_analyzer.index_text(stock.ObjectIndexer.autocomplete.func(self))


class ChineseSQLiteIndex(stock.SQLiteIndex):
    def add_items(self, model, objs):
        # Same steps as SQLiteIndex.add_items (modelsearch 1.3.2), which builds its rows with a
        # module-level ObjectIndexer that a subclass cannot swap; tests/test_search_internals.py
        # fails if the stock method changes, so that this copy is looked at again.
        if not model.get_search_fields():
            return
        indexers = make_indexers(ChineseSQLiteObjectIndexer, objs, self.backend)
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        data = {ix.id: (ix.title, ix.autocomplete, ix.body) for ix in indexers}
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(
            entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True)
        )
        for object_id in indexed_ids:
            title, autocomplete, body = data[object_id]
            entries.filter(object_id=object_id).update(
                title=title, autocomplete=autocomplete, body=body
            )
        self.entries.bulk_create(
            stock.IndexEntry(
                content_type_id=content_type_pk,
                object_id=object_id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
            for object_id, (title, autocomplete, body) in data.items()
            if object_id not in indexed_ids
        )
        self._refresh_title_norms()


class ChineseSQLiteQueryMixin(ChineseQueryMixin):
    TITLE_BONUS = True

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            return RawFTSQuery(fts_query_text(self.units(query), query.operator))
        return super().build_search_query_content(query, config=config)

    def _build_rank_expression(self, vectors, config):
        if not self.TITLE_BONUS:
            return super()._build_rank_expression(vectors, config)
        return TitleFirstBM25()


class ChineseSQLiteSearchQueryCompiler(ChineseSQLiteQueryMixin, stock.SQLiteSearchQueryCompiler):
    pass


class ChineseSQLiteAutocompleteQueryCompiler(
    ChineseSQLiteQueryMixin, stock.SQLiteAutocompleteQueryCompiler
):
    TITLE_BONUS = False


class ChineseSQLiteSearchBackend(stock.SQLiteSearchBackend):
    index_class = ChineseSQLiteIndex

    def __init__(self, params):
        super().__init__(params)
        self.analyzer = make_analyzer(params, stem=True)
        self.query_compiler_class = specialise(ChineseSQLiteSearchQueryCompiler, self.analyzer)
        self.autocomplete_query_compiler_class = specialise(
            ChineseSQLiteAutocompleteQueryCompiler, self.analyzer
        )


SearchBackend = ChineseSQLiteSearchBackend
