"""Tests: PostgreSQL from DATABASE_URL, fast hashing, locmem e-mail."""

import os

from .base import *  # noqa: F403

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/guoping")
DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"])}  # noqa: F405
# A test database need not survive a crash: its commits (transactional tests, the database
# states of tests/conftest.py) do not wait for the disk.
if "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# pytest-xdist runs `make test` in two processes, each on its own database (test_<name>_gw0,
# _gw1): each gets its own media folders too.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
_SUFFIX = f"-{_WORKER}" if _WORKER else ""
MEDIA_ROOT = BASE_DIR / f".test-media{_SUFFIX}"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / f".test-private{_SUFFIX}"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
