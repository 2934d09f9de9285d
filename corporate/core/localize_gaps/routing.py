"""Gap: Wagtail finds the page for an address by walking the tree one path component at a
time, each step two queries (the child by slug, then its own type), after reading the site's
root page, its translation in the active language and that one's own type: eight queries for
``/en/services/soil-testing/`` before the page does anything.

The walk's answer (which page, and how many components it used) depends only on the tree, so
it is kept in the site cache until the next change (``corporate.core.site_cache``); a request
then reads the page in one query and lets the page's own ``route`` do the rest, as upstream
(a routable page's sub-address, the live check, a 404). Delete when Wagtail caches routes or
resolves an address in one query (it does neither as of 8.x)."""

from django.apps import apps
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from corporate.core import site_cache

upstream_route_for_request = Page.route_for_request


def walk(site, components):
    """(pk, model label, components used) of the page the address leads to, following the
    same steps as ``Page.route``: a live routable page answers a sub-address of its own before
    its children are looked at. None when the root has no translation in this language."""
    page = site.root_page.localized.specific
    used = 0
    for component in components:
        if isinstance(page, RoutablePageMixin) and page.live:
            remainder = "/" + "/".join(components[used:]) + "/"
            try:
                page.resolve_subpage(remainder)
                break
            except Http404:
                pass
        child = page.get_children().filter(slug=component).first()
        if child is None:
            break
        page = child.specific
        used += 1
    return page.pk, page._meta.label, used


def route_for_request(request, path):
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    site = Site.find_for_request(request)
    if site is None or site_cache.previewing():
        return upstream_route_for_request(request, path)
    components = [component for component in path.split("/") if component]
    pk, label, used = site_cache.cached("route", lambda: walk(site, components), site.pk, path)
    page = apps.get_model(label).objects.filter(pk=pk).first()
    try:
        result = page.route(request, components[used:]) if page is not None else None
    except Http404:
        result = None
    request._wagtail_route_for_request = result
    return result


def install():
    Page.route_for_request = staticmethod(route_for_request)
