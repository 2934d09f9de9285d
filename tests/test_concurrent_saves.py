"""Nothing lost when two editors work at once: an autosave and a publish at the same moment both
succeed, on PostgreSQL (production, tests) and on the SQLite file of `make run` (WAL mode, busy
timeout and IMMEDIATE transactions in corporate/settings/dev.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from corporate.demo.roots import ensure_wagtail_roots
from tests import factories
from tests.concurrency import autosave_and_publish_at_once, check
from tests.helpers import migrated_sqlite, start_migrated_sqlite

# Scheduled early (conftest): its tests without the database (about 20 s) run while the other
# process migrates the test database, instead of waiting for it.
pytestmark = pytest.mark.heavy(minutes=1)


ROOT = Path(__file__).resolve().parents[1]

SQLITE_SCRIPT = r"""
import json
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model
from django.db import connection
from corporate.demo.roots import ensure_wagtail_roots
from tests import factories
from tests.concurrency import autosave_and_publish_at_once

root = ensure_wagtail_roots()
home = factories.HomePageFactory(parent=root, slug="concurrency-home")
first = factories.StandardPageFactory(parent=home, title="关于我们", slug="about")
second = factories.StandardPageFactory(parent=home, title="服务流程", slug="process")
user = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
connection.close()
results = autosave_and_publish_at_once(user, first.pk, second.pk)
results["journal_mode"] = journal
results["ids"] = [first.pk, second.pk]
print("RESULT " + json.dumps(results, ensure_ascii=False))
from tests.concurrency import check
check(results, first.pk, second.pk)
print("CHECKED")
"""


def pages():
    root = ensure_wagtail_roots()
    home = factories.HomePageFactory(parent=root, slug="concurrency-home")
    first = factories.StandardPageFactory(parent=home, title="关于我们", slug="about")
    second = factories.StandardPageFactory(parent=home, title="服务流程", slug="process")
    return first, second


@pytest.mark.django_db(transaction=True)
def test_autosave_and_publish_at_once_on_postgresql():
    first, second = pages()
    user = get_user_model().objects.create_superuser("admin", "a@example.com", "pw")
    results = autosave_and_publish_at_once(user, first.pk, second.pk)
    check(results, first.pk, second.pk)


def prepare_in_background():
    """Migrate the SQLite template while the other tests run (tests/conftest.py calls this)."""
    start_migrated_sqlite("corporate.settings.dev")


def test_autosave_and_publish_at_once_on_the_sqlite_file_of_make_run(tmp_path):
    # The script's migrate has no work left on a copy of the session's migrated template.
    database = migrated_sqlite(tmp_path / "db.sqlite3", "corporate.settings.dev")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "corporate.settings.dev",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, proc.stdout[-2000:] + proc.stderr[-4000:]
    results = json.loads(lines[-1][len("RESULT ") :])
    assert results["journal_mode"] == "wal"
    assert results["errors"] == []
    assert results["autosave"] == [True] * len(results["autosave"])
    assert results["publish"] == [302] * len(results["publish"])
    assert "CHECKED" in proc.stdout, proc.stderr[-4000:]
