"""Cached pages show and hide notices on time: a page's cache lifetime never runs past the next
moment a notice starts or ends.

A response that states a lifetime (``max-age``, ``s-maxage``) gets it capped at the seconds
until then; one that states none, while that moment is closer than the lifetime a shared cache
gives such pages (``NOTICES_SHARED_CACHE_DEFAULT_TTL``, Varnish's default 120 s), gets an
``s-maxage`` of those seconds. Private and uncacheable responses are left alone."""

from django.conf import settings
from django.utils.cache import patch_cache_control

from corporate.notices.models import seconds_until_next_change

NOT_CACHED = {"no-store", "no-cache", "private"}


def _directives(response):
    directives = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _sep, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value
    return directives


class NoticeCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        directives = _directives(response)
        if NOT_CACHED & directives.keys():
            return response
        seconds = seconds_until_next_change()
        if seconds is None:
            return response
        capped = {}
        for name in ("max-age", "s-maxage"):
            if name in directives:
                try:
                    capped[name.replace("-", "_")] = min(int(directives[name]), seconds)
                except ValueError:
                    capped[name.replace("-", "_")] = seconds
        if not capped and seconds < getattr(settings, "NOTICES_SHARED_CACHE_DEFAULT_TTL", 120):
            capped["s_maxage"] = seconds
        if capped:
            patch_cache_control(response, **capped)
        return response
