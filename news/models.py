"""News: the index page, articles and their categories."""

import datetime

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from corporate.core import site_cache
from corporate.core.blocks import heading_anchor
from corporate.core.localize_gaps.tags import TranslatableTagsManager
from corporate.core.models import BasePage

from .blocks import NewsBodyBlock
from .feeds import news_feed_response
from .pagination import ORDER, at_or_after, keyed_paginator
from .sharing import share_links

ARTICLES_PER_PAGE = 10


def news_clock():
    """Part of the cache key of every news list: it changes at local midnight (future-dated
    articles appear) and when a live article's expiry passes (it leaves the lists before the
    scheduler unpublishes it). The next such moment is itself cached until the next change."""
    return site_cache.memo("news-clock", _news_clock)


def _news_clock():
    now = timezone.now()
    key = site_cache.key("news-clock", per_language=False)
    boundary = cache.get(key)
    if boundary is None or now >= boundary:
        boundary = _next_news_change(now)
        cache.set(key, boundary, site_cache.TIMEOUT)
    return boundary.isoformat()


def _next_news_change(now):
    today = timezone.localdate(now)
    midnight = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    )
    expiring = (
        NewsArticlePage.objects.live()
        .filter(expire_at__gt=now, expire_at__lt=midnight)
        .order_by("expire_at")
        .values_list("expire_at", flat=True)
        .first()
    )
    return expiring or midnight


