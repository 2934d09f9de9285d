"""Varnish kept true by publishing: which addresses to drop when a page changes, and the
Wagtail front-end cache back end that drops them (PURGE for one address, BAN for a prefix).

Wagtail's own handler (wagtail.contrib.frontend_cache) purges only the page's own address on
publish and unpublish. Here every address that shows the page goes too, on publish, unpublish,
slug change, move and delete:

- the page itself in every language (its translations), each with any query string;
- every ancestor (the parents' lists, the home page with its latest news), with the paths
  each one's ``get_cached_paths()`` names: a page type that shows more under its address (the
  news index: category, year and tag lists, the feed, the articles' neighbours) says so there,
  so nothing here names a feature app. A path ending in ``*`` is a prefix, dropped by BAN;
- the sitemaps and the search results pages of every language (prefix bans);
- everything, when the page is in the menu (every page's header shows it).

Snippets (menus, company profile) and site settings appear on every page: saving one drops
everything. All of it only when WAGTAILFRONTENDCACHE is set (production, when VARNISH_URL is),
after the transaction commits, through Wagtail's purge task (the task worker in production)."""

import logging
import re
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

logger = logging.getLogger("corporate.frontend_cache")

PREFIX = "*"


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


class VarnishBackend(HTTPBackend):
    """Wagtail's HTTP back end (PURGE to LOCATION) plus BAN for addresses ending in ``*``:
    ``BAN /`` with ``X-Ban-Url: ^<escaped path prefix>``, which deploy/varnish's VCL turns into
    ``ban obj.http.X-Url ~ …``."""

    def purge(self, url):
        if not url.endswith(PREFIX):
            return super().purge(url)
        self.ban_prefix(url[: -len(PREFIX)])

    def ban_prefix(self, url_prefix):
        parts = urlsplit(url_prefix)
        # "/news/?" keeps its "?" (urlsplit would drop an empty query).
        path = url_prefix.split(parts.netloc, 1)[1] if parts.netloc else url_prefix
        request = Request(
            urlunsplit([self.cache_scheme, self.cache_netloc, "/", "", ""]),
            method="BAN",
            headers={"X-Ban-Url": "^" + re.escape(path or "/"), "Host": parts.netloc},
        )
        try:
            urlopen(request, timeout=10)  # noqa: S310 - LOCATION is configured, not user input
        except (HTTPError, URLError) as error:
            logger.error("Could not ban %s* from Varnish: %s", url_prefix, error)


# -- which addresses -------------------------------------------------------------------------


def _root_urls():
    return {site.root_url for site in Site.objects.all()}


def site_wide_urls():
    """Sitemaps and search results pages, every language: prefixes."""
    urls = set()
    for root in _root_urls():
        urls.add(f"{root}/sitemap{PREFIX}")
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                try:
                    search = reverse("search")
                except NoReverseMatch:
                    continue
            urls.add(f"{root}{search}{PREFIX}")
            if code != settings.LANGUAGE_CODE:
                urls.add(f"{root}/{code}/sitemap.xml")
    return urls


def everything_urls():
    return {f"{root}/{PREFIX}" for root in _root_urls()}


def _own_urls(page, cache_object, *, whole_subtree=False):
    page_url = page.get_full_url(cache_object)
    if not page_url:
        return set()
    if whole_subtree:  # unpublished, moved away or deleted: the page and all below it
        return {page_url + PREFIX}
    urls = {page_url + "?" + PREFIX}
    for path in page.specific_deferred.get_cached_paths():
        urls.add(page_url + path.lstrip("/"))
    return urls


def urls_for_page(page, *, whole_subtree=False):
    """Every address that shows ``page`` (see the module's docstring)."""
    cache_object = type("Cache", (), {})()
    page = page.specific_deferred
    if page.show_in_menus:
        return everything_urls()
    urls = site_wide_urls()
    versions = [page, *page.get_translations(inclusive=False).specific(defer=True)]
    for version in versions:
        urls |= _own_urls(version, cache_object, whole_subtree=whole_subtree)
        for ancestor in version.get_ancestors().filter(depth__gt=1).specific(defer=True):
            urls |= _own_urls(ancestor, cache_object)
    return urls


def purge_after_commit(urls):
    urls = sorted(urls)
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls))


# -- when ------------------------------------------------------------------------------------


def on_publish(instance, **kwargs):
    if enabled():
        purge_after_commit(urls_for_page(instance))


def on_unpublish(instance, **kwargs):
    if enabled():
        purge_after_commit(urls_for_page(instance, whole_subtree=True))


def on_slug_changed(instance, instance_before, **kwargs):
    if enabled():
        purge_after_commit(
            urls_for_page(instance_before, whole_subtree=True) | urls_for_page(instance)
        )


def on_move(instance, parent_page_before, parent_page_after, url_path_before, **kwargs):
    if not enabled():
        return
    urls = urls_for_page(instance) | urls_for_page(parent_page_before)
    urls |= urls_for_page(parent_page_after)
    # The old address and everything that was below it.
    for site in Site.objects.all():
        root_path = site.root_page.url_path
        if url_path_before.startswith(root_path):
            urls.add(f"{site.root_url}/{url_path_before[len(root_path) :]}{PREFIX}")
    purge_after_commit(urls)


def on_delete(instance, **kwargs):
    if enabled() and isinstance(instance, Page) and instance.depth > 1 and instance.live:
        try:
            purge_after_commit(urls_for_page(instance, whole_subtree=True))
        except Exception:  # a half-deleted tree must never stop a delete
            logger.exception("Could not work out the addresses of deleted page %s", instance.pk)


def _shown_everywhere(sender):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.snippets.models import get_snippet_models

    if issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        return True
    return sender in get_snippet_models() and not issubclass(sender, Page)


def on_save(sender, **kwargs):
    if enabled() and not kwargs.get("raw") and _shown_everywhere(sender):
        purge_after_commit(everything_urls())


def connect():
    page_published.connect(on_publish, dispatch_uid="guoping_purge_publish")
    page_unpublished.connect(on_unpublish, dispatch_uid="guoping_purge_unpublish")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="guoping_purge_slug")
    post_page_move.connect(on_move, dispatch_uid="guoping_purge_move")
    pre_delete.connect(on_delete, dispatch_uid="guoping_purge_delete")
    post_save.connect(on_save, dispatch_uid="guoping_purge_snippets")
