"""The search log, counted off the request.

With Django's Redis cache (production), a search adds one to a counter in a Redis hash (one
round trip, no SQL), and the first search of a minute queues ``flush_search_log``, which moves
the counts into SearchQueryLog a minute later (run by the task worker; every app server shares
the same counters). Without Redis (development on process memory) a search is written at once,
as before."""

import datetime
import json
import uuid

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone
from django_tasks import task

from search.models import SearchQueryLog, normalise_query

HITS = "search-log:hits"
RESULTS = "search-log:results"
FLUSH_QUEUED = "search-log:flush-queued"
FLUSH_DELAY = 60  # seconds a count may wait in Redis


def _redis():
    """(client, the cache's key function) when the cache is Django's Redis cache, else None."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return None
    key = backend.make_and_validate_key
    return backend._cache.get_client(key(HITS), write=True), key


def record(query_string, locale, result_count):
    """Count one search of ``query_string`` in ``locale`` that found ``result_count``."""
    redis = _redis()
    if redis is None:
        SearchQueryLog.record(query_string, locale, result_count)
        return
    query_string = normalise_query(query_string)[:255]
    if not query_string:
        return
    client, key = redis
    field = json.dumps([locale.pk, query_string, timezone.localdate().isoformat()])
    pipe = client.pipeline()
    pipe.hincrby(key(HITS), field, 1)
    pipe.hset(key(RESULTS), field, result_count)
    pipe.set(key(FLUSH_QUEUED), 1, nx=True, ex=FLUSH_DELAY)
    *_, first_of_the_minute = pipe.execute()
    if first_of_the_minute:
        queue_flush()


def queue_flush():
    if flush_search_log.get_backend().supports_defer:
        run_after = timezone.now() + datetime.timedelta(seconds=FLUSH_DELAY)
        flush_search_log.using(run_after=run_after).enqueue()
    else:
        flush_search_log.enqueue()


def pending():
    """{(locale id, query, date): hits} not yet written to the database."""
    redis = _redis()
    if redis is None:
        return {}
    client, key = redis
    found = {}
    for field, hits in client.hgetall(key(HITS)).items():
        locale_id, query_string, day = json.loads(field)
        found[(locale_id, query_string, datetime.date.fromisoformat(day))] = int(hits)
    return found


def flush():
    """Write the counted searches to SearchQueryLog; return how many (query, day) rows."""
    redis = _redis()
    if redis is None:
        return 0
    client, key = redis
    batch = uuid.uuid4().hex
    taken_hits, taken_results = f"{key(HITS)}:{batch}", f"{key(RESULTS)}:{batch}"
    # Take both hashes at once; searches from now on count in new ones.
    pipe = client.pipeline(transaction=True)
    pipe.rename(key(HITS), taken_hits)
    pipe.rename(key(RESULTS), taken_results)
    pipe.execute(raise_on_error=False)  # no hash yet: nothing to write
    hits = client.hgetall(taken_hits)
    results = client.hgetall(taken_results)
    for field, count in hits.items():
        locale_id, query_string, day = json.loads(field)
        SearchQueryLog.add(
            locale_id,
            query_string,
            datetime.date.fromisoformat(day),
            int(count),
            int(results.get(field, 0)),
        )
    client.delete(taken_hits, taken_results)
    return len(hits)


@task()
def flush_search_log():
    """Move the search counts from Redis into the search log."""
    return flush()
