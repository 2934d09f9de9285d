"""RSS 2.0 feed of a news index: the latest articles of the index's own language."""

from datetime import datetime, time

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from corporate.core.models import CompanyProfile

FEED_ITEMS = 20


def rss_language(language_code):
    """RSS uses the old-style codes: zh-cn for Simplified Chinese."""
    return "zh-cn" if language_code.startswith("zh") else language_code


def publication_datetime(article):
    """The article's date; the time of first publication when that happened the same day."""
    first = article.first_published_at
    if first and timezone.localdate(first) == article.date:
        return first
    return timezone.make_aware(datetime.combine(article.date, time(9, 0)))


def news_feed_response(news_index, request):
    language = news_index.locale.language_code
    with translation.override(language):
        company = CompanyProfile.for_locale(news_index.locale)
        site_name = getattr(company, "name", "") or _("Shandong Guoping Testing Service")
        feed = Rss201rev2Feed(
            title=f"{news_index.title} | {site_name}",
            link=news_index.get_full_url(request),
            description=news_index.intro or _("News from %(site)s") % {"site": site_name},
            language=rss_language(language),
            feed_url=news_index.get_full_url(request) + news_index.reverse_subpage("feed"),
        )
        articles = news_index.articles().select_related("category")[:FEED_ITEMS]
        for article in articles:
            url = article.get_full_url(request)
            feed.add_item(
                title=article.title,
                link=url,
                description=article.summary,
                pubdate=publication_datetime(article),
                unique_id=url,
                unique_id_is_permalink=True,
                categories=[article.category.name] if article.category else (),
            )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
