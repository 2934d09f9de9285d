"""HomePage: the root of each locale's page tree."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from corporate.cases.models import CasePage
from corporate.core import site_cache
from corporate.core.blocks import BaseStreamBlock, SlidesBlock
from corporate.core.localize_gaps.page_references import localized, localized_pages
from corporate.core.models import AccreditationAreaPage, BasePage, ServicePage
from news.models import NewsArticlePage, news_clock

MAX_SLIDES = 5


@dataclass(frozen=True)
class HeroSlide:
    """The first slide, made of the home page's own hero fields; the same attributes as a
    SlideBlock value (corporate.core.blocks.SlideValue), so one template shows both."""

    image: object
    headline: str
    text: str
    link_label: str
    link_page: object
    url: str


class HomePage(BasePage):
    hero_headline = models.CharField(_("headline"), max_length=120)
    hero_intro = models.TextField(_("introduction"), max_length=400, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("button label"), max_length=40, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("button links to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_url = models.URLField(
        _("or to an address"),
        blank=True,
        help_text=_("An address outside the site, when the button links to no page."),
    )
    more_slides = StreamField(
        SlidesBlock(),
        verbose_name=_("more slides"),
        blank=True,
        max_num=MAX_SLIDES - 1,
        help_text=_(
            "Up to four more slides after the first; with more than one slide the hero becomes "
            "a slide show that visitors can pause."
        ),
    )
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=_("more content"),
        blank=True,
        help_text=_("Shown between the services and the accreditation areas, e.g. key figures."),
    )
    contact_strip_text = models.CharField(_("contact strip text"), max_length=200, blank=True)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_headline"),
                FieldPanel("hero_intro"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
                FieldPanel("hero_cta_url"),
            ],
            heading=_("First slide"),
        ),
        FieldPanel("more_slides"),
        InlinePanel("featured_services", label=_("Featured services"), max_num=6),
        FieldPanel("body"),
        FieldPanel("contact_strip_text"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_headline"),
        index.SearchField("hero_intro"),
        index.SearchField("more_slides"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "corporate.StandardPage",
        "corporate.AccreditationIndexPage",
        "corporate.ServiceIndexPage",
        "news.NewsIndexPage",
        "inquiries.ContactPage",
        "reports.ReportVerificationPage",
        "cases.CaseIndexPage",
        "downloads.DownloadIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def clean(self):
        super().clean()
        if self.hero_cta_page_id and self.hero_cta_url:
            message = _("Choose a page or enter an address, not both.")
            raise ValidationError({"hero_cta_page": message, "hero_cta_url": message})
        if self.hero_cta_label and not (self.hero_cta_page_id or self.hero_cta_url):
            raise ValidationError(
                {"hero_cta_page": _("A button needs a page or an address to link to.")}
            )

    def slides(self):
        """The hero's slides: the first from the page's hero fields, then the more slides."""
        first = HeroSlide(
            image=self.hero_image,
            headline=self.hero_headline,
            text=self.hero_intro,
            link_label=self.hero_cta_label,
            link_page=localized(self.hero_cta_page) if self.hero_cta_page_id else None,
            url=self.hero_cta_url,
        )
        return [first, *(block.value for block in self.more_slides)][:MAX_SLIDES]

    # The home page's lists are cached until the next change (corporate/core/site_cache.py);
    # the latest news also by the news clock (future-dated articles appear, expired ones go).

    def featured(self):
        """Featured services that are live in this locale, in the editors' order."""
        return site_cache.cached("home-featured", self._featured, self.pk)

    def _featured(self):
        chosen = [link.service for link in self.featured_services.select_related("service")]
        services = ServicePage.objects.live().public().select_related("hero_image")
        return localized_pages(chosen, self.locale_id, queryset=services)

    def accreditation_areas(self):
        return site_cache.cached(
            "home-areas",
            lambda: list(
                AccreditationAreaPage.objects.descendant_of(self)
                .live()
                .public()
                .filter(locale_id=self.locale_id)
                .order_by("path")
            ),
            self.pk,
        )

    def latest_cases(self, count=3):
        """The newest live case studies of this home page's locale."""
        return site_cache.cached(
            "home-cases",
            lambda: list(
                CasePage.objects.live()
                .public()
                .filter(locale_id=self.locale_id)
                .select_related("industry", "hero_image")
                .order_by("-completed_on", "-first_published_at", "-id")[:count]
            ),
            self.pk,
            count,
        )

    def latest_news(self, count=4):
        """The newest listable articles of this home page's own locale."""
        return site_cache.cached(
            "home-news",
            lambda: list(
                NewsArticlePage.objects.listable(self.locale_id).select_related("category")[:count]
            ),
            self.pk,
            count,
            news_clock(),
        )


class HomeFeaturedService(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_services")
    service = models.ForeignKey(
        "corporate.ServicePage",
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("service")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured service")
