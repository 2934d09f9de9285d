"""The certificates page (资质证书) and the capability catalogue page (检测能力目录), both
children of the Technical Capabilities page, in every language."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from corporate.capabilities import catalogue
from corporate.core.blocks import BaseStreamBlock
from corporate.core.models import AccreditationAreaPage, BasePage


class CertificatesPage(BasePage):
    intro = models.TextField(gettext_lazy("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name=gettext_lazy("body"), blank=True)
    also_on = StreamField(
        [
            (
                "page",
                blocks.PageChooserBlock(
                    page_type="corporate.StandardPage", label=gettext_lazy("Page")
                ),
            )
        ],
        verbose_name=gettext_lazy("also list the certificates on"),
        blank=True,
        help_text=gettext_lazy(
            "The certificates are listed on this page's parent page and on the pages chosen here (e.g. About us)."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("also_on"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        # The certificates of the page's language, so that the site search finds them here.
        index.SearchField("certificates_text"),
    ]
    parent_page_types = ["corporate.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "capabilities/certificates_page.html"

    class Meta:
        verbose_name = gettext_lazy("certificates page")
        verbose_name_plural = gettext_lazy("certificates pages")

    def certificates(self):
        from corporate.capabilities.models import Certificate

        return Certificate.objects.filter(locale_id=self.locale_id).select_related("scan", "annex")

    def certificates_text(self):
        return "\n".join(c.search_text() for c in self.certificates())

    def shows_on(self, page):
        """Whether the certificate list appears on ``page`` (the parent or a chosen page)."""
        if page.path == self.path[: -self.steplen]:
            return True
        return any(
            block.value is not None and block.value.translation_key == page.translation_key
            for block in self.also_on
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["certificates"] = list(self.certificates())
        context["today"] = timezone.localdate()
        return context


class CataloguePage(BasePage):
    intro = models.TextField(gettext_lazy("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name=gettext_lazy("body"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["corporate.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "capabilities/catalogue_page.html"

    class Meta:
        verbose_name = gettext_lazy("capability catalogue page")
        verbose_name_plural = gettext_lazy("capability catalogue pages")

    def areas(self):
        return (
            AccreditationAreaPage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .order_by("path")
        )

    def serve(self, request, *args, **kwargs):
        context = self.get_context(request, *args, **kwargs)
        notices = []
        status = 200
        query, truncated = catalogue.clean_query(request.GET.get("q", ""))
        if truncated:
            notices.append(
                _("Your search was longer than %(max)d characters; the first %(max)d were used.")
                % {"max": catalogue.MAX_QUERY_LENGTH}
            )
        areas = list(self.areas())
        area = None
        area_slug = request.GET.get("area", "")[:100]
        if area_slug:
            area = next((a for a in areas if a.slug == area_slug), None)
            if area is None:
                status = 400
                notices.append(
                    _("There is no accreditation area “%(area)s”; showing every area.")
                    % {"area": area_slug}
                )
        accredited = {"yes": True, "no": False}.get(request.GET.get("accredited", ""))
        if request.GET.get("accredited", "") not in ("", "yes", "no"):
            status = 400
            notices.append(_("Choose accredited or not accredited; showing both."))
        raw_page = request.GET.get("page", "1")
        try:
            number = int(raw_page)
        except ValueError:
            number = 0
        if number < 1:
            status = 400
            notices.append(
                _("“%(page)s” is not a page number; here is the first page.")
                % {"page": raw_page[:20]}
            )
            number = 1
        results = catalogue.search(self.locale, query, area, accredited)
        page = catalogue.fetch(results, number)
        if number > page.num_pages:
            status = 404
            notices.append(_("There is no page %(page)d; here is the first.") % {"page": number})
            page = catalogue.fetch(results, 1)
        context.update(
            query=query,
            areas=areas,
            area=area,
            accredited=request.GET.get("accredited", "") if accredited is not None else "",
            result_page=page,
            notices=notices,
            filtered=bool(query or area or accredited is not None),
        )
        return TemplateResponse(request, self.get_template(request), context, status=status)
