"""The SeoSettings that apply to a request (its Site, else the default Site)."""

from wagtail.models import Site

from corporate.core.models import SeoSettings


def seo_settings(request=None):
    """The site settings for search engines, sharing and analytics; cached on the request.
    An unsaved default (analytics off, indexing allowed) when there is no Site yet."""
    if request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            return SeoSettings.for_request(request)
    site = Site.objects.filter(is_default_site=True).first()
    return SeoSettings.for_site(site) if site else SeoSettings()
