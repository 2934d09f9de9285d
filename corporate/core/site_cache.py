"""What every page reads and only publishing changes (the menu, the locale's home page, the
company profile, a page's translations and ancestors, the news archive's years and counts),
kept in Django's cache (Redis in production, so every app server shares it) under the *site
generation*: a number that every publish, unpublish, move, delete, page save, and save of a
snippet, a setting, an image, a Site or a Locale moves on. A value cached under an older
generation is never read again (it expires after ``TIMEOUT``), so nothing needs to know which
cached value a change touches.

The generation moves at once (so the process that made the change, and a test inside one
transaction, sees it) and again when the transaction commits (so another server that read the
old rows in between does not keep them under the new number).

Within one request every cached value is also kept in a request memo (``memo``): the header,
the footer, the switcher and the hreflang links ask for the same things. ``RequestMemoMiddleware``
opens and closes that memo; outside a request (management commands, tests' own code) nothing is
memoised."""

import hashlib
from contextvars import ContextVar

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site, TranslatableMixin
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "site-generation"
TIMEOUT = 24 * 60 * 60
MAX_KEY_LENGTH = 200
_MISSING = object()
_memo: ContextVar[dict | None] = ContextVar("corporate_request_memo", default=None)


class RequestMemoMiddleware:
    """One memo per request (see ``memo``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


def memo(key, compute):
    """``compute()`` once per request for ``key`` (every time outside a request)."""
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


_PREVIEW = "__preview__"


def start_preview():
    """This request shows a preview (a draft, or a form's unsaved content): nothing in it is
    read from, or written to, the cache."""
    store = _memo.get()
    if store is not None:
        store[_PREVIEW] = True


def previewing():
    store = _memo.get()
    return bool(store and store.get(_PREVIEW))


def forget_request_memo():
    store = _memo.get()
    if store is not None:
        preview = store.get(_PREVIEW)
        store.clear()
        if preview:
            store[_PREVIEW] = True


def generation():
    return memo(GENERATION_KEY, lambda: cache.get_or_set(GENERATION_KEY, 1, timeout=None))


def _advance():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new number will do
        cache.add(GENERATION_KEY, 2, timeout=None)


def bump(**_signal_kwargs):
    """The site changed: values cached before are stale (now, and again at commit)."""
    _advance()
    forget_request_memo()
    transaction.on_commit(_advance)


def _short(key):
    """``key``, or its digest when an address makes it longer than a cache key should be."""
    if len(key) <= MAX_KEY_LENGTH:
        return key
    return key[:100] + ":" + hashlib.sha256(key.encode()).hexdigest()


def key(name, *parts, per_language=True):
    """The cache key of ``name`` and ``parts`` under the current site generation (and, unless
    ``per_language`` is false, the active language)."""
    language = (translation.get_language() or "") if per_language else ""
    return _short(":".join(["site", str(generation()), name, language, *map(str, parts)]))


def cached(name, compute, *parts, per_language=True):
    """``compute()`` cached under ``key(name, *parts)``: until the next change of the site."""
    if previewing():
        return compute()
    key_ = key(name, *parts, per_language=per_language)

    def read():
        value = cache.get(key_, _MISSING)
        if value is _MISSING:
            value = compute()
            cache.set(key_, value, TIMEOUT)
        return value

    return memo(key_, read)


def cached_many(name, ids, compute_missing, *parts, per_language=True):
    """{id: value} for ``ids``, each cached under the site generation as ``cached`` does;
    ``compute_missing(missing_ids)`` returns {id: value} for those not cached yet (one call, so
    it can read them in bulk)."""
    if previewing():
        return compute_missing(list(ids))
    prefix = key(name, *parts, per_language=per_language)
    keys = {f"{prefix}:{item}": item for item in ids}
    found = {keys[cache_key]: value for cache_key, value in cache.get_many(list(keys)).items()}
    missing = [item for item in ids if item not in found]
    if missing:
        computed = compute_missing(missing)
        cache.set_many({f"{prefix}:{item}": value for item, value in computed.items()}, TIMEOUT)
        found.update(computed)
    return found


def default_site():
    """The default Site (with its root page), read once per request."""
    return memo(
        "default-site",
        lambda: Site.objects.filter(is_default_site=True).select_related("root_page").first(),
    )


def site_for(request=None):
    """The request's Site (Wagtail's lookup, cached by ``localize_gaps.site_lookup``), else
    the default Site; None before there is any."""
    site = Site.find_for_request(request) if request is not None else None
    return site or default_site()


def section_page(model, locale_id):
    """The live, public page of ``model`` in a locale (a section's index: news, cases,
    downloads), or None; cached until the next change."""
    return cached(
        "section-page",
        lambda: model.objects.live().public().filter(locale_id=locale_id).first(),
        model._meta.label_lower,
        locale_id,
        per_language=False,
    )


def live_ancestors(page):
    """The live ancestors of ``page`` below the root, as their own types (StreamFields left
    unread), top first: the breadcrumbs and their JSON-LD."""
    return cached(
        "ancestors",
        lambda: list(
            page.get_ancestors().filter(depth__gte=2).live().defer_streamfields().specific()
        ),
        page.pk,
        per_language=False,
    )


def watched_models():
    """The models whose rows the cached values are made from: every translatable model (pages
    and the snippets the chrome and lists show), the site settings, images, Sites and Locales."""

    bases = (TranslatableMixin, Page, BaseSiteSetting, BaseGenericSetting)
    found = {model for model in apps.get_models() if issubclass(model, bases)}
    return found | {Site, Locale, PageViewRestriction, get_image_model()}


def connect():
    """Move the generation on every change of what the cached values are made from."""

    uid = "corporate-site-cache"
    page_published.connect(bump, dispatch_uid=f"{uid}-published")
    page_unpublished.connect(bump, dispatch_uid=f"{uid}-unpublished")
    post_page_move.connect(bump, dispatch_uid=f"{uid}-moved")
    for model in watched_models():
        label = model._meta.label
        post_save.connect(bump, sender=model, dispatch_uid=f"{uid}-save-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"{uid}-delete-{label}")
