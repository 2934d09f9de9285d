"""Admin of test reports (menu “Test reports” / 报告管理), for the Reports group: the reports,
the LIMS import (corporate.imports), the QR code of each report and the lookup log."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from corporate.reports import qr
from corporate.reports.admin_forms import TestReportForm
from corporate.reports.models import ReportLookup, TestReport

MENU_HOOK = "register_test_reports_menu_item"
LOG_DAYS = 30


class QRCodeColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}">PNG</a> · <a href="{}">SVG</a>',
            reverse("reports_admin:qr", args=[instance.pk, "png"]),
            reverse("reports_admin:qr", args=[instance.pk, "svg"]),
        )


class QRCodePanel(HelpPanel):
    """On a report's edit page: its QR code and the address it holds."""

    class BoundPanel(HelpPanel.BoundPanel):
        def render_html(self, parent_context=None):
            report = self.instance
            if report is None or not report.pk:
                return format_html(
                    "<p>{}</p>", _("The QR code is available once the report is saved.")
                )
            url = qr.verification_url(report, self.request)
            if url is None:
                return format_html(
                    "<p>{}</p>", _("Publish a report verification page to get QR codes.")
                )
            png = reverse("reports_admin:qr", args=[report.pk, "png"])
            svg = reverse("reports_admin:qr", args=[report.pk, "svg"])
            return format_html(
                '<p><img src="{}" width="160" height="160" alt="{}"></p><p><code>{}</code></p>'
                '<p><a class="button button-small button-secondary" href="{}" download>{}</a> '
                '<a class="button button-small button-secondary" href="{}" download>{}</a></p>',
                png,
                _("QR code of this report"),
                url,
                png,
                _("Download PNG"),
                svg,
                _("Download SVG"),
            )


class TestReportViewSet(ModelViewSet):
    model = TestReport
    icon = "doc-full"
    menu_label = gettext_lazy("Reports")
    menu_order = 100
    menu_hook = MENU_HOOK
    name = "test_reports"
    list_per_page = 50
    search_fields = ["number", "client_name"]
    search_backend_name = None  # the database's own search: reports are never indexed
    list_filter = ["status", "language", "issue_date", "is_sample"]
    list_display = [
        "number",
        "client_name",
        "issue_date",
        "status",
        "language",
        QRCodeColumn("qr", label=gettext_lazy("QR code")),
    ]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("number"),
            FieldPanel("verification_code"),
            FieldPanel("client_name"),
            FieldPanel("description"),
            FieldPanel("areas"),
            FieldPanel("issue_date"),
            FieldPanel("language"),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldPanel("replaced_by_number"),
                    FieldPanel("revoked_reason"),
                    FieldPanel("revoked_on"),
                ],
                heading=gettext_lazy("Status"),
            ),
            MultiFieldPanel(
                [FieldPanel("pdf"), FieldPanel("publish_pdf")], heading=gettext_lazy("PDF")
            ),
            FieldPanel("is_sample"),
            QRCodePanel(heading=gettext_lazy("QR code")),
        ],
        base_form_class=TestReportForm,
    )


def qr_image(request, pk, fmt):
    if not (
        request.user.has_perm("reports.view_testreport")
        or request.user.has_perm("reports.change_testreport")
    ):
        raise PermissionDenied
    report = get_object_or_404(TestReport, pk=pk)
    url = qr.verification_url(report, request)
    if url is None:
        raise Http404("No live report verification page.")
    if fmt == "svg":
        response = HttpResponse(qr.svg(url), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr.png(url), content_type="image/png")
    safe_number = "".join(c if c.isalnum() or c in "-_." else "_" for c in report.number)
    response["Content-Disposition"] = f'inline; filename="qr-{safe_number}.{fmt}"'
    return response


class LookupLogView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reports/admin/lookup_log.html"
    page_title = gettext_lazy("Report lookups")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("reports.view_reportlookup"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        since = timezone.now() - timedelta(days=LOG_DAYS)
        rows = (
            ReportLookup.objects.filter(created_at__gte=since)
            .annotate(day=TruncDate("created_at"))
            .values("day", "result")
            .annotate(count=Count("id"))
        )
        results = ReportLookup.RESULT_CHOICES
        days = {}
        for row in rows:
            days.setdefault(row["day"], dict.fromkeys((r for r, _label in results), 0))[
                row["result"]
            ] = row["count"]
        context.update(
            results=results,
            days=[
                (day, [counts[r] for r, _label in results], sum(counts.values()))
                for day, counts in sorted(days.items(), reverse=True)
            ],
            latest=ReportLookup.objects.all()[:100],
            log_days=LOG_DAYS,
        )
        return context


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permissions=(), **kwargs):
        self.permissions = permissions
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return all(request.user.has_perm(p) for p in self.permissions)


viewset = TestReportViewSet()


@hooks.register("register_admin_viewset")
def register_test_report_viewset():
    return viewset


@hooks.register("register_admin_urls")
def register_report_admin_urls():
    from django.urls import include

    urls = [
        path("qr/<int:pk>.<str:fmt>", qr_image, name="qr"),
        path("lookups/", LookupLogView.as_view(), name="lookups"),
    ]
    return [path("test-reports/", include((urls, "reports_admin")))]


@hooks.register(MENU_HOOK)
def register_import_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Import from the LIMS"),
        reverse("imports:upload", args=["reports"]),
        icon_name="upload",
        order=200,
        permissions=("reports.add_testreport", "reports.change_testreport"),
    )


@hooks.register(MENU_HOOK)
def register_lookup_log_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Lookup log"),
        reverse("reports_admin:lookups"),
        icon_name="list-ul",
        order=300,
        permissions=("reports.view_reportlookup",),
    )


@hooks.register("register_admin_menu_item")
def register_test_reports_menu():
    return SubmenuMenuItem(
        gettext_lazy("Test reports"),
        Menu(register_hook_name=MENU_HOOK),
        name="test-reports",
        icon_name="doc-full",
        order=850,
    )
