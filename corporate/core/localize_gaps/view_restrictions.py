"""Gap: every ``PageQuerySet.public()`` (and ``not_public()``) reads the whole
PageViewRestriction table before it can filter, so a page whose menu, lists and cards each ask
for public pages reads that table five or six times per request.

The restricted sections (their path and depth) are read once and kept in the site cache until
the next change (a saved or deleted restriction moves the site generation on, see
``corporate.core.site_cache``); the filter is the same as upstream's. Delete when Wagtail
caches it or filters with a subquery (it does neither as of 8.x)."""

from django.db.models import Q
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from corporate.core import site_cache

upstream_private_q = PageQuerySet.private_q


def restricted_sections():
    """[(path, depth)] of every page that has a view restriction."""
    return site_cache.cached(
        "view-restrictions",
        lambda: list(PageViewRestriction.objects.values_list("page__path", "page__depth")),
        per_language=False,
    )


def private_q(queryset):
    q = Q()
    for path, depth in restricted_sections():
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    # do not match any page if no private section exists (as upstream)
    return q if q else Q(pk__in=[])


def install():
    PageQuerySet.private_q = private_q
