"""Tell search engines about new addresses: when a page (of any language) is first published
or its address changes, its URL (and its live descendants', whose addresses changed with it) is
pushed to Baidu's 普通收录 API and to IndexNow, as background tasks (django-tasks) with retries.

- Baidu: POST text/plain, one URL a line, to ``BAIDU_PUSH_ENDPOINT?site=…&token=…`` (site and
  token from Baidu's webmaster tools, in BAIDU_PUSH_SITE and BAIDU_PUSH_TOKEN).
- IndexNow: POST JSON {host, key, keyLocation, urlList} to INDEXNOW_ENDPOINT; the key
  (INDEXNOW_KEY) is served as a text file at /<key>.txt (``indexnow_key_file``).

Each engine is off while its credentials are unset. Nothing here can hold up or fail a
publication: the tasks are queued after the transaction commits, every error is caught,
logged, recorded on a SearchEnginePush row (shown on the page's Promote tab) and in the page's
history. A failed push (network, 5xx, 429) is tried again: on the database backend after a
back-off (corporate.operations.retry), on the immediate backend of development and tests at
once, TASK_MAX_ATTEMPTS attempts in all; a 4xx other than 429 is final."""

import json
import logging
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from django_tasks import task
from wagtail.log_actions import log

from corporate.core.models import SearchEnginePush
from corporate.operations.retry import max_attempts, retry_later

from .site_url import absolute_url
from .sitemaps import is_indexable

logger = logging.getLogger("corporate.seo")
Engine = SearchEnginePush.Engine
Status = SearchEnginePush.Status
PUSHED_ACTION = "corporate.search_push.pushed"
FAILED_ACTION = "corporate.search_push.failed"


class PushFailed(Exception):
    def __init__(self, detail, final=False):
        super().__init__(detail)
        self.detail = str(detail)[:500]
        self.final = final


# -- configuration -----------------------------------------------------------------------------


def baidu_configured():
    return bool(settings.BAIDU_PUSH_SITE and settings.BAIDU_PUSH_TOKEN)


def indexnow_configured():
    return bool(settings.INDEXNOW_KEY)


def configured_engines():
    engines = []
    if baidu_configured():
        engines.append(Engine.BAIDU)
    if indexnow_configured():
        engines.append(Engine.INDEXNOW)
    return engines


def indexnow_key_location():
    return absolute_url(f"/{settings.INDEXNOW_KEY}.txt")


def indexnow_key_file(request, key):
    """/<key>.txt: the IndexNow key, which proves the pushes come from this site."""
    if not indexnow_configured() or key != settings.INDEXNOW_KEY:
        raise Http404("No such file")
    return HttpResponse(settings.INDEXNOW_KEY, content_type="text/plain; charset=utf-8")


# -- sending -----------------------------------------------------------------------------------


def _post(url, body, content_type):
    request = urllib.request.Request(  # noqa: S310 - the endpoints come from settings
        url, data=body, method="POST", headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.SEARCH_PUSH_TIMEOUT
        ) as response:
            return response.status, response.read(2000).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        detail = error.read(500).decode("utf-8", "replace")
        final = 400 <= error.code < 500 and error.code != 429
        raise PushFailed(f"HTTP {error.code}: {detail}", final=final) from error
    except (urllib.error.URLError, OSError) as error:
        raise PushFailed(f"{type(error).__name__}: {getattr(error, 'reason', error)}") from error


def send_to_baidu(urls):
    endpoint = (
        f"{settings.BAIDU_PUSH_ENDPOINT}?"
        f"{urlencode({'site': settings.BAIDU_PUSH_SITE, 'token': settings.BAIDU_PUSH_TOKEN})}"
    )
    _status, text = _post(endpoint, "\n".join(urls).encode("utf-8"), "text/plain")
    try:
        answer = json.loads(text)
    except ValueError as error:
        raise PushFailed(f"not JSON: {text[:200]}") from error
    if not answer.get("success"):
        # e.g. {"not_same_site": [...]} or {"error": 400, "message": "site init fail"}
        raise PushFailed(text[:500], final=True)
    return text


