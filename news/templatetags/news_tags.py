"""Template helpers for news lists: filter addresses and the news index of a locale."""

from django import template

from corporate.core import site_cache
from news.models import NewsIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def news_category_url(context, news_index, category):
    if not isinstance(news_index, NewsIndexPage) or category is None:
        return ""
    return news_index.category_url(category, context.get("request"))


@register.simple_tag(takes_context=True)
def news_year_url(context, news_index, year):
    if not isinstance(news_index, NewsIndexPage):
        return ""
    return news_index.get_url(context.get("request")) + news_index.reverse_subpage(
        "year", kwargs={"year": year}
    )


@register.simple_tag
def news_index_for(page):
    """The live news index of the page's locale (for "all news" links), or None."""
    if page is None:
        return None
    return site_cache.section_page(NewsIndexPage, page.locale_id)


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The address of page ``number`` of the current list (page 1 has no query string)."""
    request = context["request"]
    return request.path if int(number) == 1 else f"{request.path}?page={number}"
