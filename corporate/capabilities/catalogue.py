"""Searching and filtering the capability catalogue, in one language.

A search goes through the site's search backend (search/backends: the same Chinese-aware
analysis as the site search, search/analysis.py), so 化学需氧量, COD, HJ 828 and HJ828-2017
all find the row for chemical oxygen demand by HJ 828-2017. Without a query the rows are
listed in the order of the accreditation areas."""

import unicodedata
from dataclasses import dataclass

from modelsearch.backends import get_search_backend

from corporate.capabilities.models import CapabilityEntry

PER_PAGE = 50
MAX_QUERY_LENGTH = 100
MAX_OFFSET = 2**31 - 1


def clean_query(raw):
    """(query, truncated): control characters out, full-width folded, spaces collapsed."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    return text[:MAX_QUERY_LENGTH].rstrip(), truncated


def entries(locale, area=None, accredited=None):
    queryset = CapabilityEntry.objects.filter(locale=locale)
    if area is not None:
        queryset = queryset.filter(area=area)
    if accredited is not None:
        queryset = queryset.filter(accredited=accredited)
    return queryset


def search(locale, query="", area=None, accredited=None):
    """The matching entries (lazy, sliceable, countable): ranked when there is a query."""
    queryset = entries(locale, area, accredited).select_related("area")
    if query:
        return get_search_backend().search(query, queryset, operator="and")
    return queryset.order_by("area__path", "sort_order", "pk")


@dataclass
class ResultPage:
    rows: list
    total: int
    number: int
    per_page: int = PER_PAGE

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_next(self):
        return self.number < self.num_pages

    @property
    def start_index(self):
        return (self.number - 1) * self.per_page + 1 if self.rows else 0

    @property
    def end_index(self):
        return (self.number - 1) * self.per_page + len(self.rows)


def fetch(results, number, per_page=PER_PAGE):
    """Page ``number`` of the results and the total. On PostgreSQL a ranked search counts
    its matches while it ranks them (one query); otherwise it is the slice and a count."""
    start = (number - 1) * per_page
    if start >= MAX_OFFSET:
        return ResultPage([], results.count(), number, per_page)
    page = results[start : start + per_page]
    rows = list(page)
    total = getattr(page, "total_matches", None)
    if total is None:
        total = len(rows) + start if 0 < len(rows) < per_page else results.count()
    return ResultPage(rows, total, number, per_page)
