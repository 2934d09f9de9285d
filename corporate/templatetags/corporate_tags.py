"""Site chrome: menu, breadcrumbs, language switcher and company profile, all per locale."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from corporate.blocks import heading_anchor
from corporate.models import CompanyProfile

register = template.Library()


def per_request(request, key, compute):
    """``compute()`` once per request and language: the header, the footer, the switcher and
    the hreflang links ask for the same pages."""
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_corporate_memo", {})
    key = (key, translation.get_language())
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def locale_home(request):
    """The home page of the active locale, or None when that locale has none."""
    return per_request(request, "locale_home", lambda: _locale_home(request))


def _locale_home(request):
    site = (
        Site.find_for_request(request)
        if request
        else Site.objects.filter(is_default_site=True).first()
    )
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
        sections = per_request(
            request, "menu", lambda: list(home.get_children().live().public().in_menu())
        )
        for child in sections:
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
    if not isinstance(page, Page):
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


@register.simple_tag(takes_context=True)
def contact_page(context):
    """The live contact page of the active locale."""
    from corporate.models import ContactPage

    request = context.get("request")
    home = locale_home(request)
    if home is None:
        return None
    return per_request(
        request, "contact_page", lambda: ContactPage.objects.descendant_of(home).live().first()
    )
