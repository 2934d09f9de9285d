"""Company page types: standard pages, the accreditation and service sections, contact."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from corporate.blocks import BaseStreamBlock, StandardsListBlock

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


class AccreditationIndexPage(BasePage):
    """资质领域: lists the accreditation areas."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["corporate.AccreditationAreaPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accreditation index page")
        verbose_name_plural = _("accreditation index pages")

    def areas(self):
        return AccreditationAreaPage.objects.child_of(self).live().public().specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["areas"] = self.areas()
        return context


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
        return (
            ServicePage.objects.live()
            .public()
            .filter(
                locale_id=self.locale_id, related_areas__area__translation_key=self.translation_key
            )
            .distinct()
            .order_by("path")
        )


class ServiceIndexPage(BasePage):
    """服务范围: lists the services."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["corporate.ServicePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service index page")
        verbose_name_plural = _("service index pages")

    def services(self):
        return ServicePage.objects.child_of(self).live().public().specific()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = self.services()
        return context


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

    def get_og_image(self):
        return self.og_image or self.hero_image

    def areas(self):
        """The related accreditation areas in this page's locale, live only, in editor order.

        wagtail-localize copies page references unchanged, so an English service still points
        at the Chinese areas: follow each one to its counterpart by translation key."""
        keys = [link.area.translation_key for link in self.related_areas.select_related("area")]
        pages = (
            AccreditationAreaPage.objects.live()
            .public()
            .filter(translation_key__in=keys, locale_id=self.locale_id)
        )
        by_key = {page.translation_key: page for page in pages}
        return [by_key[key] for key in keys if key in by_key]


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
