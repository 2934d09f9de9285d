"""Admin and site hooks of certificates and the capability catalogue: the snippets, the
catalogue import, the dashboard's expiry warning, the watermark image operation, the sections
on core pages (certificates on About / Technical Capabilities, parameters on an area page) and
the catalogue in the site search."""

import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from corporate.capabilities import catalogue
from corporate.capabilities.image_operations import WatermarkOperation
from corporate.capabilities.models import (
    EXPIRY_WARNING_DAYS,
    CapabilityEntry,
    CataloguePage,
    Certificate,
    CertificatesPage,
)
from corporate.core.models import AccreditationAreaPage, StandardPage

AREA_SECTION_ROWS = 30
SEARCH_SECTION_ROWS = 5


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    icon = "doc-full-inverse"
    list_display = ["name", "number", "issuer", "valid_until", "locale"]
    list_filter = ["issuer", "locale"]
    search_fields = ["name", "number"]
    search_backend_name = None


class CapabilityEntryViewSet(SnippetViewSet):
    model = CapabilityEntry
    icon = "table"
    list_display = ["parameter", "method_code", "area", "accredited", "locale"]
    list_filter = ["accredited", "locale"]
    list_per_page = 50
    search_fields = ["parameter", "method_code", "aliases"]
    search_backend_name = None


register_snippet(CertificateViewSet)
register_snippet(CapabilityEntryViewSet)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return all(
            request.user.has_perm(p)
            for p in ("capabilities.add_capabilityentry", "capabilities.change_capabilityentry")
        )


@hooks.register("register_admin_menu_item")
def register_catalogue_import_menu_item():
    return ImportMenuItem(
        _("Import catalogue"),
        reverse("imports:upload", args=["catalogue"]),
        icon_name="table",
        order=860,
        name="import-catalogue",
    )


# -- dashboard ---------------------------------------------------------------------------------


class CertificateExpiryPanel(Component):
    name = "certificate_expiry"
    template_name = "capabilities/admin/expiry_panel.html"
    order = 80

    def __init__(self, expiring, expired):
        self.expiring, self.expired = expiring, expired

    def get_context_data(self, parent_context):
        return {"expiring": self.expiring, "expired": self.expired, "days": EXPIRY_WARNING_DAYS}


@hooks.register("construct_homepage_panels")
def add_certificate_expiry_panel(request, panels):
    if not (request.user.has_perm("capabilities.change_certificate") or request.user.is_superuser):
        return
    today = timezone.localdate()
    source = Certificate.objects.filter(locale=Locale.get_default())
    soon = list(
        source.filter(
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
        )
    )
    expired = list(source.filter(valid_until__lt=today))
    if soon or expired:
        panels.append(CertificateExpiryPanel(soon, expired))


# -- images ------------------------------------------------------------------------------------


@hooks.register("register_image_operations")
def register_watermark_operation():
    return [("watermark", WatermarkOperation)]


# -- sections on core pages -------------------------------------------------------------------


@hooks.register("corporate_page_sections")
def certificates_section(request, page):
    if not isinstance(page, StandardPage):
        return ""
    for certificates_page in (
        CertificatesPage.objects.live().public().filter(locale_id=page.locale_id)
    ):
        if certificates_page.shows_on(page):
            return render_to_string(
                "capabilities/sections/certificates.html",
                {
                    "certificates": list(certificates_page.certificates()),
                    "certificates_page": certificates_page,
                    "today": timezone.localdate(),
                },
                request=request,
            )
    return ""


@hooks.register("corporate_page_sections")
def area_parameters_section(request, page):
    if not isinstance(page, AccreditationAreaPage):
        return ""
    rows = catalogue.entries(page.locale, area=page).order_by("sort_order", "pk")
    total = rows.count()
    if not total:
        return ""
    catalogue_page = CataloguePage.objects.live().public().filter(locale_id=page.locale_id).first()
    return render_to_string(
        "capabilities/sections/area_parameters.html",
        {
            "rows": list(rows[:AREA_SECTION_ROWS]),
            "total": total,
            "area": page,
            "catalogue_page": catalogue_page,
        },
        request=request,
    )


# -- the site search ---------------------------------------------------------------------------


@hooks.register("site_search_sections")
def catalogue_search_section(request, query, locale):
    """The catalogue rows of the visitor's language that match the site search's query."""
    if locale is None or not query:
        return None
    catalogue_page = CataloguePage.objects.live().public().filter(locale=locale).first()
    if catalogue_page is None:
        return None
    text, _truncated = catalogue.clean_query(query)
    results = catalogue.search(locale, text)
    page = catalogue.fetch(results, 1, per_page=SEARCH_SECTION_ROWS)
    if not page.total:
        return None
    return render_to_string(
        "capabilities/sections/search_results.html",
        {"result_page": page, "catalogue_page": catalogue_page, "query": text},
        request=request,
    )
