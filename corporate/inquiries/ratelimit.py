"""Per-address limit on inquiries, kept in Django's cache (Redis in production).

A sliding window: the times of the last accepted submissions (and honeypot hits) from one
address; a visitor who mistypes and resubmits an invalid form is not counted."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMIT = 5
DEFAULT_WINDOW = 600  # seconds


def limits():
    """(number of submissions, window in seconds); settings.INQUIRY_RATE_LIMIT overrides."""
    return tuple(getattr(settings, "INQUIRY_RATE_LIMIT", (DEFAULT_LIMIT, DEFAULT_WINDOW)))


def client_address(request) -> str:
    """REMOTE_ADDR, or the header a trusted reverse proxy sets (settings.INQUIRY_CLIENT_IP_HEADER,
    e.g. "HTTP_X_REAL_IP"). X-Forwarded-For is not trusted by default: clients can forge it."""
    header = getattr(settings, "INQUIRY_CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    if value:
        return value.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


def _key(request) -> str:
    # Hash the address: the cache is not a place to keep personal information in clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()
    return f"inquiry-rate:{digest[:32]}"


def _recent(request, now):
    limit, window = limits()
    return [t for t in cache.get(_key(request), []) if now - t < window]


def retry_after(request) -> int:
    """Seconds until this address may send again; 0 when it may send now."""
    limit, window = limits()
    now = time.time()
    recent = _recent(request, now)
    if len(recent) < limit:
        return 0
    return max(1, int(window - (now - min(recent))) + 1)


def record(request) -> None:
    limit, window = limits()
    now = time.time()
    recent = _recent(request, now)[-(limit * 2) :]
    cache.set(_key(request), [*recent, now], timeout=window)
