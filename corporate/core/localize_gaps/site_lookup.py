"""Gap: Wagtail reads the Site table on every request (``Site.find_for_request`` asks the
database which Site answers a host name and port), and the CSP middleware, the routing and
the chrome all need that Site: one query per request before anything else, even for a view
that reads nothing.

The answer per host name and port is kept in the site cache until the next change (a saved or
deleted Site, or a page, moves the generation on; see ``corporate.core.site_cache``), with the
root page it carries. Delete when Wagtail caches it (it caches only the site root paths, as of
8.x)."""

from wagtail.models import Site, sites

from corporate.core import site_cache

upstream_get_site_for_hostname = sites.get_site_for_hostname


def _lookup(hostname, port):
    try:
        return upstream_get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        return None


def get_site_for_hostname(hostname, port):
    site = site_cache.cached(
        "site-for-host", lambda: _lookup(hostname, port), hostname, port, per_language=False
    )
    if site is None:
        raise Site.DoesNotExist
    return site


def install():
    sites.get_site_for_hostname = get_site_for_hostname
