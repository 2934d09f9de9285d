"""PostgreSQL: modelsearch's PostgresSearchBackend with Chinese segmentation.

What changes against the stock backend, and nothing else:
- each indexed text goes through the analyzer before ``to_tsvector`` (``as_vector``);
- a plain-text query becomes a raw tsquery of the analyzer's units (``build_tsquery_content``);
- a title match adds a fixed bonus to the rank, so title matches come first
  (``_build_rank_expression``);
- results are read from the ranked index rows, with their count, rather than by joining the
  model to the index (``ranked_entries``, ``ChinesePostgresSearchResults``);
- indexing writes each row once, with its title norm (``ChinesePostgresIndex.add_items``).
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Exists, F, FloatField, Func, OuterRef, Value
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.query import Fuzzy, MatchAll, Not, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from .common import ChineseQueryMixin, Related, make_analyzer, make_indexers, specialise

TITLE_MATCH_BONUS = 100.0
# Best effort (Related): each piece a page has, then all of them side by side, outrank any
# title match and any text rank.
PIECE_MATCH_BONUS = 1000.0
TOGETHER_BONUS = 500.0


def tsquery_text(units, operator):
    """A raw tsquery for to_tsquery(). Tokens hold only letters and digits (see analysis),
    so quoting them is enough to keep visitors' input out of the tsquery syntax.

    The pieces of a Chinese run are ANDed, not chained with <->: a phrase makes the GIN index
    lossy, and PostgreSQL then recomputes title || body for every candidate row (10x slower
    at 10,000 articles, see `make bench`); overlapping pieces that all occur are almost always
    the run itself."""
    parts = []
    for unit in units:
        lexemes = [f"'{token}'" for token in unit.tokens]
        if unit.prefix:
            lexemes[-1] += ":*"
        parts.append(f"({' & '.join(lexemes)})" if unit.is_phrase else lexemes[0])
    return f" {'&' if operator == 'and' else '|'} ".join(parts)


def entry_field(value):
    """A vector or boost of the stock ``get_index_vectors()`` (F("index_entries__title")),
    relative to the index table instead of the model (F("title")); numbers unchanged."""
    if isinstance(value, F):
        return F(value.name.removeprefix("index_entries__"))
    return value


class Matches(Func):
    """1.0 when a tsvector matches a tsquery, else 0.0."""

    template = "(CASE WHEN %(expressions)s THEN 1.0 ELSE 0.0 END)"
    arg_joiner = " @@ "
    output_field = FloatField()


class ChineseObjectIndexer(stock.ObjectIndexer):
    def prepare_field(self, obj, field):
        # The stock indexer walks every field five times (title, body, autocomplete and their
        # plain-text twins); keep the values of the object's own fields the first time.
        if obj is not self.obj:
            yield from super().prepare_field(obj, field)
            return
        cache = self.__dict__.setdefault("_prepared_fields", {})
        if id(field) not in cache:
            cache[id(field)] = list(super().prepare_field(obj, field))
        yield from cache[id(field)]

    def as_vector(self, texts, for_autocomplete=False):
        # Segment, and join the texts of one weight into one to_tsvector() call.
        by_weight = {}
        for text, weight in texts:
            analysed = self.backend_analyzer.index_text(text)
            if analysed:
                by_weight.setdefault(weight, []).append(analysed)
        merged = [(" ".join(parts), weight) for weight, parts in by_weight.items()]
        return super().as_vector(merged, for_autocomplete=for_autocomplete)


class ChinesePostgresIndex(stock.PostgresIndex):
    def add_items(self, model, objs):
        # Follows PostgresIndex.add_items (modelsearch 1.3.2), which builds its rows with a
        # module-level ObjectIndexer that a subclass cannot swap. tests/test_search_internals.py
        # fails when the stock method changes, so that this version is looked at again.
        search_fields = model.get_search_fields()
        if not search_fields:
            return

        indexers = make_indexers(ChineseObjectIndexer, objs, self.backend)
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        compiler = stock.InsertQuery(stock.IndexEntry).get_compiler(
            connection=self.write_connection
        )
        rows_sql = []
        data_params = []
        for indexer in indexers:
            data_params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(
                    stock.IndexEntry._meta.get_field(name), getattr(indexer, name)
                )
                sql, params = value.as_sql(compiler, self.write_connection)
                vectors_sql.append(sql)
                data_params.extend(params)
            data_params.extend((indexer.title_text, indexer.body_text))
            rows_sql.append(
                f"(%s::integer, %s::varchar, {', '.join(vectors_sql)}, 1.0, %s::text, %s::text)"
            )

        table = stock.IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            # Unlike the stock statement, title_norm is computed here rather than by an UPDATE
            # of the new rows afterwards, which rewrote every row and its four GIN entries.
            cursor.execute(
                f"""
                INSERT INTO {table} (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                SELECT v.ct, v.oid, v.title, v.autocomplete, v.body,
                       COALESCE(
                           (SELECT AVG(length(e.title)) FROM {table} e WHERE length(e.title) > 0)
                           / NULLIF(length(v.title), 0),
                           1.0
                       ),
                       v.title_text, v.body_text
                FROM (VALUES {", ".join(rows_sql)}) AS v(ct, oid, title, autocomplete, body, norm, title_text, body_text)
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = EXCLUDED.title_norm,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,  # noqa: S608 (table name from the model, values as parameters)
                data_params,
            )

    def _refresh_title_norms(self, full=False):
        """Like the stock method, but rewrites only the rows whose norm moves by more than 1 %:
        a full refresh after a rebuild otherwise rewrites the whole table and its GIN indexes."""
        if not full:
            return super()._refresh_title_norms(full=False)
        table = stock.IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH average AS (
                    SELECT AVG(length(title)) AS lavg FROM {table} WHERE length(title) > 0
                )
                UPDATE {table} SET title_norm = average.lavg / length({table}.title)
                FROM average
                WHERE length({table}.title) > 0
                  AND abs({table}.title_norm - average.lavg / length({table}.title))
                      > 0.01 * average.lavg / length({table}.title)
                """  # noqa: S608
            )


class ChinesePostgresQueryMixin(ChineseQueryMixin):
    TITLE_BONUS = True

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText):
            raw = tsquery_text(self.units(query), query.operator)
            return SearchQuery(raw, search_type="raw", config=config, invert=invert)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def ranked_entries(self, config):
        """The index entries that match, as an IndexEntry queryset of (object_id, rank), or
        None where the stock query must run (MatchAll, Fuzzy, a ``fields=`` search, or an
        ordering other than relevance).

        The stock query joins the model to the index table and ranks the joined rows, so
        PostgreSQL carries every matching row's title and body vectors through the join (a
        9 MB hash at 10,000 articles for 气, spilled to disk) and builds ``title || body`` for
        each in the SELECT list. Here the model's queryset becomes a condition on the index
        rows (EXISTS, by primary key: a nested loop for a rare word, a hash of the ids for a
        common one), and each index row is ranked where it is read: the rows that leave the
        scan are an id and a number."""
        query = self.query
        if (
            self.fields is not None
            or not self.order_by_relevance
            or isinstance(query, (MatchAll, Fuzzy))
            or (isinstance(query, Not) and isinstance(query.subquery, MatchAll))
        ):
            return None

        search_query = self.build_tsquery(query, config=config)
        vectors = [
            (entry_field(vector), entry_field(boost))
            for vector, boost in self.get_index_vectors(search_query)
        ]
        rank = self._build_rank_expression(vectors, config)
        combined_vector = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined_vector = combined_vector._combine(vector, "||", False)  # noqa: SLF001

        model = self.queryset.model
        pk = model._meta.pk
        while pk.is_relation:  # a page type's pk is its page_ptr
            pk = pk.target_field
        in_queryset = Exists(
            self.queryset.order_by().filter(pk=Cast(OuterRef("object_id"), output_field=pk))
        )
        return (
            stock.IndexEntry._default_manager.using(self.queryset.db)
            .filter(content_type_id__in=get_descendants_content_types_pks(model))
            .filter(in_queryset)
            .alias(_vector_=combined_vector)
            .filter(_vector_=search_query)
            .annotate(_rank=rank)
            .values_list("object_id", "_rank")
        )

    def _build_rank_expression(self, vectors, config):
        rank = super()._build_rank_expression(vectors, config)
        if self.TITLE_BONUS and self.fields is None:
            title_vector = vectors[0][0]
            tsquery = self.build_tsquery(self.query, config=config)
            rank = rank + Matches(title_vector, tsquery) * Value(TITLE_MATCH_BONUS)
        if isinstance(self.query, Related):
            combined = vectors[0][0]
            for vector, _boost in vectors[1:]:
                combined = combined._combine(vector, "||", False)  # noqa: SLF001
            for piece in self.query.pieces:
                tsquery = self.build_tsquery(piece, config=config)
                rank = rank + Matches(combined, tsquery) * Value(PIECE_MATCH_BONUS)
            if self.query.together is not None:
                tsquery = self.build_tsquery(self.query.together, config=config)
                rank = rank + Matches(combined, tsquery) * Value(TOGETHER_BONUS)
        return rank


class ChinesePostgresSearchQueryCompiler(
    ChinesePostgresQueryMixin, stock.PostgresSearchQueryCompiler
):
    pass


class ChinesePostgresAutocompleteQueryCompiler(
    ChinesePostgresQueryMixin, stock.PostgresAutocompleteQueryCompiler
):
    TITLE_BONUS = False


def combined_once_per_row(sql, quote_name):
    """The ranking query with ``title || body`` built once per index row instead of once per
    term it is matched against: the best-effort rank tests every piece and the pieces side by
    side on it, and PostgreSQL builds the concatenation anew for each (half the query's time
    at 10,000 articles). The SELECT list reads it from a LATERAL subquery; the WHERE clause
    keeps the expression the GIN index is on. Any other shape of query is left as it is."""
    table = quote_name(stock.IndexEntry._meta.db_table)
    combined = f"({table}.{quote_name('title')} || {table}.{quote_name('body')})"
    head, found, tail = sql.partition(f" FROM {table} WHERE ")
    if not found or not head.startswith("SELECT ") or f"{combined} @@" not in head:
        return sql
    per_row = f"{quote_name('_combined')}.{quote_name('v')}"
    head = head.replace(f"{combined} @@", f"{per_row} @@")
    lateral = (
        f" FROM {table} CROSS JOIN LATERAL (SELECT {combined} AS {quote_name('v')} OFFSET 0)"
        f" AS {quote_name('_combined')} WHERE "
    )
    return head + lateral + tail


class ChinesePostgresSearchResults(stock.PostgresSearchResults):
    """Results read from the ranked index entries (see ``ranked_entries``): one query finds,
    ranks and counts the matches and returns the ids of one page; a second reads those
    objects by primary key.

    ``total_matches`` is the number of matches in all, known once a non-empty slice has been
    read, so that a results page needs no separate count (``search.query.fetch_page``)."""

    total_matches = None

    def _ranked(self):
        compiler = self.query_compiler
        return compiler.ranked_entries(compiler.get_config(self.backend))

    def ranked_sql(self):
        """(sql, params, database alias) of the ranking query for this slice, or None where
        the stock query runs. Each row: object id, rank, number of matches in all."""
        entries = self._ranked()
        if entries is None:
            return None
        sql, params = entries.query.get_compiler(using=entries.db).as_sql()
        sql = combined_once_per_row(sql, connections[entries.db].ops.quote_name)
        paging = ""
        if self.stop is not None:
            paging += f" LIMIT {int(self.stop - self.start)}"
        if self.start:
            paging += f" OFFSET {int(self.start)}"
        # OFFSET 0 keeps the ranking inside the subquery, so that the window count buffers
        # narrow rows. Ties go to the newest object, as in the stock ordering ("-pk"), for
        # integer ids stored as text.
        sql = (
            f"SELECT object_id, rank, COUNT(*) OVER () FROM ({sql} OFFSET 0) "  # noqa: S608
            f"AS ranked (object_id, rank) "
            f"ORDER BY rank DESC, length(object_id) DESC, object_id DESC{paging}"
        )
        return sql, params, entries.db

    def _do_search(self):
        ranked_sql = self.ranked_sql()
        if ranked_sql is None:
            return super()._do_search()
        sql, params, database = ranked_sql
        with connections[database].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if rows:
            self.total_matches = rows[0][2]
        elif not self.start and (self.stop is None or self.stop > 0):
            self.total_matches = 0  # nothing matched at all

        queryset = self.query_compiler.queryset
        pk_field = queryset.model._meta.pk
        ranked = [(pk_field.to_python(object_id), rank) for object_id, rank, _total in rows]
        found = {obj.pk: obj for obj in queryset.filter(pk__in=[pk for pk, _ in ranked])}
        results = []
        for pk, rank in ranked:
            obj = found.pop(pk, None)  # pop: an object is listed once
            if obj is None:
                continue  # unpublished or deleted since the first query
            if self._score_field:
                setattr(obj, self._score_field, rank)
            results.append(obj)
        return results

    def _do_count(self):
        entries = self._ranked()
        if entries is None:
            return super()._do_count()
        count = entries.order_by().values("pk").count()
        if self.stop is not None:
            count = min(count, self.stop)
        return max(count - self.start, 0)


class ChinesePostgresSearchBackend(stock.PostgresSearchBackend):
    index_class = ChinesePostgresIndex
    results_class = ChinesePostgresSearchResults

    def __init__(self, params):
        params = {"SEARCH_CONFIG": "english", **params}
        super().__init__(params)
        self.analyzer = make_analyzer(params, stem=False)  # PostgreSQL stems English itself
        self.query_compiler_class = specialise(ChinesePostgresSearchQueryCompiler, self.analyzer)
        self.autocomplete_query_compiler_class = specialise(
            ChinesePostgresAutocompleteQueryCompiler, self.analyzer
        )


SearchBackend = ChinesePostgresSearchBackend
