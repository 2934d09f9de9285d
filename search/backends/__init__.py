"""The Chinese-aware search backend: Wagtail's own database backend (from modelsearch),
subclassed so that Chinese is segmented at index time and at query time.

Settings (``WAGTAILSEARCH_BACKENDS["default"]``)::

    "BACKEND": "search.backends",
    "SEARCH_CONFIG": "english",           # PostgreSQL text search configuration (stemming)
    "CHINESE_SEGMENTATION": "bigram",     # or "jieba"

Like ``modelsearch.backends.database``, this module picks the class for the database in use, and
imports only that database's module: modelsearch's SQLite module looks up a model that exists
only on SQLite (and the PostgreSQL one needs django.contrib.postgres).
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection


def SearchBackend(params):  # noqa: N802 (modelsearch looks this name up)
    if connection.vendor == "postgresql":
        from .postgres import ChinesePostgresSearchBackend

        return ChinesePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

        if fts5_available() and fts_table_exists():
            from .sqlite import ChineseSQLiteSearchBackend

            return ChineseSQLiteSearchBackend(params)
        raise ImproperlyConfigured(
            "The Chinese-aware search needs SQLite with FTS5 (and `manage.py migrate`)."
        )
    raise ImproperlyConfigured(
        f"The Chinese-aware search supports PostgreSQL and SQLite, not {connection.vendor}."
    )
