"""Benchmarks that print figures (`make bench`); they never fail on a time.

Each module here that has a ``run()`` is run by ``python -m tests.bench`` in its own process,
with its own throw-away PostgreSQL database (see ``bench_database``), so that nothing touches
the development or test data."""

import contextlib
import os
from urllib.parse import urlparse, urlunparse


def _server_url(database_url, dbname):
    parts = urlparse(database_url)
    return urlunparse(parts._replace(path=f"/{dbname}"))


@contextlib.contextmanager
def bench_database(name):
    """Create database ``name`` on the server of DATABASE_URL, point DATABASE_URL at it, and
    drop it afterwards."""
    import psycopg

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/guoping")
    if not base.startswith(("postgres://", "postgresql://")):
        raise SystemExit("The benchmarks need DATABASE_URL to point at PostgreSQL.")
    admin_url = _server_url(base, "postgres")

    def execute(sql):
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(sql)

    execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = _server_url(base, name)
    try:
        yield os.environ["DATABASE_URL"]
    finally:
        from django.db import connections

        connections.close_all()
        execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        os.environ["DATABASE_URL"] = base


def setup_django(settings="corporate.settings.test"):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def print_table(title, headers, rows):
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    print(f"\n{title}\n" + "-" * len(title))
    print(line.format(*headers))
    for row in rows:
        print(line.format(*[str(x) for x in row]))
