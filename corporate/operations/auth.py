"""The admin login throttle (django-axes): the client's address behind nginx, and no throttle
for authenticate() calls that carry no request (tests' client.login, scripts), which no one
outside can reach; every sign-in through a page carries one."""

import datetime
import logging
import math

from axes.backends import AxesBackend
from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import render

logger = logging.getLogger("corporate.operations")


def client_ip(request):
    """REMOTE_ADDR, or the header the trusted reverse proxy sets (INQUIRY_CLIENT_IP_HEADER, e.g.
    HTTP_X_REAL_IP from nginx; behind a unix socket REMOTE_ADDR is empty)."""
    header = getattr(settings, "INQUIRY_CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    if value:
        return value.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64] or None


class RequestAxesBackend(AxesBackend):
    """First in AUTHENTICATION_BACKENDS: refuses locked-out sign-ins (ModelBackend, second,
    signs people in). Built on AxesBackend, which includes ModelBackend, so that code taking the
    first backend for a session (Wagtail's assertPageIsPreviewable, force_login) can load the
    user back from it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (HTTP 429): why, for how long, and who can unlock."""
    cool_off = get_cool_off(request) or datetime.timedelta(hours=1)
    username = get_client_username(request, credentials) or ""
    logger.warning(
        "Admin sign-in locked out: user %r from %s after %d failed attempts",
        username,
        client_ip(request),
        settings.AXES_FAILURE_LIMIT,
    )
    return render(
        request,
        "operations/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": max(1, math.ceil(cool_off.total_seconds() / 60)),
        },
        status=429,
    )
