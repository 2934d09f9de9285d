"""Gap: Wagtail reads the Locale table on every ``Locale.get_active()`` and
``Locale.objects.get_for_language()``, and a page's chrome, its lists and its references ask
about ten times per request.

Within a request the answer is kept (``corporate.core.site_cache.memo``), so each language is
read once; outside a request it is read every time, as upstream does. Delete when Wagtail
caches these lookups itself (it does not as of 8.x)."""

from wagtail.models.i18n import LocaleManager

from corporate.core import site_cache

upstream_get_for_language = LocaleManager.get_for_language


def get_for_language(manager, language_code):
    return site_cache.memo(
        ("locale", language_code), lambda: upstream_get_for_language(manager, language_code)
    )


def install():
    """``Locale.objects.get_for_language`` (and so ``Locale.get_active``) reads once per
    request and language."""
    LocaleManager.get_for_language = get_for_language
