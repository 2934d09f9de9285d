"""Per-address limit on report lookups: a fixed window counted atomically in Django's cache
(``cache.add`` creates the counter once, ``cache.incr`` counts; Redis in production, so every
app server counts together). The address is kept only as a keyed hash."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

DEFAULT_LIMIT = (10, 600)  # lookups per window (seconds)


def limits():
    return tuple(getattr(settings, "REPORTS_LOOKUP_RATE_LIMIT", DEFAULT_LIMIT))


def client_address(request):
    """REMOTE_ADDR, or the header a trusted reverse proxy sets (``REPORTS_CLIENT_IP_HEADER``,
    e.g. HTTP_X_REAL_IP). X-Forwarded-For is not trusted by default: clients can forge it."""
    header = getattr(settings, "REPORTS_CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    if value:
        return value.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def address_hash(request):
    return salted_hmac("corporate.reports.address", client_address(request)).hexdigest()[:16]


def hit(request):
    """Count one lookup from this address: (allowed, seconds until the window ends)."""
    limit, window = limits()
    now = int(time.time())
    key = f"reports-lookup:{address_hash(request)}:{now // window}"
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window + 5)
        count = 1
    return count <= limit, window - now % window
