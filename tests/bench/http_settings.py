"""Production settings with the bench's constant view (tests/bench/http_urls.py): what
tests/bench/http.py serves with gunicorn. Everything else comes from the environment, as in
production (SECRET_KEY, DATABASE_URL, REDIS_URL, ...)."""

from corporate.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench.http_urls"
