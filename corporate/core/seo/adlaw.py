"""The Advertising Law check (《广告法》第九条第（三）项: no 国家级, 最高级, 最佳 and the like): every
text field and block of a page scanned against the terms editors manage (AdLawTerm).

Whole-word aware: an English term matches only as a whole word (best, not bestow); a Chinese
term is no hit inside the longer words its ``exceptions`` list (第一 in 第一季度, 唯一 in 唯一性),
and words that merely share characters (最新) are not terms at all. The editor form
(``corporate.core.adlaw_form``) shows the hits beside each field and asks for a confirmation
before publishing; the confirmation is recorded in the page's history."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.rich_text import RichText

from corporate.core.cjk import HAN

EXCERPT = 24  # characters of context either side of a hit
# Page fields that are not the page's words.
SKIPPED_FIELDS = {"slug", "url_path", "draft_title", "path", "translation_key"}


@dataclass(frozen=True)
class Term:
    term: str
    exceptions: tuple = ()

    @property
    def pattern(self):
        if HAN.search(self.term):
            return re.compile(re.escape(self.term))
        # Latin: a whole word or phrase, any case ("No. 1", "national-level").
        return re.compile(rf"(?<![\w-]){re.escape(self.term)}(?![\w-])", re.IGNORECASE)


@dataclass
class Hit:
    """The terms found in one field (or block) of a page."""

    field: str  # form field name: title, summary, body
    label: str  # what the editor sees: "Body › Paragraph"
    text: str
    spans: list = field(default_factory=list)  # [(start, end, term)]

    @property
    def terms(self):
        return sorted({term for _start, _end, term in self.spans})

    def highlighted(self):
        """The text around each hit, escaped, with the hits in <mark>."""
        pieces = []
        for start, end, _term in self.spans:
            before = self.text[max(0, start - EXCERPT) : start]
            after = self.text[end : end + EXCERPT]
            pieces.append(
                ("…" if start > EXCERPT else "")
                + escape(before)
                + f'<mark class="adlaw-hit">{escape(self.text[start:end])}</mark>'
                + escape(after)
                + ("…" if end + EXCERPT < len(self.text) else "")
            )
        return mark_safe(" ".join(pieces))  # noqa: S308 - every piece of text is escaped


def terms_for(language_code):
    """The Terms checked on pages of ``language_code`` (the managed list)."""
    from corporate.core.models import AdLawTerm

    return [
        Term(item.term, tuple(item.exception_words()))
        for item in AdLawTerm.objects.filter(language=language_code)
    ]


def _covered_by_exception(text, start, end, exceptions, flags):
    for word in exceptions:
        for match in re.finditer(re.escape(word), text, flags):
            if match.start() <= start and end <= match.end():
                return True
    return False


def find(text, terms):
    """[(start, end, term)] of the terms in ``text``, in order, overlaps merged."""
    spans = []
    for term in terms:
        pattern = term.pattern
        for match in pattern.finditer(text):
            if not _covered_by_exception(
                text, match.start(), match.end(), term.exceptions, pattern.flags & re.IGNORECASE
            ):
                spans.append((match.start(), match.end(), term.term))
    spans.sort()
    merged = []
    for span in spans:
        if merged and span[0] < merged[-1][1]:
            continue  # 最佳 inside 最佳选择 already found by a longer term
        merged.append(span)
    return merged


def _text_of(value):
    if isinstance(value, RichText):
        return " ".join(strip_tags(value.source).split())
    if isinstance(value, str):
        # Rich text fields hold HTML; plain text passes unchanged.
        return " ".join(strip_tags(value).split()) if "<" in value else value
    return ""


def _walk_block(block, value, label):
    """(label, text) of every piece of text inside one block value."""
    if isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _walk_block(child, value.get(name), f"{label} › {child.label}")
    elif isinstance(block, blocks.ListBlock):
        items = value.bound_blocks if hasattr(value, "bound_blocks") else value or []
        for number, item in enumerate(items, start=1):
            item_value = getattr(item, "value", item)
            yield from _walk_block(block.child_block, item_value, f"{label} {number}")
    elif isinstance(block, blocks.StreamBlock):
        for child in value or []:
            yield from _walk_block(child.block, child.value, f"{label} › {child.block.label}")
    else:
        text = _text_of(value)
        if text:
            yield label, text


def page_texts(model, values):
    """(field name, label, text) of every text field and block in ``values`` ({field name:
    value}, e.g. a form's cleaned_data or a page's fields)."""
    for name, value in values.items():
        if name in SKIPPED_FIELDS:
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:  # form-only fields (the confirmation box)
            continue
        label = str(getattr(model_field, "verbose_name", name)).capitalize()
        if isinstance(model_field, StreamField):
            for child in value or []:
                for block_label, text in _walk_block(
                    child.block, child.value, f"{label} › {child.block.label}"
                ):
                    yield name, block_label, text
        elif isinstance(model_field, models.CharField | models.TextField):
            text = _text_of(value)
            if text:
                yield name, label, text


def page_values(page):
    """{field name: value} of a page's own text fields and StreamFields."""
    values = {}
    for model_field in page._meta.get_fields():
        if (
            isinstance(model_field, StreamField | models.CharField | models.TextField)
            and model_field.concrete
            and model_field.name not in SKIPPED_FIELDS
        ):
            values[model_field.name] = getattr(page, model_field.name)
    return values


def scan(model, values, language_code, terms=None):
    """[Hit] of a page's text (``values``) in ``language_code``."""
    terms = terms_for(language_code) if terms is None else terms
    if not terms:
        return []
    hits = []
    for name, label, text in page_texts(model, values):
        spans = find(text, terms)
        if spans:
            hits.append(Hit(name, label, text, spans))
    return hits


def scan_page(page, terms=None):
    return scan(type(page), page_values(page), page.locale.language_code, terms)
