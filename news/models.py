"""News: the index page, articles and their categories."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale, PageManager, PageQuerySet, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from corporate.models import BasePage

from .blocks import NewsBodyBlock


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


class NewsIndexPage(BasePage):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def articles(self):
        return NewsArticlePage.objects.child_of(self).listable(self.locale)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.articles()
        return context


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticleQuerySet(PageQuerySet):
    def listable(self, locale=None):
        """Live, public articles of one locale (default: active), newest first."""
        locale = locale or Locale.get_active()
        return (
            self.live()
            .public()
            .filter(locale=locale, date__lte=timezone.now().date())
            .order_by("-date", "-first_published_at", "-id")
        )


NewsArticleManager = PageManager.from_queryset(NewsArticleQuerySet)


class NewsArticlePage(BasePage):
    date = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Defaults to the day the article is first published."),
    )
    source = models.CharField(_("source"), max_length=120, blank=True)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True, verbose_name=_("tags"))
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

    def get_og_image(self):
        return self.og_image or self.hero_image

    def save(self, *args, **kwargs):
        if self.date is None and self.live:
            self.date = timezone.localdate()
        return super().save(*args, **kwargs)