def send_to_indexnow(urls):
    host = urlsplit(urls[0]).hostname
    body = json.dumps(
        {
            "host": host,
            "key": settings.INDEXNOW_KEY,
            "keyLocation": indexnow_key_location(),
            "urlList": list(urls),
        }
    ).encode("utf-8")
    status, text = _post(settings.INDEXNOW_ENDPOINT, body, "application/json; charset=utf-8")
    return f"HTTP {status} {text}".strip()


SENDERS = {Engine.BAIDU: send_to_baidu, Engine.INDEXNOW: send_to_indexnow}


def _record(push, status, detail, attempt):
    push.status = status
    push.detail = detail[:500]
    push.attempts = attempt
    push.save(update_fields=["status", "detail", "attempts", "updated_at"])


@task()
def push_to_search_engine(push_id, attempt=1):
    """Push one SearchEnginePush; try again on failure (see the module's docstring)."""
    push = SearchEnginePush.objects.select_related("page").filter(pk=push_id).first()
    if push is None or push.status == Status.PUSHED:
        return "gone" if push is None else "already pushed"
    while True:
        try:
            detail = SENDERS[push.engine]([push.url])
        except PushFailed as error:
            logger.warning(
                "Push of %s to %s failed (attempt %d): %s", push.url, push.engine, attempt, error
            )
            if not error.final and retry_later(push_to_search_engine, attempt, push_id):
                _record(push, Status.RETRYING, error.detail, attempt)
                return "retrying"
            if not error.final and attempt < max_attempts():
                # The immediate backend cannot wait: the next attempt at once.
                _record(push, Status.RETRYING, error.detail, attempt)
                attempt += 1
                continue
            _record(push, Status.FAILED, error.detail, attempt)
            _log(push, FAILED_ACTION)
            return "failed"
        _record(push, Status.PUSHED, detail, attempt)
        _log(push, PUSHED_ACTION)
        logger.info("Pushed %s to %s", push.url, push.engine)
        return "pushed"


def _log(push, action):
    try:
        log(
            instance=push.page.specific,
            action=action,
            data={"engine": push.engine, "url": push.url, "detail": push.detail},
        )
    except Exception:  # the history is a courtesy; the row has the result
        logger.exception("Could not log the push of %s", push.url)


# -- when to push ------------------------------------------------------------------------------


def _last_pushed_url(page, engine):
    last = (
        SearchEnginePush.objects.filter(page=page, engine=engine)
        .exclude(status=Status.FAILED)
        .order_by("-created_at", "-pk")
        .first()
    )
    return last.url if last else None


def pages_to_push(page):
    """The page and, when its address changed, its live descendants (whose addresses changed
    with it): [(page, url)] of those that are public, indexable and not pushed at that URL."""
    found = []
    candidates = [page]
    for engine in configured_engines():
        last = _last_pushed_url(page, engine)
        if last is not None and last != page.get_full_url():
            candidates += list(page.get_descendants().live().public().specific())
            break
    for candidate in candidates:
        if not candidate.live or not is_indexable(candidate):
            continue
        if candidate.get_view_restrictions().exists():
            continue
        url = candidate.get_full_url()
        if url:
            found.append((candidate, url))
    return found


def queue_pushes(page):
    """Queue a push per engine of each address of ``page`` that search engines do not have."""
    engines = configured_engines()
    if not engines:
        return []
    queued = []
    for candidate, url in pages_to_push(page):
        for engine in engines:
            if _last_pushed_url(candidate, engine) == url:
                continue
            push = SearchEnginePush.objects.create(page=candidate, engine=engine, url=url)
            queued.append(push)
    for push in queued:
        transaction.on_commit(lambda push_id=push.pk: _enqueue(push_id))
    return queued


def _enqueue(push_id):
    try:
        push_to_search_engine.enqueue(push_id)
    except Exception:  # never let a queue problem surface in the editor
        logger.exception("Could not queue search engine push %s", push_id)


def on_page_published(sender, instance, **kwargs):
    try:
        queue_pushes(instance.specific)
    except Exception:
        logger.exception("Could not queue the search engine push of %s", instance)


def on_page_moved(sender, instance, **kwargs):
    if instance.live:
        on_page_published(sender, instance)
