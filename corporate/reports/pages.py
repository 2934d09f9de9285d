"""报告查询 / Report verification: /reports/verify/ (form), /reports/verify/<token>/ (the QR
code's address) and /reports/verify/<token>/pdf/ (the report's PDF, when published)."""

from django.db import models
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from corporate.core.blocks import BaseStreamBlock
from corporate.core.localize_gaps.page_references import localized_pages
from corporate.core.models import AccreditationAreaPage, BasePage
from corporate.reports import lookup, ratelimit
from corporate.reports.forms import LookupForm
from corporate.reports.models import ReportLookup


class ReportVerificationPage(RoutablePageMixin, BasePage):
    intro = models.TextField(gettext_lazy("introduction"), blank=True, max_length=600)
    body = StreamField(
        BaseStreamBlock(),
        verbose_name=gettext_lazy("help text"),
        blank=True,
        help_text=gettext_lazy("Shown below the form: where to find the number and the code."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "reports/report_verification_page.html"

    class Meta:
        verbose_name = gettext_lazy("report verification page")
        verbose_name_plural = gettext_lazy("report verification pages")

    # -- routes ------------------------------------------------------------------------------

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The page's own address shows the form too (it posts to verify/), so that every
        link to the page, the menu's and the sitemap's, answers 200 without a redirect."""
        return self.render_lookup(request, LookupForm())

    @path("verify/", name="verify")
    def verify(self, request):
        if request.method != "POST":
            return self.render_lookup(request, LookupForm())
        form = LookupForm(request.POST)
        allowed, retry_after = ratelimit.hit(request)
        if not allowed:
            lookup.log(
                lookup.Answer(ReportLookup.RATE_LIMITED),
                ReportLookup.CODE,
                ratelimit.address_hash(request),
                request.LANGUAGE_CODE,
                number=request.POST.get("number", "")[:40],
            )
            return self.render_rate_limited(request, form, retry_after)
        if not form.is_valid():
            return self.render_lookup(request, form, status=400)
        answer = lookup.by_code(form.cleaned_data["number"], form.cleaned_data["code"])
        lookup.log(
            answer, ReportLookup.CODE, ratelimit.address_hash(request), request.LANGUAGE_CODE
        )
        # The code is never echoed; the number is, so that a typo can be seen.
        form = LookupForm(initial={"number": answer.number})
        return self.render_lookup(request, form, answer=answer, status=200 if answer.found else 404)

    @path("verify/<str:token>/", name="verify_token")
    def verify_token(self, request, token):
        allowed, retry_after = ratelimit.hit(request)
        if not allowed:
            lookup.log(
                lookup.Answer(ReportLookup.RATE_LIMITED),
                ReportLookup.QR,
                ratelimit.address_hash(request),
                request.LANGUAGE_CODE,
            )
            return self.render_rate_limited(request, LookupForm(), retry_after)
        answer = lookup.by_token(token)
        lookup.log(answer, ReportLookup.QR, ratelimit.address_hash(request), request.LANGUAGE_CODE)
        return self.render_lookup(
            request, LookupForm(), answer=answer, token=token, status=200 if answer.found else 404
        )

    @path("verify/<str:token>/pdf/", name="pdf")
    def pdf(self, request, token):
        answer = lookup.by_token(token)
        if not answer.found or not answer.report.pdf_available:
            raise Http404
        report = answer.report
        response = FileResponse(
            report.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"{report.number}.pdf",
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response

    # -- rendering ---------------------------------------------------------------------------

    def answer_context(self, request, answer, token=None):
        if answer is None:
            return {}
        context = {"answer": answer, "not_found": not answer.found}
        if answer.found:
            report = answer.report
            areas = localized_pages(
                list(report.areas.all()),
                self.locale_id,
                queryset=AccreditationAreaPage.objects.live().public(),
            )
            token = token or report.token
            context.update(
                report=report,
                areas=areas,
                qr_url=self.url + self.reverse_subpage("verify_token", args=[token]),
                pdf_url=(
                    self.url + self.reverse_subpage("pdf", args=[token])
                    if report.pdf_available
                    else ""
                ),
            )
        return context

    def render_lookup(self, request, form, answer=None, token=None, status=200):
        context = self.get_context(request)
        context.update(form=form, verify_url=self.url + self.reverse_subpage("verify"))
        context.update(self.answer_context(request, answer, token))
        response = TemplateResponse(request, self.template, context, status=status)
        if answer is not None or request.method == "POST":
            response["X-Robots-Tag"] = "noindex, nofollow"
            add_never_cache_headers(response)
        return response

    def render_rate_limited(self, request, form, retry_after):
        context = self.get_context(request)
        minutes = max(1, (retry_after + 59) // 60)
        context.update(
            form=form,
            verify_url=self.url + self.reverse_subpage("verify"),
            rate_limited=ngettext(
                "Too many lookups from your address. Please try again in %(minutes)d minute.",
                "Too many lookups from your address. Please try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )
        response = TemplateResponse(request, self.template, context, status=429)
        response["Retry-After"] = str(retry_after)
        add_never_cache_headers(response)
        return response
