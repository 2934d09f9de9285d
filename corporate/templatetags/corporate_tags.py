"""Site chrome: menu, breadcrumbs, language switcher and company profile, all per locale."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

from corporate.blocks import heading_anchor
from corporate.models import CompanyProfile

register = template.Library()


def locale_home(request):
    """The home page of the active locale, or None when that locale has none."""
    site = Site.find_for_request(request) if request else Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    root = site.root_page
    locale = Locale.get_active()
    if root.locale_id == locale.id:
        return root.specific
    home = root.get_translation_or_none(locale)
    return home.specific if home else None


@register.simple_tag(takes_context=True)
def get_locale_home(context):
    return locale_home(context.get("request"))


@register.simple_tag
def company_profile():
    return CompanyProfile.for_locale()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context, css_id="main-menu"):
    request = context.get("request")
    home = locale_home(request)
    current = context.get("page") or context.get("self")
    items = []
    if home is not None:
        current_path = current.path if isinstance(current, Page) else ""
        items.append({"page": home, "active": current_path == home.path})
        for child in home.get_children().live().public().in_menu():
            items.append({"page": child, "active": current_path.startswith(child.path)})
    return {"items": items, "request": request, "css_id": css_id}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = list(page.get_ancestors().filter(depth__gte=2).live().specific())
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag
def section_anchor(block_id):
    return heading_anchor(block_id)


@register.filter
def localized_page(page):
    """A page chosen in Chinese content, as its translation in the active locale (or None)."""
    if page is None:
        return None
    locale = Locale.get_active()
    if page.locale_id == locale.id:
        return page
    return page.get_translation_or_none(locale)


@register.simple_tag
def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag
def other_language_code():
    current = translation.get_language()
    codes = [code for code, _ in settings.LANGUAGES]
    return next((c for c in codes if c != current), codes[0])


def _live_translations(page):
    """{language_code: page} for the page and its live, public translations."""
    if not isinstance(page, Page):
        return {}
    found = {}
    for translation_page in page.get_translations(inclusive=True).live().public().select_related("locale"):
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


@register.simple_tag(takes_context=True)
def contact_page(context):
    """The live contact page of the active locale."""
    from corporate.models import ContactPage

    home = locale_home(context.get("request"))
    if home is None:
        return None
    return ContactPage.objects.descendant_of(home).live().first()
