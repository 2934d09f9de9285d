"""The Chinese-aware backend on SQLite (the `make run` database), in a separate process: the
search models are chosen per database vendor when Django starts."""

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from tests.helpers import migrated_sqlite, start_migrated_sqlite

ROOT = Path(__file__).resolve().parents[1]

CHECK = r"""
import json
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from wagtail.models import Locale, Page
from modelsearch.backends import get_search_backend
from tests.helpers import make_site_tree
from tests import factories
from search.query import site_search

zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
if Page.get_first_root_node() is None:
    Page.add_root(instance=Page(title="Root", slug="root", locale=zh, live=True))
tree = make_site_tree()
factories.StandardPageFactory(parent=tree["about"], title="危险废物说明", slug="hw",
                              intro="危险废物鉴别依据 HJ 298-2019。VOCs 检测。")
out = {"backend": type(get_search_backend()).__name__}
for q in ["壤", "土壤", "沉积物", "山东 执法", "水", "危废", "GB36600", "HJ 298", "!!!", "'\"*)("]:
    results, _ = site_search(q, zh)
    out[q] = [p.title for p in results]
out["suggest"] = [p.title for p in get_search_backend().autocomplete(
    "土壤", Page.objects.live().filter(locale=zh))]
print("RESULT " + json.dumps(out, ensure_ascii=False))
"""


_RUN = {}


def prepare_in_background():
    """Start the SQLite check as soon as the session has collected this module (tests/conftest.py
    calls this): it runs beside the other tests, on a copy of the session's migrated template."""
    start_migrated_sqlite()
    folder = Path(tempfile.mkdtemp(prefix="search-sqlite-"))
    stdout, stderr = open(folder / "stdout", "w+"), open(folder / "stderr", "w+")  # noqa: SIM115
    _RUN.update(folder=folder, stdout=stdout, stderr=stderr)

    def run():
        try:
            database = migrated_sqlite(folder / "search.sqlite3")  # the script's migrate: no work
        except RuntimeError as error:
            stderr.write(str(error))
            return
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "DJANGO_SETTINGS_MODULE": "corporate.settings.test",
            "PYTHONPATH": str(ROOT),
        }
        _RUN["process"] = subprocess.Popen(
            [sys.executable, "-c", CHECK],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
            text=True,
        )
        _RUN["process"].wait()

    _RUN["thread"] = threading.Thread(target=run, daemon=True)
    _RUN["thread"].start()
    atexit.register(_stop)


def _stop():
    """An interrupted session does not leave the check running."""
    process = _RUN.get("process")
    if process is not None and process.poll() is None:
        process.kill()
    shutil.rmtree(_RUN["folder"], ignore_errors=True)


@pytest.fixture(scope="module")
def sqlite_results():
    if not _RUN:
        prepare_in_background()
    _RUN["thread"].join()
    output = []
    for stream in (_RUN["stdout"], _RUN["stderr"]):
        stream.seek(0)
        output.append(stream.read())
        stream.close()
    shutil.rmtree(_RUN["folder"], ignore_errors=True)
    stdout, stderr = output
    lines = [line for line in stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, stdout[-2000:] + stderr[-4000:]
    return json.loads(lines[-1][len("RESULT ") :])


def test_sqlite_uses_the_chinese_aware_backend(sqlite_results):
    assert sqlite_results["backend"] == "ChineseSQLiteSearchBackend"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("壤", {"土壤检测", "土壤和水系沉积物"}),
        ("沉积物", {"土壤和水系沉积物"}),
        ("山东 执法", {"山东完善制度提高生态环境执法效能"}),
        ("水", {"土壤和水系沉积物"}),
        ("危废", {"危险废物说明"}),
        ("GB36600", {"土壤检测"}),
        ("HJ 298", {"危险废物说明"}),
    ],
)
def test_sqlite_finds_sub_words_synonyms_and_codes(sqlite_results, query, expected):
    assert expected <= set(sqlite_results[query])


def test_sqlite_ranks_title_matches_first_and_survives_odd_input(sqlite_results):
    assert sqlite_results["土壤"][:2] in (
        ["土壤检测", "土壤和水系沉积物"],
        ["土壤和水系沉积物", "土壤检测"],
    )
    assert sqlite_results["!!!"] == []
    assert sqlite_results["'\"*)("] == []
    assert "土壤检测" in sqlite_results["suggest"]