RELATED_ARTICLES = 3


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        allow_unicode=False,
        help_text=_(
            "Used in addresses such as /news/category/company/; the same in every language."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["id"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class NewsIndexPage(RoutablePageMixin, BasePage):
    """新闻动态: the list of articles, filtered by category, year or tag, and the RSS feed.

    Addresses (the same under /en/): news/, news/category/<slug>/, news/year/<yyyy>/,
    news/tag/<tag>/ and news/feed/; lists take ?page=N."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1
    # Tag names are translated, so a tag's address differs per language: the language switcher
    # and hreflang lead from a tag list to the counterpart news page itself.
    language_specific_routes = {"tag"}

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def articles(self):
        return NewsArticlePage.objects.child_of(self).listable(self.locale)

    def categories(self):
        return NewsCategory.objects.filter(locale_id=self.locale_id)

    def years(self):
        """The years that have articles, newest first (cached until the next change or day)."""
        return site_cache.cached(
            "news-years",
            lambda: [day.year for day in self.articles().dates("date", "year", order="DESC")],
            self.pk,
            news_clock(),
            per_language=False,
        )

    # -- routes ---------------------------------------------------------------------------

    @path("")
    def all_articles(self, request):
        return self.render_list(request, self.articles())

    @path("category/<slug:slug>/", name="category")
    def category_articles(self, request, slug):
        category = self.categories().filter(slug=slug).first()
        if category is None:
            raise Http404(_("There is no such news category."))
        articles = self.articles().filter(category__slug=slug)
        return self.render_list(request, articles, category=category, heading=category.name)

    @path("year/<int:year>/", name="year")
    def year_articles(self, request, year):
        # The route takes any digits; a date has a year from 1 to 9999 (0 or 99999999999999
        # would raise ValueError or OverflowError in the date lookup, a 500).
        if not 1 <= year <= 9999:
            raise Http404(_("No news was published in that year."))
        articles = self.articles().filter(date__year=year)
        if not articles.exists():
            raise Http404(_("No news was published in that year."))
        return self.render_list(request, articles, year=year, heading=str(year))

    @path("tag/<str:tag>/", name="tag")
    def tag_articles(self, request, tag):
        articles = self.articles().filter(tags__slug=tag).distinct()
        tag_object = Tag.objects.filter(slug=tag).first()
        if tag_object is None or not articles.exists():
            raise Http404(_("No news carries that tag."))
        return self.render_list(request, articles, tag=tag_object, heading=tag_object.name)

    @path("feed/", name="feed")
    def feed(self, request):
        return news_feed_response(self, request)

    # -- helpers --------------------------------------------------------------------------

    def get_cached_paths(self):
        """What a front-end cache (Varnish) drops when this page or an article changes: the
        lists (?page=N), category, year and tag lists, the feed and, since each article shows
        its neighbours and related articles, the articles too: everything under the index
        (``*``: a prefix, see corporate/operations/frontend_cache.py)."""
        return ["/*"]

    def feed_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feed")

    def category_url(self, category, request=None):
        return self.get_url(request) + self.reverse_subpage(
            "category", kwargs={"slug": category.slug}
        )

    def paginate(self, request, articles):
        """One page of articles. ?page=abc shows the first page; a number out of range is a 404.
        Paged by key, with the count cached (news/pagination.py)."""
        paginator = keyed_paginator(
            articles, ARTICLES_PER_PAGE, self.pk, request.path, news_clock()
        )
        try:
            return paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage as error:
            raise Http404(_("That page of the news list does not exist.")) from error

    def render_list(self, request, articles, **filters):
        page_obj = self.paginate(
            request,
            articles.select_related("category", "hero_image"),
        )
        context = {
            "articles": page_obj,
            "paginator": page_obj.paginator,
            "active_category": filters.get("category"),
            "active_year": filters.get("year"),
            "active_tag": filters.get("tag"),
            "filter_heading": filters.get("heading"),
            "is_filtered": bool(filters),
        }
        return self.render(request, context_overrides=context)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = site_cache.cached(
            "news-categories", lambda: list(self.categories()), self.pk, per_language=False
        )
        context["years"] = self.years()
        context["feed_url"] = self.feed_url(request)
        return context


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticleQuerySet(PageQuerySet):
    def listable(self, locale=None):
        """Live, public articles of one locale (default: active), newest first.

        The one rule for every list, feed, related list and the home page: drafts, scheduled
        (not yet live), expired and future-dated articles are left out."""
        locale = locale or Locale.get_active()
        now = timezone.now()
        return (
            self.live()
            .public()
            .filter(locale=locale, date__lte=timezone.localdate(now))
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
            .order_by("-date", "-first_published_at", "-id")
        )

    def unlisted(self, locale=None):
        """Articles of one locale that ``listable`` leaves out by their own date: future-dated
        or undated. Search excludes these; it checks live, public and expiry on every page.

        A filter on the article table alone, not "not in listable": at 10,000 articles that
        anti-join scanned the whole archive twice on every search (about 25 ms)."""
        locale = locale or Locale.get_active()
        today = timezone.localdate()
        return self.filter(locale=locale).filter(Q(date__isnull=True) | Q(date__gt=today))


NewsArticleManager = PageManager.from_queryset(NewsArticleQuerySet)


class NewsArticlePage(BasePage):
    date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        db_index=True,  # lists sort by it; search leaves out future dates
        help_text=_("Defaults to the day the article is first published."),
    )
    source = models.CharField(
        _("source"),
        max_length=120,
        blank=True,
        help_text=_(
            "Who published the article first, e.g. the provincial Department of Ecology and Environment."
        ),
    )
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = TranslatableTagsManager(through=NewsArticleTag, blank=True, verbose_name=_("tags"))
    summary = models.TextField(_("summary"), max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(NewsBodyBlock(), verbose_name=_("body"))
    is_sample = models.BooleanField(_("sample article"), default=False)

    objects = NewsArticleManager()

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("source"),
                FieldPanel("category"),
                FieldPanel("tags"),
                FieldPanel("is_sample"),
            ],
            heading=_("About this article"),
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("source"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def save(self, *args, **kwargs):
        if self.date is None and self.live:
            # First publication (also when a scheduled revision goes live): that day.
            self.date = timezone.localdate(self.first_published_at or timezone.now())
        return super().save(*args, **kwargs)

    # -- what the article page shows ----------------------------------------------------

    def table_of_contents(self):
        """[(anchor, heading)] of the section (H2) headings, in order."""
        return [
            (heading_anchor(block.id), block.value["heading"])
            for block in self.body
            if block.block_type == "heading" and block.value.get("level", "h2") == "h2"
        ]

    def siblings(self):
        return NewsArticlePage.objects.child_of(self.news_index()).listable(self.locale_id)

    def news_index(self):
        """The page this article is listed on (its parent), as its own type; cached."""
        return site_cache.cached(
            "news-parent", lambda: self.get_parent().specific, self.pk, per_language=False
        )

    def neighbours(self):
        """(newer, older) listable articles next to this one in the news list (cached until the
        next change or day). Found by key: two index lookups however long the archive is."""
        return site_cache.cached(
            "news-neighbours", self._neighbours, self.pk, news_clock(), per_language=False
        )

    def _neighbours(self):
        siblings = self.siblings()
        if self.first_published_at is None or siblings.filter(first_published_at=None).exists():
            return self._neighbours_by_position(siblings)  # keys SQL cannot compare
        if not siblings.filter(pk=self.pk).exists():
            return None, None
        key = (self.date, self.first_published_at, self.pk)
        older = siblings.filter(at_or_after(key)).exclude(pk=self.pk).order_by(*ORDER).first()
        newer = (
            siblings.exclude(at_or_after(key))
            .order_by(*(field.lstrip("-") for field in ORDER))
            .first()
        )
        return newer, older

    def _neighbours_by_position(self, siblings):
        ids = list(siblings.values_list("pk", flat=True))
        if self.pk not in ids:
            return None, None
        position = ids.index(self.pk)
        newer_id = ids[position - 1] if position > 0 else None
        older_id = ids[position + 1] if position + 1 < len(ids) else None
        found = NewsArticlePage.objects.in_bulk([i for i in (newer_id, older_id) if i])
        return found.get(newer_id), found.get(older_id)

    def related_articles(self, count=RELATED_ARTICLES):
        if self.category_id is None:
            return []
        return site_cache.cached(
            "news-related",
            lambda: list(
                NewsArticlePage.objects.listable(self.locale_id)
                .filter(category_id=self.category_id)
                .exclude(pk=self.pk)
                .select_related("hero_image")[:count]
            ),
            self.pk,
            count,
            news_clock(),
            per_language=False,
        )

    def tag_links(self, request=None):
        """[(name, url)] for the article's tags, linking to the tag's list."""
        parent = self.news_index()
        base = parent.get_url(request) if isinstance(parent, NewsIndexPage) else None
        links = []
        for tag in sorted(self.tags.all(), key=lambda tag: tag.name):
            url = base + parent.reverse_subpage("tag", kwargs={"tag": tag.slug}) if base else None
            links.append((tag.name, url))
        return links

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index = self.news_index()
        newer, older = self.neighbours()
        context.update(
            {
                "news_index": news_index,
                "toc": self.table_of_contents(),
                "newer_article": newer,
                "older_article": older,
                "related_articles": self.related_articles(),
                "tag_links": self.tag_links(request),
                "share": share_links(self, request),
            }
        )
        if isinstance(news_index, NewsIndexPage):
            context["feed_url"] = news_index.feed_url(request)
            if self.category_id:
                context["category_url"] = news_index.category_url(self.category, request)
        return context
