"""Gap: a translation keeps pointing at the source-language pages its source chose.

wagtail-localize swaps a page reference for the target locale's copy only when that copy
already exists at the sync (and copies references held in StreamField blocks and inline rows
as they are), so an English page can still name Chinese pages. Follow each reference to its
counterpart in the wanted locale by translation key, or leave it out when there is none.
Delete when wagtail-localize resolves references at render time (not as of 1.14)."""

from django.db.models import QuerySet
from wagtail.models import Locale, Page

from corporate.core import site_cache


def _locale_id(locale):
    if locale is None:
        return Locale.get_active().id
    return locale if isinstance(locale, int) else locale.id


def localized(page, locale=None):
    """``page`` in ``locale`` (default: the active locale): the page itself when it is already
    in that locale, else its translation, else None."""
    if not isinstance(page, Page):
        return None
    locale_id = _locale_id(locale)
    if page.locale_id == locale_id:
        return page
    return site_cache.cached(
        "localized",
        lambda: page.get_translation_or_none(locale_id),
        page.pk,
        locale_id,
        per_language=False,
    )


def localized_pages(pages, locale=None, queryset: QuerySet | None = None):
    """The counterparts in ``locale`` of ``pages``, in the same order, the missing ones left out:
    one query on ``queryset`` (default: every page), so callers pass e.g.
    ``ServicePage.objects.live().public()`` to keep only live, public pages of that type."""
    keys = [page.translation_key for page in pages]
    if not keys:
        return []
    queryset = Page.objects.all() if queryset is None else queryset
    found = queryset.filter(translation_key__in=keys, locale_id=_locale_id(locale))
    by_key = {page.translation_key: page for page in found}
    return [by_key[key] for key in keys if key in by_key]


def referencing(queryset: QuerySet, lookup: str, page, locale=None):
    """Pages of ``queryset`` in ``locale`` whose reference ``lookup`` points at ``page`` in any
    language (the references of an English page still name the Chinese one)."""
    return queryset.filter(
        locale_id=_locale_id(locale), **{f"{lookup}__translation_key": page.translation_key}
    )
