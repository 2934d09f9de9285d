"""schema.org structured data (JSON-LD) for search engines: the Organization (with its names in
every language, address, phone, logo and CMA certificate number), the WebSite with its search,
a BreadcrumbList on every page below the home page, and a NewsArticle for articles."""

import json
from datetime import datetime, time

from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import Page

from corporate.core import site_cache
from corporate.core.models import CompanyProfile

from .formats import hreflang, iso
from .metadata import page_description, share_images
from .site_url import absolute_url, site_root_url

SCHEMA = "https://schema.org"
LOGO_FILTER = "max-600x600|format-png"
# Characters that could end the <script> element early or confuse an HTML parser.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def as_script(data):
    """A <script type="application/ld+json"> element holding ``data`` (safe inside HTML)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def organization_id(request=None):
    return site_root_url(request) + "/#organization"


def logo_url(company, request=None):
    logo = getattr(company, "logo", None)
    if logo is not None:
        try:
            return absolute_url(logo.get_rendition(LOGO_FILTER).url, request)
        except (OSError, ValueError):
            pass
    return absolute_url(static("corporate/img/logo-mark.svg"), request)


def organization(company, home=None, request=None):
    """The company as an Organization: name in the visitor's language, the other languages'
    names as alternateName, address, phone, e-mail, logo and the CMA certificate number."""
    data = {
        "@type": "Organization",
        "@id": organization_id(request),
        "name": company.name,
        "logo": {"@type": "ImageObject", "url": logo_url(company, request)},
        "address": {
            "@type": "PostalAddress",
            "streetAddress": company.address,
            "addressCountry": "CN",
        },
        "telephone": company.phone,
        "email": company.email,
    }
    if home is not None:
        data["url"] = home.get_full_url(request)
    names = [company.short_name] if company.short_name != company.name else []
    others = CompanyProfile.objects.filter(translation_key=company.translation_key).exclude(
        pk=company.pk
    )
    for other in others.select_related("locale"):
        names += [
            {"@language": hreflang(other.locale.language_code), "@value": name}
            for name in dict.fromkeys([other.name, other.short_name])
            if name
        ]
    if names:
        data["alternateName"] = names
    if company.copyright_holder and company.copyright_holder != company.name:
        data["legalName"] = company.copyright_holder
    if company.cma_number:
        data["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "CMA",
            "name": translation.gettext("CMA certificate number"),
            "value": company.cma_number,
        }
    return data


def website(home, language_code, name, request=None):
    data = {
        "@type": "WebSite",
        "@id": home.get_full_url(request) + "#website",
        "url": home.get_full_url(request),
        "name": name,
        "inLanguage": hreflang(language_code),
        "publisher": {"@id": organization_id(request)},
    }
    try:
        with translation.override(language_code):
            search = absolute_url(reverse("search"), request)
    except NoReverseMatch:  # a site without the search view has no SearchAction
        return data
    data["potentialAction"] = {
        "@type": "SearchAction",
        "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
        "query-input": "required name=search_term_string",
    }
    return data


def breadcrumb_list(page, request=None, home_name=None):
    """The page's ancestors below the root and the page itself, as a BreadcrumbList."""
    trail = [*site_cache.live_ancestors(page), page]
    items = []
    for position, crumb in enumerate(trail, start=1):
        name = home_name if (position == 1 and home_name) else crumb.title
        items.append(
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": crumb.get_full_url(request),
            }
        )
    return {"@type": "BreadcrumbList", "itemListElement": items}


def published_at(page):
    """The article's publication as a datetime: its date, at the first publication's time
    when that happened the same day."""
    first = page.first_published_at
    date = getattr(page, "date", None)
    if date is None:
        return first
    if first and timezone.localdate(first) == date:
        return first
    return timezone.make_aware(datetime.combine(date, time(9, 0)))


def news_article(page, seo_settings=None, request=None):
    """A NewsArticle: headline, description, image, dates, language, section, keywords,
    author and publisher (the Organization)."""
    landscape, square = share_images(page, seo_settings, request)
    published = published_at(page)
    modified = page.last_published_at or published
    data = {
        "@type": "NewsArticle",
        "@id": page.get_full_url(request) + "#article",
        "mainEntityOfPage": page.get_full_url(request),
        "headline": (page.seo_title or page.title)[:110],
        "description": page_description(page),
        "inLanguage": hreflang(page.locale.language_code),
        "datePublished": iso(published) or None,
        "dateModified": iso(modified) or None,
        "author": {"@id": organization_id(request)},
        "publisher": {"@id": organization_id(request)},
    }
    images = [info["url"] for info in (landscape, square) if info]
    if images:
        data["image"] = images
    category = getattr(page, "category", None)
    if category is not None:
        data["articleSection"] = str(category)
    tags = getattr(page, "tags", None)
    if tags is not None:
        names = sorted(tag.name for tag in tags.all())
        if names:
            data["keywords"] = names
    source = getattr(page, "source", "")
    if source:
        data["sourceOrganization"] = {"@type": "Organization", "name": source}
    return {key: value for key, value in data.items() if value is not None}


def page_graph(
    page,
    company,
    home,
    language_code,
    *,
    article=False,
    seo_settings=None,
    request=None,
    home_name=None,
):
    """The JSON-LD @graph of one page."""
    graph = []
    if company is not None:
        graph.append(organization(company, home, request))
    if home is not None:
        name = getattr(company, "name", "") or home.title
        graph.append(website(home, language_code, name, request))
    if isinstance(page, Page) and page.depth > 2:
        graph.append(breadcrumb_list(page, request, home_name))
    if article and isinstance(page, Page):
        graph.append(news_article(page, seo_settings, request))
    return {"@context": SCHEMA, "@graph": graph}
