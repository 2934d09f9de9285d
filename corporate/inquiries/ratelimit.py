"""Per-address limit on inquiries, counted atomically in Django's shared cache (Redis in
production), so every app server process and thread sees the same count.

A fixed window that opens with an address's first counted submission: at most ``limit``
submissions (and honeypot hits) per ``window`` seconds. ``acquire()`` counts and decides in one
atomic step (a Lua script on Redis: INCR, the expiry set by the first hit, and the time left;
``cache.incr`` under the cache's lock elsewhere), so N processes posting at once admit exactly
``limit``. A visitor who mistypes and resubmits an invalid form is not counted: the view calls
``acquire()`` only for a valid form (or a honeypot hit), and ``retry_after()`` before
validating, to answer an address that is already over the limit without reading its form."""

import hashlib
import time

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache

DEFAULT_LIMIT = 5
DEFAULT_WINDOW = 600  # seconds

# KEYS[1]: the counter; ARGV[1]: the window. Returns {count, seconds left in the window}.
_ACQUIRE_SCRIPT = """
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[1])
    ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""


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


def _redis(key):
    """(client, the cache's own key) when the cache is Django's Redis cache, else None."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return None
    full_key = backend.make_and_validate_key(key)
    return backend._cache.get_client(full_key, write=True), full_key


def _count_and_wait(key, window, increment):
    """(count in the current window, seconds until it closes), counting this hit if
    ``increment``."""
    redis_client = _redis(key)
    if redis_client is not None:
        client, full_key = redis_client
        if increment:
            count, ttl = client.eval(_ACQUIRE_SCRIPT, 1, full_key, window)
            return int(count), max(1, int(ttl))
        pipe = client.pipeline()
        pipe.get(full_key)
        pipe.ttl(full_key)
        count, ttl = pipe.execute()
        return int(count or 0), max(1, int(ttl if ttl and ttl > 0 else window))
    # Any other cache (process memory in development): incr holds the cache's lock.
    opened_key = f"{key}:opened"
    now = time.time()
    if increment:
        cache.add(opened_key, now, timeout=window)
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: a new window
            cache.set(opened_key, now, timeout=window)
            cache.set(key, 1, timeout=window)
            count = 1
    else:
        count = cache.get(key, 0)
    opened = cache.get(opened_key, now)
    return int(count), max(1, int(window - (now - opened)) + 1)


def retry_after(request) -> int:
    """Seconds until this address may send again; 0 when it may send now (not counted)."""
    limit, window = limits()
    count, wait = _count_and_wait(_key(request), window, increment=False)
    return wait if count >= limit else 0


def acquire(request) -> int:
    """Count one submission from this address and decide atomically: 0 when it is admitted,
    otherwise the seconds until the address may send again."""
    limit, window = limits()
    count, wait = _count_and_wait(_key(request), window, increment=True)
    return 0 if count <= limit else wait


def record(request) -> None:
    """Count one submission (a honeypot hit) whatever the outcome."""
    acquire(request)
