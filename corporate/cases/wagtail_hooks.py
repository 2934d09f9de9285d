"""Case studies in the rest of the site: a service page shows its latest cases."""

from django.template.loader import render_to_string
from wagtail import hooks

from corporate.cases.models import CaseIndexPage, latest_cases_for
from corporate.core import site_cache
from corporate.core.extensions import PAGE_SECTIONS_HOOK
from corporate.core.models import ServicePage


@hooks.register(PAGE_SECTIONS_HOOK)
def service_page_cases(request, page):
    if not isinstance(page, ServicePage):
        return ""
    cases = site_cache.cached(
        "service-cases", lambda: list(latest_cases_for(page)), page.pk, per_language=False
    )
    if not cases:
        return ""
    index = site_cache.section_page(CaseIndexPage, page.locale_id)
    return render_to_string(
        "cases/includes/service_cases.html",
        {"page": page, "cases": cases, "index": index},
        request=request,
    )
