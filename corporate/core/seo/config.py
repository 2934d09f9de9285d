"""The SeoSettings that apply to a request (its Site, else the default Site)."""

from corporate.core import site_cache
from corporate.core.models import SeoSettings


def seo_settings(request=None):
    """The site settings for search engines, sharing and analytics, with their sharing image
    and privacy page; cached until the next change (corporate/core/site_cache.py). An unsaved
    default (analytics off, indexing allowed) when there is no Site yet."""
    site = site_cache.site_for(request)
    if site is None:
        return SeoSettings()
    return site_cache.cached("seo-settings", lambda: _read(site), site.pk, per_language=False)


def _read(site):
    # Not ``SeoSettings.for_site``: its get_or_create would write the row on a visitor's GET,
    # and that save purges every cached page (corporate/operations/frontend_cache.py). Until an
    # editor saves the settings, the unsaved defaults apply.
    found = SeoSettings.base_queryset().filter(site=site).first() or SeoSettings(site=site)
    # Read the related rows now, so the cached copy carries them.
    _ = found.default_share_image, found.privacy_page
    return found
