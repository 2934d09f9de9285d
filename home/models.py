"""HomePage: the root of each locale's page tree."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from corporate.core.blocks import BaseStreamBlock
from corporate.core.localize_gaps.page_references import localized_pages
from corporate.core.models import AccreditationAreaPage, BasePage, ServicePage
from news.models import NewsArticlePage


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
            ],
            heading=_("Hero"),
        ),
        InlinePanel("featured_services", label=_("Featured services"), max_num=6),
        FieldPanel("body"),
        FieldPanel("contact_strip_text"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("hero_headline"),
        index.SearchField("hero_intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "corporate.StandardPage",
        "corporate.AccreditationIndexPage",
        "corporate.ServiceIndexPage",
        "news.NewsIndexPage",
        "inquiries.ContactPage",
        "reports.ReportVerificationPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def featured(self):
        """Featured services that are live in this locale, in the editors' order."""
        chosen = [link.service for link in self.featured_services.select_related("service")]
        services = ServicePage.objects.live().public()
        return localized_pages(chosen, self.locale_id, queryset=services)

    def accreditation_areas(self):
        return (
            AccreditationAreaPage.objects.descendant_of(self)
            .live()
            .public()
            .filter(locale=self.locale)
            .order_by("path")
        )

    def latest_news(self, count=4):
        """The newest listable articles of this home page's own locale."""
        return NewsArticlePage.objects.listable(self.locale).select_related("category")[:count]


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
