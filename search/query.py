"""The site search: what a visitor's input becomes, and which pages it finds.

Used by the results page, the suggestions endpoint and the benchmark, so that all three
measure and show the same thing."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone
from modelsearch.backends import get_search_backend
from modelsearch.query import Or, PlainText
from wagtail.models import Page

from news.models import NewsArticlePage
from search.analysis import TOKEN_RE, clean_text
from search.models import SearchSynonym, normalise_query

MAX_QUERY_LENGTH = 200
MAX_VARIANTS = 16
MAX_OFFSET = 2**31 - 1


@dataclass
class CleanQuery:
    text: str = ""
    truncated: bool = False
    had_control_characters: bool = False
    variants: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.text)


def clean_query(raw):
    """Visitor input → the query we run: control characters out, spaces collapsed, at most
    MAX_QUERY_LENGTH characters."""
    raw = raw or ""
    cleaned = clean_text(raw)
    text = " ".join(cleaned.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    had_control = any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in raw)
    return CleanQuery(text=text, truncated=truncated, had_control_characters=had_control)


def _member_pattern(member):
    """Latin words must match whole words (VOC must not match inside VOCs… the other way
    round neither); Chinese matches anywhere, as Chinese has no spaces."""
    escaped = re.escape(member)
    before = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", member) else ""
    after = r"(?![a-z0-9])" if re.search(r"[a-z0-9]$", member) else ""
    return re.compile(before + escaped + after)


def synonym_groups(locale):
    return [
        [normalise_query(member) for member in synonym.group()]
        for synonym in SearchSynonym.objects.filter(locale=locale)
    ]


def expand_synonyms(text, groups):
    """The query and its variants with synonyms swapped in (危废检测 → 危险废物检测)."""
    variants = [normalise_query(text)]
    for group in groups:
        new = []
        for variant in variants:
            for member in sorted(group, key=len, reverse=True):
                pattern = _member_pattern(member)
                if member and pattern.search(variant):
                    new.extend(
                        pattern.sub(lambda _m, o=other: o, variant)
                        for other in group
                        if other != member
                    )
                    break
        variants = list(dict.fromkeys(variants + new))[:MAX_VARIANTS]
    return variants


def build_query(text, locale, synonyms=True):
    """The modelsearch query for a cleaned query string: all its words, or the same with
    synonyms swapped in."""
    variants = expand_synonyms(text, synonym_groups(locale)) if synonyms else [text]
    if len(variants) == 1:
        return PlainText(variants[0], operator="and"), variants
    return Or([PlainText(v, operator="and") for v in variants]), variants


def searchable_pages(locale):
    """Live, public pages of one locale that have not expired, the root of each tree excluded,
    and without the news articles that the news lists leave out (future-dated).

    Expiry and dates are subqueries (``id__in``) because the search backends filter only on
    declared filter fields; each is a single cheap scan, computed once per query."""
    expired = Page.objects.filter(expire_at__lte=timezone.now()).values("id")
    future = NewsArticlePage.objects.unlisted(locale).values("id")
    return (
        Page.objects.live()
        .public()
        .filter(locale=locale, depth__gt=1)
        .exclude(id__in=expired)
        .exclude(id__in=future)
    )


def site_search(text, locale, backend="default", synonyms=True, queryset=None):
    """Search results (lazy, sliceable, countable) and the query variants used."""
    backend = get_search_backend(backend) if isinstance(backend, str) else backend
    query, variants = build_query(text, locale, synonyms=synonyms)
    queryset = searchable_pages(locale) if queryset is None else queryset
    return backend.search(query, queryset), variants


class FetchedPage:
    """One page of results already read, and the total: all that Django's Paginator asks of
    its object list (``count()`` and the page's slice), without querying again."""

    def __init__(self, rows, total, offset):
        self.rows, self.total, self.offset = rows, total, offset

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self.rows[key - self.offset]
        start = max((key.start or 0) - self.offset, 0)
        stop = None if key.stop is None else max(key.stop - self.offset, 0)
        return self.rows[start:stop]


def fetch_page(results, number, per_page):
    """The results on page ``number`` (from 1) and how many there are in all.

    On PostgreSQL the Chinese-aware backend counts the matches while it ranks them, so this
    is one query; otherwise (SQLite, the stock backend, a page past the end) it is the slice
    and a count."""
    start = (number - 1) * per_page
    if start >= MAX_OFFSET:  # page=10**30: past any end, and past what SQL's OFFSET takes
        return [], results.count()
    page = results[start : start + per_page]
    rows = list(page)
    total = getattr(page, "total_matches", None)
    if total is None:
        total = results.count()
    return rows, total


def highlight_terms(variants):
    """Strings to mark in excerpts: every Chinese run and Latin word of every variant."""
    terms = []
    for variant in variants:
        terms.extend(match.group(0) for match in TOKEN_RE.finditer(clean_text(variant)))
    return list(dict.fromkeys(t for t in terms if t))
