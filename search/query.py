"""The site search: what a visitor's input becomes, and which pages it finds.

Used by the results page, the suggestions endpoint and the benchmark, so that all three
measure and show the same thing.

``find_pages`` searches in two steps and keeps the first that finds something:

1. exact: every piece of the query (or of a synonym variant), as before (``site_search``);
2. best effort (``related_query``): the query without the question words and filler of its
   language (search/fillers.py: 怎么, 多少钱, how much …) cut into pieces (words; the names of
   accreditation areas and services and editors' synonyms whole), and the pages that have
   most of them: at least two thirds, and every piece that names an accreditation area or a
   service, wherever they stand in the page (室内 … 甲醛 … 检测). Pages with more pieces come
   first, then those where the pieces stand together. The results page says that these are
   related results, not exact ones."""

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from modelsearch.backends import get_search_backend
from modelsearch.query import And, Or, PlainText
from wagtail.models import Locale, Page

from corporate.core.models import AccreditationAreaPage, ServicePage
from news.models import NewsArticlePage
from search.analysis import TOKEN_RE, clean_text, fold_latin, fold_text, get_jieba
from search.backends.common import Related
from search.fillers import filler_words, generic_words
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


def fold_query(text):
    """A query or a synonym as the search compares it: cleaned, Traditional folded to
    Simplified, British spellings to American ones, Latin letters in lower case."""
    return normalise_query(fold_latin(fold_text(text)))


def _member_pattern(member):
    """Latin words must match whole words (VOC must not match inside VOCA), with or without
    a plural s (VOC, VOCs; gas station, gas stations); Chinese matches anywhere, as Chinese
    has no spaces."""
    if re.search(r"[a-z]{4,}s$|[a-z]{2,}[^s]s$", member) and not member.endswith("ss"):
        member = member[:-1]  # vocs → voc(s), compounds → compound(s)
    escaped = re.escape(member)
    before = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", member) else ""
    after = ""
    if re.search(r"[a-z]$", member):
        after = r"(?:e?s)?(?![a-z0-9])"
    elif re.search(r"[0-9]$", member):
        after = r"(?![a-z0-9])"
    return re.compile(before + escaped + after)


