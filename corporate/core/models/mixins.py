"""Fields and behaviour shared by every page type. Abstract mixins, not Wagtail's swappable
base page, because wagtail-localize does not support the latter."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from corporate.core import site_cache
from corporate.core.seo.adlaw_form import AdLawConfirmPanel, AdLawPageForm
from corporate.core.seo.push_panel import SearchEnginePushPanel


class SeoMixin(models.Model):
    """Open Graph image and a flag to keep a page out of search engines."""

    og_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("social sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; defaults to the page's main image."),
    )
    noindex = models.BooleanField(
        _("hide from search engines"),
        default=False,
    )

    seo_panels = [
        MultiFieldPanel(
            [
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("og_image"),
                FieldPanel("noindex"),
            ],
            heading=_("Search engines and sharing"),
        )
    ]

    class Meta:
        abstract = True


class BasePage(SeoMixin, Page):
    """The abstract base of every page type in the project."""

    # Wagtail indexes title; every subclass adds its own fields to search_fields.
    search_fields = Page.search_fields

    # The Advertising Law check on save and publish (corporate/core/seo/adlaw_form.py); its
    # confirmation box shows under the title only while the page has hits.
    base_form_class = AdLawPageForm
    content_panels = Page.content_panels + [AdLawConfirmPanel()]

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("show_in_menus")],
            heading=_("For the site's structure"),
        ),
        *SeoMixin.seo_panels,
        SearchEnginePushPanel(heading=_("Search engine submissions")),
    ]

    # Flags that change with the page's place, never with its language.
    override_translatable_fields = []

    # The part a page type plays in the site chrome (header, footer, calls to action), so the
    # chrome finds it without naming the app that defines it; e.g. "contact".
    chrome_role = None

    class Meta:
        abstract = True

    def serve_preview(self, request, mode_name):
        # A preview shows the draft: nothing it reads comes from the site cache.
        site_cache.start_preview()
        return super().serve_preview(request, mode_name)

    def get_sitemap_urls(self, request=None):
        """The sitemap's entries for this page (corporate/core/seo/sitemaps.py): none when
        editors hid it; a page type whose own address redirects lists where it leads."""
        if self.noindex:
            return []
        return super().get_sitemap_urls(request)


__all__ = ["BasePage", "SeoMixin", "index"]
