"""What each result shows: title, section, date (news), and an excerpt with the matched terms
marked. Everything taken from a page is escaped; only our own <mark> tags are not."""

import re

from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe
from modelsearch.index import SearchField
from wagtail.models import Page

from news.models import NewsArticlePage
from search.analysis import TOKEN_RE, clean_text, stem_english

EXCERPT_LENGTH = 160
EXCERPT_LEAD = 40
SECTION_DEPTH = 3  # root (1) → home of a locale (2) → top-level sections (3)
STEP = Page.steplen


def highlight_pattern(terms):
    """One regex for all terms: Chinese and numbers as written, Latin words by their stem
    (testing marks tests and tested too)."""
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        kind = TOKEN_RE.fullmatch(term)
        if kind and kind.group("word"):
            stem = stem_english(term.lower())
            parts.append(r"(?<![a-z])" + re.escape(stem) + r"[a-z]*")
        elif kind and kind.group("num"):
            parts.append(r"(?<!\d)" + re.escape(term) + r"(?!\d)")
        else:
            parts.append(re.escape(term))
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def mark(text, pattern):
    """Escaped text with <mark> around each match."""
    if pattern is None:
        return escape(text)
    out = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() == match.end():
            continue
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


def _prepare(value):
    if isinstance(value, (list, tuple)):
        return " ".join(_prepare(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_prepare(item) for item in value.values())
    return force_str(value) if value is not None else ""


def indexed_text(page):
    """The text a page is found by, title aside: its indexed fields (summary, body …) in the
    order the model lists them."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            parts.append(_prepare(field.get_value(page)))
    return " ".join(" ".join(clean_text(part).split()) for part in parts if part)


def page_text(page, pattern=None):
    """The text an excerpt is cut from: the indexed text, or the page's search description
    when that describes the page better (no term matched in the indexed text)."""
    text = indexed_text(page)
    description = " ".join((page.search_description or "").split())
    if description and (not text or (pattern is not None and not pattern.search(text))):
        return description
    return text


def excerpt(text, pattern, length=EXCERPT_LENGTH):
    if not text:
        return ""
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - EXCERPT_LEAD) if first else 0
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    piece = text[start:end]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(escape(prefix) + mark(piece, pattern) + escape(suffix))  # noqa: S308


def decorate_results(pages, terms, request, with_excerpts=True):
    """Dicts for the template and the suggestions: title, url, section, date, excerpt."""
    if not pages:
        return []
    pattern = highlight_pattern(terms)
    specific = Page.objects.filter(pk__in=[p.pk for p in pages]).specific().in_bulk()
    section_paths = {p.path[: STEP * SECTION_DEPTH] for p in pages if p.depth > SECTION_DEPTH}
    sections = {s.path: s for s in Page.objects.filter(path__in=section_paths)}
    items = []
    for page in pages:
        page = specific.get(page.pk, page)
        section = (
            sections.get(page.path[: STEP * SECTION_DEPTH]) if page.depth > SECTION_DEPTH else None
        )
        items.append(
            {
                "page": page,
                "title": page.title,
                "title_html": mark(page.title, pattern),
                "url": page.get_url(request),
                "section": section,
                "date": page.date if isinstance(page, NewsArticlePage) else None,
                "excerpt": excerpt(page_text(page, pattern), pattern) if with_excerpts else "",
            }
        )
    return items
