"""What the PostgreSQL and SQLite variants share: the analyzer and the query clean-up."""

from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from search.analysis import DEFAULT_MODE, Analyzer

MATCH_NOTHING = Not(MatchAll())


class Related(And):
    """The best-effort query (search.query.related_query): ``subqueries`` say which pages are
    found (most of the pieces, every required one); ``pieces`` and ``together`` say how they
    rank on PostgreSQL: more pieces first, then the pieces side by side, then as usual. Any
    other backend treats it as the And it is."""

    def __init__(self, subqueries, pieces=(), together=None):
        super().__init__(subqueries)
        self.pieces = list(pieces)
        self.together = together

    def __repr__(self):
        return f"<Related {self.subqueries!r} pieces={self.pieces!r}>"


def make_analyzer(params, stem):
    return Analyzer(mode=params.get("CHINESE_SEGMENTATION", DEFAULT_MODE), stem=stem)


class ChineseQueryMixin:
    """Mixed into modelsearch's query compilers. ``analyzer`` is set by the backend."""

    analyzer = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pruned = self.prune(self.query)
        self.query = MATCH_NOTHING if pruned is None else pruned

    def units(self, query):
        return self.analyzer.query_units(query.query_string, prefix_last=self.LAST_TERM_IS_PREFIX)

    def prune(self, query):
        """Drop the parts of a query that hold no token (punctuation, stray symbols), so that
        "!!!" finds nothing instead of failing, and 土壤 !!! is 土壤. None means nothing left."""
        if isinstance(query, Phrase):
            # Chinese phrases are analysed like any text: its pieces, in order.
            query = PlainText(query.query_string, operator="and")
        if isinstance(query, PlainText):
            return query if self.units(query) else None
        if isinstance(query, Related):
            parts = [part for part in (self.prune(sub) for sub in query.subqueries) if part]
            pieces = [piece for piece in (self.prune(p) for p in query.pieces) if piece]
            together = self.prune(query.together) if query.together is not None else None
            return Related(parts, pieces, together) if parts else None
        if isinstance(query, (And, Or)):
            parts = [part for part in (self.prune(sub) for sub in query.subqueries) if part]
            if not parts:
                return None
            return parts[0] if len(parts) == 1 else type(query)(parts)
        if isinstance(query, Not):
            inner = self.prune(query.subquery)
            return None if inner is None else Not(inner)
        if isinstance(query, Boost):
            inner = self.prune(query.subquery)
            return None if inner is None else Boost(inner, query.boost)
        return query


def make_indexers(indexer_class, objs, backend):
    """One indexer per object for ``add_items``, bound to the backend's analyzer."""
    indexers = []
    for obj in objs:
        indexer = indexer_class(obj, backend)
        indexer.backend_analyzer = backend.analyzer
        indexers.append(indexer)
    return indexers


def specialise(base, analyzer):
    """A subclass of a query compiler bound to one backend's analyzer."""
    return type(base.__name__, (base,), {"analyzer": analyzer, "__module__": base.__module__})
