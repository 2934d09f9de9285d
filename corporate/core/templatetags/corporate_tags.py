"""Site chrome: menu, breadcrumbs, language switcher and company profile, all per locale."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.models import Page, get_page_models

from corporate.core import site_cache
from corporate.core.blocks import heading_anchor
from corporate.core.localize_gaps.page_references import localized
from corporate.core.models import CompanyProfile

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
    """The home page of the active locale, or None when that locale has none (cached: its
    StreamFields are left unread, the chrome needs its title and address)."""
    site = site_cache.site_for(request)
    if site is None:
        return None
    return site_cache.cached("locale-home", lambda: _locale_home(site), site.pk)


def _locale_home(site):
    home = localized(site.root_page)
    if home is None:
        return None
    return home.specific_class.objects.defer_streamfields().get(pk=home.pk)


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
        sections = site_cache.cached(
            "menu", lambda: list(home.get_children().live().public().in_menu()), home.pk
        )
        for child in sections:
            items.append({"page": child, "active": current_path.startswith(child.path)})
    return {"items": items, "request": request, "css_id": css_id}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = site_cache.live_ancestors(page)
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag
def section_anchor(block_id):
    return heading_anchor(block_id)


@register.filter
def localized_page(page):
    """A page chosen in Chinese content, as its translation in the active locale (or None)."""
    return localized(page)


def page_models_playing(role):
    """The page models whose ``chrome_role`` is ``role``."""
    return [model for model in get_page_models() if getattr(model, "chrome_role", None) == role]


@register.simple_tag(takes_context=True)
def chrome_page(context, role):
    """The live page of the active locale whose type says it plays ``role`` in the site chrome
    (``BasePage.chrome_role``; the contact page plays "contact"), or None. Read once per
    request."""
    request = context.get("request")
    home = locale_home(request)
    models = page_models_playing(role)
    if home is None or not models:
        return None
    content_types = ContentType.objects.get_for_models(*models).values()
    return site_cache.cached(
        "chrome-page",
        lambda: home.get_descendants().live().filter(content_type__in=content_types).first(),
        home.pk,
        role,
    )


def _chinese_ui():
    return (translation.get_language() or "").startswith("zh")


@register.simple_tag
def colon():
    """The colon after a label: full-width in Chinese (电话：), ': ' otherwise."""
    return "：" if _chinese_ui() else ": "


@register.simple_tag
def parenthesized(text):
    """'（RSS）' in Chinese, ' (RSS)' otherwise: brackets beside Chinese text are full-width."""
    return f"（{text}）" if _chinese_ui() else f" ({text})"
