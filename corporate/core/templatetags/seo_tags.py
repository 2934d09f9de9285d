"""The head of every page: <title>, meta description, robots, share cards (Open Graph,
Twitter, and the itemprop tags WeChat, Weibo and QQ read), JSON-LD; and the optional
third-party scripts (analytics after consent, the WeChat JS-SDK share card)."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from corporate.core import site_cache
from corporate.core.models import CompanyProfile
from corporate.core.seo import structured_data, thirdparty
from corporate.core.seo.config import seo_settings
from corporate.core.seo.formats import iso
from corporate.core.seo.metadata import og_locale, page_description, share_images, title_parts
from corporate.core.seo.site_url import absolute_url
from corporate.core.seo.sitemaps import is_indexable
from corporate.core.templatetags.corporate_tags import locale_home, per_request
from corporate.core.templatetags.i18n_tags import _live_translations, _subpage

register = template.Library()


def _page_seo(request, page):
    company = CompanyProfile.for_locale()
    page_part, site_part = title_parts(page, company)
    info = {
        "page_title": page_part,
        "site_title": site_part,
        "description": page_description(page),
        "noindex": isinstance(page, Page) and not is_indexable(page),
    }
    return info


@register.simple_tag(takes_context=True)
def page_seo(context):
    """{'page_title', 'site_title', 'description', 'noindex'} of the page being shown."""
    request = context.get("request")
    page = context.get("page")
    key = ("page_seo", getattr(page, "pk", None))
    return per_request(request, key, lambda: _page_seo(request, page))


@register.inclusion_tag("components/share_meta.html", takes_context=True)
def share_meta(context, article=False):
    """Open Graph, Twitter card, itemprop (WeChat, Weibo, QQ) and JSON-LD for the page."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or not page.live:
        return {"page": None}
    if request is None:
        return _share_meta(context, request, page, article)
    # Cached per page and address until the next change (a preview reads no cache).
    return site_cache.cached(
        "share-meta",
        lambda: _share_meta(context, request, page, article),
        page.pk,
        request.get_host(),
        request.path,
        article,
    )


def _share_meta(context, request, page, article):
    settings_ = seo_settings(request)
    company = CompanyProfile.for_locale()
    language = translation.get_language() or settings.LANGUAGE_CODE
    landscape, square = share_images(page, settings_, request)
    translations = _live_translations(request, page)
    home = locale_home(request)
    info = page_seo(context)
    remainder = _subpage(request, page)
    data = {
        "page": True,
        "url": page.get_full_url(request) + remainder,
        "title": info["page_title"] or page.title,
        "description": info["description"],
        "site_name": getattr(company, "name", "") or str(settings.WAGTAIL_SITE_NAME),
        "og_type": "article" if article else "website",
        "og_locale": og_locale(language),
        "og_locale_alternates": [
            og_locale(code)
            for code, counterpart in translations.items()
            if code != language and is_indexable(counterpart)
        ],
        "image": landscape,
        "square_image": square or landscape,
        "article": article,
    }
    if article:
        published = structured_data.published_at(page)
        data["published_time"] = iso(published)
        data["modified_time"] = iso(page.last_published_at)
        category = getattr(page, "category", None)
        data["section"] = str(category) if category else ""
        tags = getattr(page, "tags", None)
        data["tags"] = sorted(tag.name for tag in tags.all()) if tags is not None else []
    # The breadcrumb names the home page "Home", as the visible breadcrumbs do.
    home_name = gettext("Home") if page.depth > 2 else None
    data["json_ld"] = structured_data.as_script(
        structured_data.page_graph(
            page,
            company,
            home,
            language,
            article=article,
            seo_settings=settings_,
            request=request,
            home_name=home_name,
        )
    )
    data["wechat"] = thirdparty.wechat_share(settings_, data)
    return data


@register.inclusion_tag("components/consent_banner.html", takes_context=True)
def analytics_consent(context):
    """The consent banner and the analytics it loads, when site settings turn analytics on."""
    request = context.get("request")
    settings_ = seo_settings(request)
    return {
        "analytics": thirdparty.analytics(settings_),
        "privacy_page": settings_.privacy_page,
        "request": request,
    }


@register.simple_tag(takes_context=True)
def absolute(context, path):
    return absolute_url(path, context.get("request"))
