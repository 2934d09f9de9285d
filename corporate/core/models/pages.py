"""Company page types: standard pages, the accreditation and service sections, contact."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from corporate.core.blocks import BaseStreamBlock, StandardsListBlock
from corporate.core.localize_gaps.page_references import localized_pages, referencing

from .mixins import BasePage


class StandardPage(BasePage):
    """About Us, Service Process, Technical Capabilities, Privacy Policy: text built from blocks."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "corporate.StandardPage"]
    subpage_types = ["corporate.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class SectionIndexPage(BasePage):
    """A section's index: an introduction, then a card for each live child page
    (``child_model``), then more content. The accreditation and service indexes are this."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    child_model = None  # the page type listed as cards
    card_grid = ""  # CSS modifier of the card grid
    numbered_cards = False
    empty_message = ""

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # One template for every section index (Wagtail's default is one per page type).
        return "corporate/section_index_page.html"

    def children(self):
        return self.child_model.objects.child_of(self).live().public().specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.children()
        return context


class AccreditationIndexPage(SectionIndexPage):
    """资质领域: lists the accreditation areas."""

    subpage_types = ["corporate.AccreditationAreaPage"]
    card_grid = "areas"
    numbered_cards = True
    empty_message = _("No accreditation areas have been published yet.")

    class Meta:
        verbose_name = _("accreditation index page")
        verbose_name_plural = _("accreditation index pages")

    @property
    def child_model(self):
        return AccreditationAreaPage


class AccreditationAreaPage(BasePage):
    """One area the laboratory is accredited (CMA) to test, with its method standards."""

    summary = models.TextField(_("summary"), max_length=400)
    standards = StreamField(
        StandardsListBlock(),
        verbose_name=_("method standards"),
        blank=True,
        help_text=_("Standard codes are copied to translations unchanged; names are translated."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("standards"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("standards"),
        index.SearchField("body"),
    ]

    parent_page_types = ["corporate.AccreditationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("accreditation area page")
        verbose_name_plural = _("accreditation area pages")

    def services(self):
        """Live services of this locale that name this area."""
        services = ServicePage.objects.live().public()
        return (
            referencing(services, "related_areas__area", self, self.locale_id)
            .distinct()
            .order_by("path")
        )


class ServiceIndexPage(SectionIndexPage):
    """服务范围: lists the services."""

    subpage_types = ["corporate.ServicePage"]
    card_grid = "services"
    empty_message = _("No services have been published yet.")

    class Meta:
        verbose_name = _("service index page")
        verbose_name_plural = _("service index pages")

    @property
    def child_model(self):
        return ServicePage


class ServicePage(BasePage):
    """One testing service: what it covers, which accreditation areas back it, how to order."""

    summary = models.TextField(_("summary"), max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    call_to_action = models.CharField(
        _("call to action"),
        max_length=60,
        blank=True,
        help_text=_(
            "Label of the button that opens the inquiry form; defaults to “Request a quote”."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel(
            "related_areas", label=_("Accreditation areas"), heading=_("Accreditation areas")
        ),
        FieldPanel("call_to_action"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["corporate.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service page")
        verbose_name_plural = _("service pages")

    def areas(self):
        """The related accreditation areas in this page's locale, live only, in editor order."""
        chosen = [link.area for link in self.related_areas.select_related("area")]
        areas = AccreditationAreaPage.objects.live().public()
        return localized_pages(chosen, self.locale_id, queryset=areas)


class ServiceAccreditationArea(Orderable):
    page = ParentalKey(ServicePage, on_delete=models.CASCADE, related_name="related_areas")
    area = models.ForeignKey(
        AccreditationAreaPage,
        verbose_name=_("accreditation area"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("area")]

    class Meta(Orderable.Meta):
        verbose_name = _("accreditation area")
