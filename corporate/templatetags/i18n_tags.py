"""Language switcher, hreflang alternates and canonical links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from corporate.templatetags.corporate_tags import locale_home

register = template.Library()


def _live_translations(page):
    """{language_code: page} for the page and its live, public translations."""
    if not isinstance(page, Page):
        return {}
    found = {}
    for translation_page in (
        page.get_translations(inclusive=True).live().public().select_related("locale")
    ):
        found[translation_page.locale.language_code] = translation_page
    return found


@register.inclusion_tag("components/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the counterpart of this page in each other language; where there is none,
    to that language's home page, saying so."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = _live_translations(page)
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        counterpart = translations.get(code)
        missing = False
        if counterpart is not None:
            url = counterpart.get_url(request)
        elif isinstance(page, Page):
            missing = True
            with translation.override(code):
                home = locale_home(request)
                url = home.get_url(request) if home else "/"
        else:
            # A view that is not a page (search): the same view in the other language.
            url = translate_url(request.get_full_path(), code) if request else "/"
        links.append({"code": code, "name": name, "url": url, "missing": missing})
    return {"links": links, "current": current}


@register.inclusion_tag("components/alternates.html", takes_context=True)
def alternate_links(context):
    """<link rel="alternate" hreflang> for every live translation, x-default = the Chinese page,
    and the canonical link."""
    request = context.get("request")
    page = context.get("page")
    translations = _live_translations(page)
    alternates = []
    for code, _name in settings.LANGUAGES:
        if code in translations:
            hreflang = "zh-Hans" if code == "zh-hans" else code
            alternates.append((hreflang, translations[code].get_full_url(request)))
    default = translations.get(settings.LANGUAGE_CODE)
    canonical = page.get_full_url(request) if isinstance(page, Page) else None
    return {
        "alternates": alternates if len(alternates) > 1 else [],
        "x_default": default.get_full_url(request) if default and len(alternates) > 1 else None,
        "canonical": canonical,
    }
