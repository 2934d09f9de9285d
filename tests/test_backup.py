"""`make backup` / `make restore` (deploy/backup.py) on the full demo: back up its database and
media, restore both into a new database and an empty media directory, and find the same site:
the same counts of pages, revisions, translations, images, documents, inquiries, search index
entries and log rows, the same files, and the same rendered pages."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]

# The pages compared before and after the restore.
PAGES = ["/", "/en/", "/services/", "/en/services/", "/news/", "/contact/", "/search/?q=土壤"]

SUMMARY = f"PAGES = {PAGES!r}\n" + textwrap.dedent(
    """
    import hashlib, json, re
    from django.apps import apps
    from django.core.files.storage import default_storage
    from django.test import Client
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageLogEntry, Revision
    counts = {
        label: apps.get_model(label).objects.count()
        for label in [
            "wagtailcore.Page", "wagtailcore.Revision", "wagtailcore.PageLogEntry",
            "wagtail_localize.Translation", "wagtail_localize.TranslationSource",
            "wagtail_localize.StringTranslation", "wagtailimages.Image",
            "wagtailimages.Rendition", "wagtaildocs.Document", "inquiries.InquirySubmission",
            "wagtailsearch.IndexEntry", "search.SearchQueryLog", "search.SearchSynonym",
        ]
    }
    files = sorted(
        f.name for f in [*(i.file for i in get_image_model().objects.all()),
                         *(d.file for d in get_document_model().objects.all())]
        if default_storage.exists(f.name)
    )
    client = Client()
    pages = {}
    for url in PAGES:
        response = client.get(url)
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        pages[url] = [response.status_code, hashlib.sha256(html.encode()).hexdigest()]
    print(json.dumps({"counts": counts, "files": files, "pages": pages}))
    """
)

SEED = textwrap.dedent(
    """
    from wagtail.models import Locale
    from corporate.inquiries.models import ContactPage, InquirySubmission
    from search.models import SearchQueryLog
    page = ContactPage.objects.get(locale__language_code="zh-hans")
    InquirySubmission.objects.create(page=page, form_data={"name": "张三"}, language="zh-hans")
    SearchQueryLog.record("土壤", Locale.objects.get(language_code="zh-hans"), 3)
    """
)


def database_url(database):
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database}"


def psql(sql, database="postgres"):
    url = database_url(database)
    result = subprocess.run(["psql", url, "-qc", sql], capture_output=True, text=True)
    if result.returncode:
        raise AssertionError(f"psql {sql!r} failed: {result.stderr}")
    return url


def run(args, env, check=True):
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    if check and result.returncode:
        raise AssertionError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def databases(_state_demo, transactional_db, tmp_path):
    """The source is a copy of this process's test database holding the session's demo site
    (built once per run, tests/conftest.py) as a visitor has seen it (its pages' image
    renditions made), without the tests' snapshot schemas (pg_dump, pg_restore), and a copy
    of its media in ``tmp_path / "media-a"``; the target does not exist yet."""
    client = Client()
    for url in PAGES:
        assert client.get(url).status_code == 200, url
    base = connection.settings_dict["NAME"]
    names = [f"{base}_backup_src", f"{base}_backup_dst"]
    for name in names:
        psql(f'DROP DATABASE IF EXISTS "{name}"')
    # Copied with pg_dump, not CREATE DATABASE … TEMPLATE: a template must have no other
    # connection, and this process may hold several (its live servers' threads).
    psql(f'CREATE DATABASE "{names[0]}"')
    source_url, target_url = map(database_url, names)
    dump = subprocess.run(
        ["pg_dump", "--format=custom", "--exclude-schema=pytest_state_*", database_url(base)],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(
        ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", source_url],
        input=dump,
        capture_output=True,
        check=True,
    )
    shutil.copytree(settings.MEDIA_ROOT, tmp_path / "media-a", symlinks=True)
    yield [source_url, target_url]
    for name in names:
        psql(f'DROP DATABASE IF EXISTS "{name}"')


def test_backup_then_restore_into_a_new_database_gives_the_same_site(databases, tmp_path):
    source_url, target_url = databases
    base_env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "corporate.settings.dev",
        "BACKUP_DIR": str(tmp_path / "backups"),
    }
    source = {**base_env, "DATABASE_URL": source_url, "MEDIA_ROOT": str(tmp_path / "media-a")}
    target = {**base_env, "DATABASE_URL": target_url, "MEDIA_ROOT": str(tmp_path / "media-b")}
    manage = [sys.executable, "manage.py"]
    run([*manage, "shell", "-v", "0", "-c", SEED], source)

    backup = run([sys.executable, "deploy/backup.py", "backup"], source)
    directory = Path(backup.stdout.strip().splitlines()[-1])
    assert sorted(p.name for p in directory.iterdir()) == ["SHA256SUMS", "db.dump", "media.tar.gz"]
    assert (directory / "db.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    checked = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=directory, capture_output=True, text=True
    )
    assert checked.returncode == 0 and checked.stdout.count(": OK") == 2

    run([sys.executable, "deploy/backup.py", "restore", str(directory)], target)
    # A second restore over the restored site is refused: a restore never mixes two sites.
    again = run(
        [sys.executable, "deploy/backup.py", "restore", str(directory)], target, check=False
    )
    assert again.returncode != 0 and "not empty" in again.stderr

    before = json.loads(
        run([*manage, "shell", "-v", "0", "-c", SUMMARY], source).stdout.splitlines()[-1]
    )
    after = json.loads(
        run([*manage, "shell", "-v", "0", "-c", SUMMARY], target).stdout.splitlines()[-1]
    )
    assert before["counts"]["wagtailcore.Page"] > 90  # the whole demo, both languages
    assert before["counts"]["wagtailimages.Image"] > 0 and before["files"]
    assert before["counts"]["inquiries.InquirySubmission"] == 1
    assert before["counts"]["wagtailsearch.IndexEntry"] > 0
    assert after["counts"] == before["counts"]
    assert after["files"] == before["files"]
    assert after["pages"] == before["pages"]
    assert all(status == 200 for status, _digest in after["pages"].values())

    # A damaged backup is refused before anything is touched.
    (directory / "media.tar.gz").write_bytes(b"damaged")
    damaged = run(
        [sys.executable, "deploy/backup.py", "restore", str(directory)], target, check=False
    )
    assert damaged.returncode != 0 and "checksum" in damaged.stderr


def test_dumpdata_with_natural_keys_keeps_the_log_of_a_deleted_page(db, tmp_path):
    from django.core.management import call_command
    from wagtail.models import Page, PageLogEntry

    from corporate.demo.roots import ensure_wagtail_roots
    from tests import factories

    root = ensure_wagtail_roots()
    page = factories.StandardPageFactory(parent=root, title="临时页面", slug="temporary")
    page_id = page.pk
    page.delete()
    assert PageLogEntry.objects.filter(page_id=page_id, action="wagtail.delete").exists()
    assert not Page.objects.filter(pk=page_id).exists()

    out = tmp_path / "dump.json"
    call_command(
        "dumpdata",
        "wagtailcore.pagelogentry",
        natural_foreign=True,
        natural_primary=True,
        output=str(out),
        verbosity=0,
    )
    entries = json.loads(out.read_text())
    deleted = [e for e in entries if e["fields"]["action"] == "wagtail.delete"]
    assert [e["fields"]["page"] for e in deleted if e["fields"]["page"] == page_id] == [page_id]
