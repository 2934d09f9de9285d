"""What each result shows: title, section, date (news), and an excerpt with the matched terms
marked. Everything taken from a page is escaped; only our own <mark> tags are not."""

import re
import unicodedata

from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe
from modelsearch.index import SearchField
from wagtail.models import Page

from corporate.core import site_cache
from news.models import NewsArticlePage
from search.analysis import TOKEN_RE, fold_chinese, fold_word, stem_english

EXCERPT_LENGTH = 160
EXCERPT_LEAD = 40
SECTION_DEPTH = 3  # root (1) → home of a locale (2) → top-level sections (3)
STEP = Page.steplen
# Where an excerpt may start or end in Chinese text: after a mark of punctuation or a space.
BREAKS = set(" \t\n，。；：！？、,.;:!?)）】》」』”’·…")
LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")
JOINERS = ".-/~_"


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def folded_view(text):
    """``text`` as the search compares it (full-width forms folded, Traditional characters as
    Simplified, lower case) and, for each of its characters, where it comes from in ``text``
    (the last entry is ``len(text)``), or None where each comes from the same place."""
    quick = CONTROL.sub(" ", unicodedata.normalize("NFKC", text)).lower()
    if len(quick) == len(text):
        return fold_chinese(quick), None
    chars, origin = [], []
    for index, ch in enumerate(text):
        control = unicodedata.category(ch)[0] == "C"
        folded = " " if control else unicodedata.normalize("NFKC", ch)
        chars.append(folded.lower())
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return fold_chinese("".join(chars)), origin


class Highlighter:
    """Marks the terms of a search in a page's own text, whichever script or spelling either
    uses: Chinese terms where their folded characters appear, Latin words where a word of the
    text folds and stems to the same start (testing marks tests, vapor marks vapour), numbers
    as whole numbers."""

    def __init__(self, terms):
        self.chinese, self.stems, self.numbers = [], set(), set()
        for term in terms:
            for match in TOKEN_RE.finditer(fold_chinese(term.lower())):
                if match["cjk"]:
                    self.chinese.append(match["cjk"])
                elif match["word"]:
                    self.stems.add(stem_english(fold_word(match["word"])))
                else:
                    self.numbers.add(match["num"])
        self._heads = {stem[:3] for stem in self.stems}
        self._words = {}
        self.chinese = sorted(set(self.chinese), key=len, reverse=True)
        self.chinese_re = (
            re.compile("|".join(re.escape(t) for t in self.chinese)) if self.chinese else None
        )

    def __bool__(self):
        return bool(self.chinese or self.stems or self.numbers)

    _last = (None, [])

    def spans(self, text):
        """(start, end) in ``text`` of each match, in order, not overlapping."""
        if not text or not self:
            return []
        if self._last[0] == text:
            return self._last[1]
        folded, origin = folded_view(text)
        found = []
        if self.chinese_re is not None:
            found.extend(m.span() for m in self.chinese_re.finditer(folded))
        if self.stems or self.numbers:
            for match in TOKEN_RE.finditer(folded):
                word, number = match["word"], match["num"]
                if (word and self._word_matches(word)) or (number and number in self.numbers):
                    found.append(match.span())
        spans, last = [], -1
        for start, end in sorted(found):
            if origin is not None:
                start, end = origin[start], origin[end]
            if start >= last and end > start:
                spans.append((start, end))
                last = end
        self._last = (text, spans)
        return spans

    def _word_matches(self, word):
        known = self._words.get(word)
        if known is None:
            folded = fold_word(word)
            known = False
            if folded[:3] in self._heads:
                stemmed = stem_english(folded)
                known = any(folded.startswith(s) or stemmed.startswith(s) for s in self.stems)
            self._words[word] = known
        return known

    def search(self, text):
        return bool(self.spans(text))


def highlight_pattern(terms):
    """The highlighter for a search's terms (None when there is nothing to mark)."""
    highlighter = Highlighter(terms)
    return highlighter if highlighter else None


def mark(text, pattern, spans=None):
    """Escaped text with <mark> around each match."""
    if pattern is None and spans is None:
        return escape(text)
    spans = pattern.spans(text) if spans is None else spans
    out = []
    last = 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
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
    order the model lists them, as the page writes it (full-width punctuation kept), with
    control characters and runs of spaces made single spaces."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            parts.append(_prepare(field.get_value(page)))
    return " ".join(" ".join(_visible(part).split()) for part in parts if part)


