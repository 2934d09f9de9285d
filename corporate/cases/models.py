"""案例 / Case studies: an index at /cases/ filtered by industry and service, and one page per
case (the client's industry, the services used, the challenge, the approach, the result with
key figures, and pictures)."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from corporate.core.blocks import PARAGRAPH_FEATURES, ImageWithCaptionBlock, KeyFigureBlock
from corporate.core.localize_gaps.page_references import localized_pages, referencing
from corporate.core.models import BasePage, ServicePage

CASES_PER_PAGE = 12
LATEST_CASES_PER_SERVICE = 3


@register_snippet
class Industry(TranslatableMixin, models.Model):
    """A client industry that case studies are filed under (化工, 工业园区, 房地产 …)."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        allow_unicode=False,
        help_text=_(
            "Used in addresses such as /cases/?industry=chemicals; the same in every language."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["id"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class CaseIndexPage(BasePage):
    """案例: every case of this language, newest first, filtered by ?industry=<slug> and
    ?service=<slug>, 12 to a page (?page=N)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["cases.CasePage"]
    max_count_per_parent = 1
    chrome_role = "cases"  # the home page and the site chrome link here

    class Meta:
        verbose_name = _("case index page")
        verbose_name_plural = _("case index pages")

    def cases(self):
        return (
            CasePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-completed_on", "-first_published_at", "-id")
        )

    def industries(self):
        """The industries of this language that have at least one case here."""
        used = self.cases().values("industry__translation_key")
        return Industry.objects.filter(locale_id=self.locale_id, translation_key__in=used)

    def services(self):
        """The live services of this language that at least one case here used."""
        chosen = ServicePage.objects.filter(
            pk__in=CaseService.objects.filter(page__in=self.cases()).values("service_id")
        ).order_by("path")
        return localized_pages(
            list(chosen), self.locale_id, queryset=ServicePage.objects.live().public()
        )

    def filtered_cases(self, request):
        """(cases, chosen industry, chosen service); a filter that names nothing is a 404."""
        cases = self.cases()
        industry = service = None
        industry_slug = request.GET.get("industry", "")[:60]
        service_slug = request.GET.get("service", "")[:100]
        if industry_slug:
            industry = Industry.objects.filter(locale_id=self.locale_id, slug=industry_slug).first()
            if industry is None:
                raise Http404(_("There is no such industry."))
            cases = cases.filter(industry__translation_key=industry.translation_key)
        if service_slug:
            service = (
                ServicePage.objects.live()
                .public()
                .filter(locale_id=self.locale_id, slug=service_slug)
                .first()
            )
            if service is None:
                raise Http404(_("There is no such service."))
            cases = referencing(cases, "related_services__service", service, self.locale_id)
            cases = cases.distinct()
        return cases, industry, service

    def paginate(self, request, cases):
        paginator = Paginator(cases.select_related("industry", "hero_image"), CASES_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage as error:
            raise Http404(_("That page of the case list does not exist.")) from error

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cases, industry, service = self.filtered_cases(request)
        page_obj = self.paginate(request, cases)
        context.update(
            {
                "cases": page_obj,
                "industries": self.industries(),
                "services": self.services(),
                "active_industry": industry,
                "active_service": service,
                "is_filtered": bool(industry or service),
            }
        )
        return context


class CasePage(BasePage):
    """One case study."""

    client = models.CharField(
        _("client"),
        max_length=120,
        blank=True,
        help_text=_("The client's name, or a description if the client prefers, e.g. 某化工园区."),
    )
    industry = models.ForeignKey(
        Industry,
        verbose_name=_("client's industry"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_on = models.DateField(
        _("completed on"), help_text=_("When the work was finished; lists show the newest first.")
    )
    summary = models.TextField(_("summary"), max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    challenge = RichTextField(_("the challenge"), features=PARAGRAPH_FEATURES)
    approach = RichTextField(_("our approach"), features=PARAGRAPH_FEATURES)
    result = RichTextField(_("the result"), features=PARAGRAPH_FEATURES)
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        verbose_name=_("key figures of the result"),
        blank=True,
        max_num=6,
        help_text=_("Up to six figures, e.g. 120 samples, 7 working days."),
    )
    gallery = StreamField(
        [("image", ImageWithCaptionBlock())],
        verbose_name=_("pictures"),
        blank=True,
        max_num=12,
    )
    is_sample = models.BooleanField(
        _("sample case"),
        default=False,
        help_text=_("Marks demo content that must be replaced before launch."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("client"),
                FieldPanel("industry"),
                FieldPanel("completed_on"),
                FieldPanel("is_sample"),
            ],
            heading=_("About the case"),
        ),
        InlinePanel(
            "related_services", label=_("Services used"), heading=_("Services used"), min_num=1
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("challenge"),
        FieldPanel("approach"),
        FieldPanel("result"),
        FieldPanel("key_figures"),
        FieldPanel("gallery"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("client"),
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("result"),
    ]

    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case page")
        verbose_name_plural = _("case pages")

    def services(self):
        """The services used, in this page's language (live ones), in the editors' order."""
        chosen = [link.service for link in self.related_services.select_related("service")]
        return localized_pages(chosen, self.locale_id, queryset=ServicePage.objects.live().public())


class CaseService(Orderable):
    page = ParentalKey(CasePage, on_delete=models.CASCADE, related_name="related_services")
    service = models.ForeignKey(
        ServicePage,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("service")]

    class Meta(Orderable.Meta):
        verbose_name = _("service used")


def latest_cases_for(service, count=LATEST_CASES_PER_SERVICE):
    """The newest live cases of the service page's language that used it."""
    cases = CasePage.objects.live().public()
    return (
        referencing(cases, "related_services__service", service, service.locale_id)
        .distinct()
        .select_related("industry", "hero_image")
        .order_by("-completed_on", "-first_published_at", "-id")[:count]
    )
