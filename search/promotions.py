"""Promoted results (wagtail.contrib.search_promotions), per language.

A promotion of a page is shown only on that page's language site; one with an external link
only where its text is not Chinese or the site is the Chinese one."""

from django.conf import settings
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from search.analysis import TOKEN_RE


def _has_chinese(text):
    return any(m.group("cjk") for m in TOKEN_RE.finditer(text or ""))


def promotions_for(query_text, locale):
    promotions = (
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query_text))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    shown = []
    for promotion in promotions:
        page = promotion.page
        if page is not None:
            if page.locale_id != locale.pk or not page.live or page.get_view_restrictions():
                continue
            page = page.specific
            shown.append(
                {
                    "page": page,
                    "title": page.title,
                    "url": page.url,
                    "description": promotion.description,
                }
            )
        elif promotion.external_link_url:
            text = f"{promotion.external_link_text or ''} {promotion.description}"
            if _has_chinese(text) and locale.language_code != settings.LANGUAGE_CODE:
                continue
            shown.append(
                {
                    "page": None,
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                }
            )
    return shown