def _visible(text):
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def page_text(page, pattern=None, text=None):
    """The text an excerpt is cut from: the indexed text (``text`` when already read), or the
    page's search description when that describes the page better (no term matched in the
    indexed text)."""
    text = indexed_text(page) if text is None else text
    description = " ".join((page.search_description or "").split())
    if description and (not text or (pattern is not None and not pattern.search(text))):
        return description
    return text


def _code_char(ch):
    return LATIN_OR_DIGIT.match(ch) is not None


def _inside_word(text, index):
    """True when ``index`` falls inside one Latin word, number or code (tests, 5085.7,
    298-2019): between two of its letters or digits, or at a . - / ~ between them."""
    if not 0 < index < len(text):
        return False
    before, after = text[index - 1], text[index]
    if _code_char(before) and _code_char(after):
        return True
    if before in JOINERS and _code_char(after):
        return index >= 2 and _code_char(text[index - 2])
    if after in JOINERS and _code_char(before):
        return index + 1 < len(text) and _code_char(text[index + 1])
    return False


def _is_break(text, index):
    """True when an excerpt may start at ``index``: after a space or a mark of punctuation
    that does not join the parts of a code (the . of 5085.7)."""
    if index == 0:
        return True
    return text[index - 1] in BREAKS and not _inside_word(text, index)


def _start_at(text, lowest, first):
    """Where an excerpt that must show ``first`` starts, at or after ``lowest``: just after a
    space or a mark of punctuation when there is one, else (Chinese) at a character; never
    inside a word."""
    for index in range(lowest, first + 1):
        if _is_break(text, index):
            start = index
            break
    else:  # Chinese without punctuation nearby: any character, but not inside a Latin word
        start = lowest
        while start < first and _inside_word(text, start):
            start += 1
    while start < first and text[start] in BREAKS:
        start += 1  # no excerpt begins with a space or a comma
    return start


def _end_at(text, end, floor):
    """Where an excerpt ends, at or before ``end`` (not before ``floor``): never inside a word;
    in Chinese after a mark of punctuation when one is near."""
    if end >= len(text):
        return len(text)
    index = end
    while index > floor and _inside_word(text, index):
        index -= 1
    if index == floor:  # one long word: end after it instead
        index = end
        while _inside_word(text, index):
            index += 1
    for back in range(index, max(floor, index - 12), -1):
        if _is_break(text, back):
            return back
    return index


def excerpt(text, pattern, length=EXCERPT_LENGTH):
    """About ``length`` characters of ``text`` around its first match, marked, starting and
    ending on a word boundary (English) or a character or punctuation boundary (Chinese)."""
    if not text:
        return ""
    spans = pattern.spans(text) if pattern else []
    first = spans[0][0] if spans else 0
    start = _start_at(text, max(0, first - EXCERPT_LEAD), first) if first else 0
    end = _end_at(text, min(len(text), start + length), max(start + 1, spans[0][1] if spans else 0))
    if end - start < length and start > 0:  # near the end of the text: show more before
        earlier = _start_at(text, max(0, end - length), start)
        start = earlier if earlier < start else start
    piece = text[start:end].rstrip()
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= start + len(piece)]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(escape(prefix) + mark(piece, None, inside) + escape(suffix))  # noqa: S308


def decorate_results(pages, terms, request, with_excerpts=True):
    """Dicts for the template and the suggestions: title, url, section, date, excerpt."""
    if not pages:
        return []
    pattern = highlight_pattern(terms)
    found = site_cache.cached_many("search-result", [p.pk for p in pages], _read_results)
    items = []
    for page in pages:
        page, section, text = found.get(page.pk) or (page, None, None)
        items.append(
            {
                "page": page,
                "title": page.title,
                "title_html": mark(page.title, pattern),
                "url": page.get_url(request),
                "section": section,
                "date": page.date if isinstance(page, NewsArticlePage) else None,
                "excerpt": excerpt(page_text(page, pattern, text), pattern)
                if with_excerpts
                else "",
            }
        )
    return items


def _read_results(pks):
    """{pk: (the page as its own type, its section, its indexed text)}: what a result shows,
    read in bulk and cached until the next change."""
    specific = Page.objects.filter(pk__in=pks).specific().in_bulk()
    section_paths = {
        p.path[: STEP * SECTION_DEPTH] for p in specific.values() if p.depth > SECTION_DEPTH
    }
    sections = {s.path: s for s in Page.objects.filter(path__in=section_paths)}
    return {
        pk: (
            page,
            sections.get(page.path[: STEP * SECTION_DEPTH]) if page.depth > SECTION_DEPTH else None,
            indexed_text(page),
        )
        for pk, page in specific.items()
    }
