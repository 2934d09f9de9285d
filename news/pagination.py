"""News lists paged by key, not by OFFSET.

A list is ordered newest first by (date, first published, id). Where each page of a list
starts, and how many articles it has, is read once (one index-friendly query of those three
columns) and kept in the site cache until the next change or the next day
(corporate/core/site_cache.py); a page is then "the ``per_page`` articles at or after its first
key", which PostgreSQL finds as quickly on page 500 as on page 1, and no request counts the
archive. Django's Paginator still does the numbering, so ``?page=N`` and the templates are as
before."""

from django.core.paginator import Paginator
from django.db.models import Q

from corporate.core import site_cache

ORDER = ("-date", "-first_published_at", "-id")
KEY_FIELDS = ("date", "first_published_at", "id")


def page_starts(articles, per_page):
    """{'count': n, 'starts': [the key of the first article of each page], 'keyed': whether
    every key is whole (an article never published has no first publication date, and SQL
    cannot compare a missing value: such a list is paged by OFFSET)}."""
    keys = list(articles.order_by(*ORDER).values_list(*KEY_FIELDS))
    keyed = all(None not in key for key in keys)
    return {"count": len(keys), "starts": keys[::per_page], "keyed": keyed}


def at_or_after(key):
    """Articles at or after ``key`` in the list's order (newest first)."""
    date, published, pk = key
    return (
        Q(date__lt=date)
        | Q(date=date, first_published_at__lt=published)
        | Q(date=date, first_published_at=published, id__lte=pk)
    )


class KeyedArticles:
    """What the Paginator pages: its length comes from the cached starts, a slice from one
    keyed query."""

    def __init__(self, articles, index, per_page):
        self.articles = articles
        self.index = index
        self.per_page = per_page

    def count(self):
        return self.index["count"]

    def __len__(self):
        return self.index["count"]

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        start = item.start or 0
        stop = self.index["count"] if item.stop is None else item.stop
        number, offset = divmod(start, self.per_page)
        starts = self.index["starts"]
        if offset or number >= len(starts) or not self.index["keyed"]:
            # Not a page boundary (or keys SQL cannot compare): the plain OFFSET query.
            return list(self.articles.order_by(*ORDER)[start:stop])
        queryset = self.articles.filter(at_or_after(starts[number])).order_by(*ORDER)
        return list(queryset[: stop - start])


def keyed_paginator(articles, per_page, *cache_parts):
    """A Paginator over ``articles`` (a listable queryset) whose count and page starts are
    cached under ``cache_parts`` (the list's page, address and the news clock)."""
    index = site_cache.cached(
        "news-page-starts",
        lambda: page_starts(articles, per_page),
        *cache_parts,
        per_page,
        per_language=False,
    )
    return Paginator(KeyedArticles(articles, index, per_page), per_page)