def synonym_groups(locale):
    """The synonyms editors keep for the locale; a generated locale (the Traditional site) uses
    its source's: queries are folded to Simplified characters anyway."""
    if locale is not None and locale.language_code in settings.GENERATED_LANGUAGES:
        locale = Locale.get_default()
    return [
        [fold_query(member) for member in synonym.group()]
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


def build_query(text, locale, synonyms=True, groups=None):
    """The modelsearch query for a cleaned query string: all its words, or the same with
    synonyms swapped in."""
    if synonyms:
        groups = synonym_groups(locale) if groups is None else groups
        variants = expand_synonyms(fold_query(text), groups)
    else:
        variants = [text]
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
    """Search results (lazy, sliceable, countable) and the query variants used: the exact
    search, step 1 of ``find_pages``."""
    backend = get_search_backend(backend) if isinstance(backend, str) else backend
    query, variants = build_query(text, locale, synonyms=synonyms)
    queryset = searchable_pages(locale) if queryset is None else queryset
    return backend.search(query, queryset), variants


# Best effort ----------------------------------------------------------------------------------

MAX_PIECES = 8
MAX_COMBINATIONS = 56
CHINESE_TERM_SPLIT = re.compile(r"[和与及、,，/\s]+")
ENGLISH_TERM_SPLIT = re.compile(r"\s+and\s+|[,/&]+")
PARENTHESES = re.compile(r"[(（][^)）]*[)）]")
TERM_SUFFIXES = ("系统检测", "检测", "监测", "测试", " system testing", " testing", " test")


@dataclass(frozen=True)
class Piece:
    """One thing the query asks for: its text, and the texts that satisfy it (its synonyms)."""

    text: str
    alternatives: tuple
    required: bool = False
    generic: bool = False

    def query(self):
        if len(self.alternatives) == 1:
            return PlainText(self.alternatives[0], operator="and")
        return Or([PlainText(a, operator="and") for a in self.alternatives])


def service_terms(locale):
    """What the accreditation areas and services of one language are called, folded, each
    title cut at its conjunctions (土壤和水系沉积物 → 土壤, 水系沉积物) and also without a
    trailing 检测/testing (土壤检测 → 土壤); one-character Chinese terms (水) left out."""
    titles = itertools.chain(
        AccreditationAreaPage.objects.live().filter(locale=locale).values_list("title", flat=True),
        ServicePage.objects.live().filter(locale=locale).values_list("title", flat=True),
    )
    terms = set()
    for title in titles:
        title = fold_query(PARENTHESES.sub(" ", title))
        split = CHINESE_TERM_SPLIT if _has_chinese(title) else ENGLISH_TERM_SPLIT
        parts = [title, *split.split(title)]
        for part in parts:
            part = part.strip()
            for suffix in TERM_SUFFIXES:
                if part.endswith(suffix) and len(part) > len(suffix) + 1:
                    parts.append(part[: -len(suffix)].strip())
        for part in parts:
            part = part.strip()
            if len(part) >= 2 and not (len(part) == 2 and part.isascii()):
                terms.add(part)
    return terms


def _has_chinese(text):
    return any(m.group("cjk") for m in TOKEN_RE.finditer(text))


def _spans(text, candidates):
    """Non-overlapping (start, end, member) of the candidates in ``text``, longest first."""
    taken = []
    for member in sorted(candidates, key=len, reverse=True):
        for match in _member_pattern(member).finditer(text):
            if not any(s < match.end() and match.start() < e for s, e, _m in taken):
                taken.append((match.start(), match.end(), member))
    return sorted(taken)


def _words(text, fillers):
    """The words of a piece of query text that are not filler, and the text without them
    (kept pieces that stood side by side stay together: 怎么做危险废物鉴别 → 危险废物鉴别)."""
    words, kept, gap = [], [], False
    for match in TOKEN_RE.finditer(text):
        tokens = get_jieba().lcut(match["cjk"]) if match["cjk"] else [match.group(0)]
        for token in tokens:
            if token in fillers or not token.strip():
                gap = True
                continue
            words.append(token)
            joiner = "" if kept and not gap and match["cjk"] and _has_chinese(kept[-1]) else " "
            kept.append((joiner if kept else "") + token)
            gap = False
        gap = True
    return words, "".join(kept)


def related_pieces(text, locale, groups, terms):
    """The pieces of a query for the best-effort search (see ``related_query``)."""
    fillers = filler_words(locale.language_code)
    generic = generic_words(locale.language_code)
    folded = fold_query(text)
    group_of = {member: group for group in groups for member in group}
    spans = _spans(folded, set(group_of) | terms)
    pieces, last = [], 0
    for start, end, member in [*spans, (len(folded), len(folded), None)]:
        words, _kept = _words(folded[last:start], fillers)
        # A standard code is one piece: letters and the numbers after them (GB 36600).
        merged = []
        for word in words:
            if merged and word.isdigit() and merged[-1][-1:].isalnum() and merged[-1].isascii():
                merged[-1] = f"{merged[-1]} {word}"
            else:
                merged.append(word)
        for word in merged:
            alternatives = tuple(group_of.get(word, [word]))
            pieces.append(
                Piece(word, alternatives, required=word in terms, generic=word in generic)
            )
        if member is not None:
            alternatives = tuple(group_of.get(member, [member]))
            required = any(a in terms for a in alternatives)
            pieces.append(Piece(member, alternatives, required=required))
        last = end
    unique = list({piece.text: piece for piece in pieces}.values())
    return unique[:MAX_PIECES]


def related_query(text, locale, groups=None, terms=None):
    """The best-effort query for ``text``, or None when nothing of it is left to look for.

    A page is found when it has every required piece (an accreditation area or a service)
    and at least two thirds of the pieces that are not generic words of the trade (检测,
    testing), wherever they stand. Generic pieces only rank."""
    groups = synonym_groups(locale) if groups is None else groups
    terms = service_terms(locale) if terms is None else terms
    pieces = related_pieces(text, locale, groups, terms)
    if not pieces:
        return None
    counted = [p for p in pieces if not p.generic] or pieces
    needed = math.ceil(len(counted) * 2 / 3)
    required = [p for p in counted if p.required]
    optional = [p for p in counted if not p.required]
    more = max(0, needed - len(required))
    parts = [p.query() for p in required]
    if more:
        combinations = list(itertools.combinations(optional, more))[:MAX_COMBINATIONS]
        either = [
            combo[0].query() if len(combo) == 1 else And([p.query() for p in combo])
            for combo in combinations
        ]
        parts.append(either[0] if len(either) == 1 else Or(either))
    _words_left, together = _words(fold_query(text), filler_words(locale.language_code))
    return Related(
        parts,
        pieces=[p.query() for p in pieces],
        together=PlainText(together, operator="and") if together else None,
    ), pieces


class SiteResults:
    """What ``find_pages`` returns: sliceable and countable like search results, reading the
    first step that finds something. ``related`` is True when that is the best-effort step;
    ``terms`` are what to mark in excerpts."""

    def __init__(self, steps):
        # Callables that return (results, terms, related) or None, tried in order; each is
        # called only when the steps before it found nothing.
        self._makers = list(steps)
        self._chosen = None
        self._cache = {}

    @staticmethod
    def _read(results, start, stop):
        page = results[start:stop] if stop is not None else results[start:]
        rows = list(page)
        total = getattr(page, "total_matches", None)
        if total is None and not rows:
            total = results.count()
        return rows, total

    def _choose(self, start=0, stop=None):
        """Try the steps in order on the slice asked for, until one finds something; when
        none does, the first one stands (exact, nothing found)."""
        first = None
        while self._makers:
            step = self._makers.pop(0)()
            if step is None:
                continue
            read = self._read(step[0], start, stop)
            if first is None:
                first = (step, read)
            if read[0] or read[1]:
                self._chosen, self._cache[(start, stop)] = step, read
                return
        self._chosen, self._cache[(start, stop)] = first

    def _chosen_step(self):
        if self._chosen is None:
            self._choose(0, None)
        return self._chosen

    @property
    def results(self):
        return self._chosen_step()[0]

    @property
    def terms(self):
        return self._chosen_step()[1]

    @property
    def related(self):
        return self._chosen_step()[2]

    def fetch(self, start, stop):
        """(rows, total) of one slice, with as few queries as the chosen step allows."""
        if self._chosen is None:
            self._choose(start, stop)
        rows, total = self._cache.pop((start, stop), None) or self._read(
            self._chosen[0], start, stop
        )
        if total is None:
            total = self._chosen[0].count()
        return rows, total

    def count(self):
        return self.fetch(0, None)[1]

    def __len__(self):
        return self.count()

    def __iter__(self):
        return iter(self.fetch(0, None)[0])

    def __getitem__(self, key):
        if isinstance(key, slice):
            return self.fetch(key.start or 0, key.stop)[0]
        return self.fetch(key, key + 1)[0][0]


def find_pages(text, locale, backend="default", synonyms=True, queryset=None, best_effort=True):
    """The pages the results page lists for ``text`` (see the module's docstring)."""
    backend = get_search_backend(backend) if isinstance(backend, str) else backend
    queryset = searchable_pages(locale) if queryset is None else queryset
    groups = synonym_groups(locale) if synonyms else []

    def exact():
        query, variants = build_query(text, locale, synonyms=synonyms, groups=groups)
        return backend.search(query, queryset), highlight_terms(variants), False

    def related():
        built = related_query(text, locale, groups=groups)
        if built is None:
            return None
        query, pieces = built
        terms = highlight_terms([a for p in pieces for a in p.alternatives])
        return backend.search(query, queryset), terms, True

    return SiteResults([exact, related] if best_effort and locale is not None else [exact])


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
    if isinstance(results, SiteResults):
        return results.fetch(start, start + per_page)
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
