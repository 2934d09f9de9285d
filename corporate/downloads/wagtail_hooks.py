"""Downloads in the rest of the site: a service page links the forms and guides that apply."""

from django.template.loader import render_to_string
from wagtail import hooks

from corporate.core.extensions import PAGE_SECTIONS_HOOK
from corporate.core.models import ServicePage
from corporate.downloads.models import download_index_for, downloads_for_service


@hooks.register(PAGE_SECTIONS_HOOK)
def service_page_downloads(request, page):
    if not isinstance(page, ServicePage):
        return ""
    downloads = downloads_for_service(page)
    if not downloads:
        return ""
    return render_to_string(
        "downloads/includes/service_downloads.html",
        {"page": page, "downloads": downloads, "index": download_index_for(page.locale_id)},
        request=request,
    )
