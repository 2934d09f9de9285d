"""Language switcher, hreflang alternates and canonical links.

The switcher leads to the counterpart of the page being read (its wagtail-localize
translation); where that page has no live translation it leads to the other language's home
page and says so. On a sub-page of a routable page (``/news/category/company/``) the same
sub-page is kept when the counterpart has it, except for routes whose arguments differ per
language.
"""

from django import template
from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, translate_url
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from corporate.core import site_cache
from corporate.core.seo.formats import hreflang
from corporate.core.seo.sitemaps import is_indexable
from corporate.core.templatetags.corporate_tags import locale_home

register = template.Library()


def _live_translations(request, page):
    """{language_code: page} for the page and its live, public translations."""
    if not isinstance(page, Page):
        return {}
    return site_cache.cached(
        "translations", lambda: _read_translations(page), page.pk, per_language=False
    )


def _read_translations(page):
    found = {}
    for translation_page in (
        page.get_translations(inclusive=True)
        .live()
        .public()
        .select_related("locale")
        .defer_streamfields()
        .specific()  # the switcher and hreflang read their noindex flag
    ):
        found[translation_page.locale.language_code] = translation_page
    return found


def _subpage(request, page):
    """The part of the request path below ``page`` (``category/company/``), or ''."""
    if request is None or not isinstance(page, Page):
        return ""
    page_url = page.get_url(request)
    if not page_url or not request.path.startswith(page_url):
        return ""
    return request.path[len(page_url) :]


def _counterpart_subpage(counterpart, remainder):
    """``remainder`` when the counterpart answers it too, else ''."""
    if not remainder:
        return ""
    specific = counterpart.specific
    if not isinstance(specific, RoutablePageMixin):
        return ""
    try:
        match = specific.resolve_subpage("/" + remainder)
    except (Http404, Resolver404):
        return ""
    # A routable page lists the routes whose arguments differ per language (translated tag
    # names): for those the switcher leads to the counterpart page itself.
    if match.url_name in getattr(specific, "language_specific_routes", ()):
        return ""
    return remainder


# The switcher's labels: 简 / 繁 / EN (the language's full name is the link's title).
SHORT_NAMES = {"zh-hans": "简", "zh-hant": "繁", "en": "EN"}


@register.filter
def bcp47(code):
    """``zh-hant`` → ``zh-Hant``: the form of ``lang`` and ``hreflang``."""
    return hreflang(code)


@register.filter
def is_chinese(code):
    """Simplified or Traditional Chinese (full-width punctuation, the company's Chinese name)."""
    return (code or "").startswith("zh")


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """简 / 繁 / EN: the language being read, and links to the counterpart of this page in each
    other language; where there is none, to that language's home page, saying so. A language
    whose site has no home page (the Traditional site before it is generated) is left out."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = _live_translations(request, page)
    remainder = _subpage(request, page)
    links = []
    for code, name in settings.LANGUAGES:
        entry = {"code": code, "hreflang": hreflang(code), "name": name}
        entry["short"] = SHORT_NAMES.get(code, name)
        if code == current:
            links.append({**entry, "current": True})
            continue
        counterpart = translations.get(code)
        missing = False
        if counterpart is None:
            with translation.override(code):
                home = locale_home(request)
            if home is None:
                continue
        if counterpart is not None:
            url = counterpart.get_url(request) + _counterpart_subpage(counterpart, remainder)
        elif isinstance(page, Page):
            missing = True
            url = home.get_url(request) or "/"
        else:
            # A view that is not a page (search, 404): the same address in the other language.
            url = translate_url(request.get_full_path(), code) if request else "/"
        links.append({**entry, "url": url, "missing": missing})
    return {"links": links, "current": current}


@register.inclusion_tag("components/alternates.html", takes_context=True)
def alternate_links(context):
    """<link rel="alternate" hreflang> for every live translation that search engines may index
    (as in the sitemap), x-default = the Chinese page, and the canonical link."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or not page.live:
        return {"alternates": [], "x_default": None, "canonical": None}
    remainder = _subpage(request, page)
    translations = _live_translations(request, page) if is_indexable(page) else {}
    alternates = []
    for code, _name in settings.LANGUAGES:
        counterpart = translations.get(code)
        if counterpart is None or not is_indexable(counterpart):
            continue
        if counterpart.pk == page.pk:
            alternates.append((hreflang(code), page.get_full_url(request) + remainder))
        elif not remainder or _counterpart_subpage(counterpart, remainder):
            alternates.append((hreflang(code), counterpart.get_full_url(request) + remainder))
    if len(alternates) < 2:
        alternates = []
    x_default = dict(alternates).get(hreflang(settings.LANGUAGE_CODE))
    return {
        "alternates": alternates,
        "x_default": x_default,
        "canonical": page.get_full_url(request) + remainder,
    }
