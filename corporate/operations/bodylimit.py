"""Request bodies larger than settings.PUBLIC_MAX_BODY_SIZE are refused with 413 everywhere but
the admin (editors upload images and documents there, up to Wagtail's own limits). nginx
refuses them first in production; this holds when the app is reached another way."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext


class BodySizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "PUBLIC_MAX_BODY_SIZE", 0)
        exempt = tuple(getattr(settings, "PUBLIC_MAX_BODY_SIZE_EXEMPT", ("/admin/",)))
        if limit and not request.path_info.startswith(exempt):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                return HttpResponse(
                    gettext(
                        "What you sent is too large (at most %(size)d KB). "
                        "Please send less, or send files to us by e-mail."
                    )
                    % {"size": limit // 1024},
                    status=413,
                    content_type="text/plain; charset=utf-8",
                )
        return self.get_response(request)
