"""Shared fixtures. Tests run against PostgreSQL (DATABASE_URL); see corporate/settings/test.py.

Sites (each built once per session; see "Database states" below). Every test gets fresh model
instances read from the database, and a non-transactional test's changes are rolled back:
- ``site_tree``: a small Chinese site (home, about, accreditation, services, news, contact,
  an article) built with the factories, with the default Site pointing at it. Nothing else is
  in the database.
- ``demo_site``: the full demo site (both languages) built by ``build_demo_site``; returns the
  default Site.
- ``demo_responses``: ``get(url, follow=False)``, an anonymous visitor's response from the
  demo site as built, rendered once per process, for the tests that read every page and
  change nothing.
- ``bilingual_tree``: ``site_tree`` translated into English through wagtail-localize's PO round
  trip (``tests.helpers.translate_tree``), the article left untranslated; ``(chinese, english)``.
- ``translated_tree``: the same with the article translated too; ``(chinese, english)``.
- ``chrome_site``: ``tests.helpers.build_bilingual_site()`` (the eight menu sections, both
  languages, English copies made with ``copy_for_translation``).
- ``inquiry_site``, ``inquiry_site_zh``: ``tests.helpers.build_inquiry_site()`` with and without
  its English translation.
- ``zh``, ``en``: the two locales.
- ``chromium``, ``browser_page``, ``screenshot``: headless Debian Chromium driven by Playwright
  (tests/browser/conftest.py).

Database states. A state is what the database holds before a test: "baseline" (the migrated
database) or one of the sites above. Each site is built once per session, committed, and
copied into a snapshot schema (``pytest_state_<name>``) of the test database. Before each test
the database is brought into the state the test asks for: nothing happens when it is already
there (the usual case: tests are ordered by state, see ``pytest_collection_modifyitems``);
otherwise the snapshot is restored (DELETE + INSERT … SELECT, well under a second even for the
demo site), committed, or inside the test's transaction when one is already open.
Transactional tests (``transaction=True``, ``live_server``) therefore start from their state
too, and what they leave is replaced by the next restore instead of Django's flush; the
session ends with the baseline restored. The baseline snapshot is kept between sessions with
``--reuse-db`` and taken again when the migrations change; a session that was interrupted is
detected (the database is marked dirty while a session runs) and the baseline is restored at
the start of the next one. Declare a state of your own with ``tests.helpers.shared_state``.

With pytest-xdist, the workers of a run share the migrated database and every state one of
them has built (tests/between_workers.py): each is made once per run, not once per worker.
"""

import hashlib
import time

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.test import TestCase, TransactionTestCase
from django.test.utils import setup_databases, teardown_databases
from django.utils import translation
from wagtail.models import Locale, Site

from tests import between_workers
from tests.helpers import (
    DemoPages,
    build_bilingual_site,
    build_demo,
    build_inquiry_site,
    make_site_tree,
    shared_state,
    translate_tree,
)

SESSION_STARTED = time.time()
CREATED_THIS_SESSION = []  # True once this process has made (or cloned) its test database
SESSION_STATES = []  # the session's DatabaseStates, once django_db_setup has run
META = "pytest_state_meta"
DB_FIXTURES = {
    "db",
    "transactional_db",
    "live_server",
    "_django_db_helper",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}
TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server", "django_db_reset_sequences"}


# -- the test database, migrated once per run ----------------------------------------------


def pytest_configure(config):
    between_workers.configure_controller(config)


def pytest_unconfigure(config):
    between_workers.unconfigure_controller(config)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's fixture of the same name, except that of an xdist run's workers only
    the first migrates a new database and the others clone it (tests/between_workers.py), and
    that the database states start here (``_db_states``) and end before the database goes."""
    share = between_workers.Share(request.config)

    def set_up(keepdb):
        return setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            aliases={"default"},
            serialized_aliases=set(),
            keepdb=keepdb,
        )

    with django_db_blocker.unblock():
        name = connection.creation._get_test_db_name()
        must_create = (
            django_db_createdb or not django_db_keepdb or not between_workers.database_exists(name)
        )
        CREATED_THIS_SESSION.append(must_create)
        old_config = between_workers.set_up_database(share, name, must_create, set_up)
        stop_states = _start_states(request.config)
    yield
    with django_db_blocker.unblock():
        stop_states()
        if not django_db_keepdb:
            teardown_databases(old_config, verbosity=request.config.option.verbose)


# -- which tests use the database, in which state ------------------------------------------


def _unittest_class(item):
    cls = getattr(item, "cls", None)
    return cls if isinstance(cls, type) and issubclass(cls, TransactionTestCase) else None


def uses_db(item):
    names = set(getattr(item, "fixturenames", ()))
    return bool(
        item.get_closest_marker("django_db") or names & DB_FIXTURES or _unittest_class(item)
    )


def is_transactional(item):
    cls = _unittest_class(item)
    if cls is not None:
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool(set(getattr(item, "fixturenames", ())) & TRANSACTIONAL_FIXTURES)


def wanted_state(item):
    states = sorted(
        name[len("_state_") :]
        for name in getattr(item, "fixturenames", ())
        if name.startswith("_state_")
    )
    if len(states) > 1:
        raise pytest.UsageError(f"{item.nodeid} asks for several database states: {states}")
    return states[0] if states else "baseline"


DEMO_STATES = {"demo", "demo_ten_times"}  # the demo site and the states built on it


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Files in this order: first the longest of the modules marked ``heavy`` that need the
    demo site (its process builds the demo, minutes); then the files that do not need the demo,
    which the other process runs meanwhile instead of waiting for it; then the files that need
    it. In each of the last two groups the ``heavy`` modules come first, longest first, so
    that neither process is left running one of them alone at the end.

    Inside a file: the tests without the database first (in a heavy module they run while the
    other process migrates the database); then the non-transactional database tests grouped by
    the state they need (the demo site last), then the transactional ones (the demo site first),
    then the tests without the database of the other modules (whose slow subprocesses, started by
    ``prepare_in_background``, have by then run beside the others): each state is entered once,
    and the demo site built for the first group serves the second.

    pytest-xdist (``--dist loadfile --no-loadscope-reorder``, as ``make test`` runs it) hands
    out whole files in the order their first test has here, one at a time to the process that
    is free (by default xdist would put files with many tests first)."""

    def minutes(item):
        heavy = item.get_closest_marker("heavy")
        return heavy.kwargs["minutes"] if heavy else 0

    def key(item):
        heavy = minutes(item) > 0
        if not uses_db(item):
            return (0 if heavy else 3, False, "")
        state = wanted_state(item)
        if is_transactional(item):
            return (2, state != "demo", state)
        return (1, state == "demo", "" if state == "baseline" else state)

    files = {}
    for item in items:
        files.setdefault(item.nodeid.split("::")[0], []).append(item)

    def needs_demo(tests):
        return any(uses_db(item) and wanted_state(item) in DEMO_STATES for item in tests)

    def file_key(name):
        tests = files[name]
        return (needs_demo(tests), -max(map(minutes, tests)), min(map(key, tests)))

    demo_heavy = [
        name for name in files if needs_demo(files[name]) and max(map(minutes, files[name]))
    ]
    first = max(demo_heavy, key=lambda name: max(map(minutes, files[name])), default=None)
    order = sorted(files, key=lambda name: (name != first, *file_key(name)))
    items[:] = [item for name in order for item in sorted(files[name], key=key)]


def pytest_collection_finish(session):
    """A test module may define ``prepare_in_background()``: it is called once, right after
    collection, when any of the module's tests is going to run, to start slow work outside this
    process (e.g. a subprocess) that then runs beside the other tests."""
    if session.config.option.collectonly:
        return
    modules = {}
    for item in session.items:
        module = getattr(item, "module", None)
        if module is not None:
            modules.setdefault(module.__name__, module)
    for module in modules.values():
        prepare = getattr(module, "prepare_in_background", None)
        if callable(prepare):
            prepare()


# -- snapshots of the whole database -------------------------------------------------------


class DatabaseStates:
    """Snapshots of every table of the ``public`` schema (except django_migrations) in schemas of
    their own, restored on demand. See the module docstring."""

    def __init__(self, share):
        self.share = share
        self.media_roots = [settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT]
        self.current = None
        self.results = {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                " AND tablename <> 'django_migrations' ORDER BY tablename"
            )
            self.tables = [row[0] for row in cursor.fetchall()]

    # The meta table remembers the baseline's fingerprint and whether a session is running.

    def fingerprint(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            migrations = cursor.fetchall()
            cursor.execute(
                "SELECT table_name, column_name, data_type, ordinal_position"
                " FROM information_schema.columns WHERE table_schema = 'public'"
                " ORDER BY table_name, ordinal_position"
            )
            columns = cursor.fetchall()
        return hashlib.sha256(repr((migrations, columns)).encode()).hexdigest()

    def _meta(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_regclass(%s)", [f"{META}.status"])
            if cursor.fetchone()[0] is None:
                return None
            cursor.execute(f"SELECT fingerprint, clean FROM {META}.status")
            return cursor.fetchone()

    def _set_meta(self, fingerprint, clean):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {META}")
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {META}.status (fingerprint text, clean boolean)"
            )
            cursor.execute(f"DELETE FROM {META}.status")
            cursor.execute(f"INSERT INTO {META}.status VALUES (%s, %s)", [fingerprint, clean])

    def _created_this_session(self):
        if any(CREATED_THIS_SESSION):
            return True
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT min(applied) >= to_timestamp(%s) FROM django_migrations",
                [SESSION_STARTED - 5],
            )
            return bool(cursor.fetchone()[0])

    def start(self):
        """Bring the database to its baseline at the start of a session."""
        fingerprint = self.fingerprint()
        meta = self._meta()
        self._drop_snapshots(keep_baseline=True)
        if self._created_this_session():
            self.save("baseline")
        elif meta is not None and meta[0] == fingerprint:
            self.restore("baseline")  # after an interrupted session, leftovers go here
        elif meta is not None and meta[1]:
            self.save("baseline")  # a clean database that --reuse-db has migrated further
        else:
            pytest.exit(
                "The reused test database may hold data from an interrupted test run and "
                "cannot be brought back to its migrated state: run pytest once with --create-db.",
                returncode=3,
            )
        self.current = "baseline"
        self._set_meta(fingerprint, clean=False)
        self.fingerprint_value = fingerprint

    def finish(self):
        self.restore("baseline")
        self._drop_snapshots(keep_baseline=True)
        self._set_meta(self.fingerprint_value, clean=True)

    def _drop_snapshots(self, keep_baseline):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'pytest\\_state\\_%%'"
                " AND nspname <> %s",
                [META],
            )
            schemas = [row[0] for row in cursor.fetchall()]
            for schema in schemas:
                if not (keep_baseline and schema == "pytest_state_baseline"):
                    cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')

    def save(self, name):
        schema = f"pytest_state_{name}"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT '{table}' FROM (SELECT 1 FROM public.\"{table}\" LIMIT 1) AS t"
                    for table in self.tables
                )
            )
            filled = [row[0] for row in cursor.fetchall()]
            cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}"')
            cursor.execute(
                "; ".join(
                    f'CREATE TABLE "{schema}"."{table}" AS TABLE public."{table}"'
                    for table in filled
                )
            )
            cursor.execute(
                f'CREATE TABLE "{schema}".".sequences" AS SELECT sequencename AS name, last_value'
                " FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL"
            )

    def restore(self, name):
        """Make the database hold exactly the snapshot ``name`` (inside the current transaction
        when one is open: the test's rollback then undoes it)."""
        schema = f"pytest_state_{name}"
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename <> '.sequences'",
                [schema],
            )
            saved = [row[0] for row in cursor.fetchall()]
            # Foreign keys are DEFERRABLE INITIALLY DEFERRED: the order does not matter.
            cursor.execute("; ".join(f'DELETE FROM public."{table}"' for table in self.tables))
            if saved:
                cursor.execute(
                    "; ".join(
                        f'INSERT INTO public."{table}" SELECT * FROM "{schema}"."{table}"'
                        for table in saved
                    )
                )
            # Sequences only move forward (setval is not rolled back): raise any that are behind
            # the snapshot, e.g. after something reset them.
            cursor.execute(
                f'SELECT s.name, s.last_value FROM "{schema}".".sequences" AS s'
                " JOIN pg_sequences AS p ON p.sequencename = s.name AND p.schemaname = 'public'"
                " WHERE p.last_value IS NULL OR p.last_value < s.last_value"
            )
            for sequence, value in cursor.fetchall():
                cursor.execute("SELECT setval(%s, %s)", [f'public."{sequence}"', value])
        ContentType.objects.clear_cache()
        cache.clear()

    # States as the tests see them.

    def build(self, name, build, base="baseline"):
        """Build a state from the baseline or another state (once per session) and snapshot
        it."""
        if connection.in_atomic_block:
            raise RuntimeError(f"database state {name!r} must be built outside a transaction")
        if not self.share.active:
            return self._build(name, build, base)
        with self.share.lock(f"state-{name}") as directory:
            if between_workers.exported(directory, self.fingerprint_value):
                with transaction.atomic(), connection.cursor() as cursor:
                    frozen = between_workers.import_state(
                        cursor, f"pytest_state_{name}", directory, self.media_roots
                    )
                self.restore(name)
                self.current = name
                self.results[name] = State(name, frozen)
                return self.results[name]
            state = self._build(name, build, base)
            with transaction.atomic(), connection.cursor() as cursor:
                between_workers.export_state(
                    cursor,
                    f"pytest_state_{name}",
                    directory,
                    state._frozen,
                    self.media_roots,
                    self.fingerprint_value,
                )
            return state

    def _build(self, name, build, base):
        self.restore(base)
        with transaction.atomic():
            result = build()
        self.save(name)
        self.current = name
        self.results[name] = State(name, _freeze(result))
        return self.results[name]

    def use(self, name):
        if self.current == name:
            return
        self.restore(name)
        if not connection.in_atomic_block:
            self.current = name


class State:
    def __init__(self, name, frozen):
        self.name = name
        self._frozen = frozen

    def fetch(self):
        """What the builder returned, every model instance read again from the database."""
        return _thaw(self._frozen)


class _Instance:
    def __init__(self, model, pk):
        self.model, self.pk = model, pk


def _freeze(value):
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return _Instance(type(value), value.pk)
    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_freeze(item) for item in value)
    return value


def _thaw(value):
    if isinstance(value, _Instance):
        return value.model._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_thaw(item) for item in value)
    return value


@pytest.fixture(scope="session")
def _db_states(django_db_setup):
    """The session's database states (see the module docstring), started with the test
    database (``django_db_setup``): when the first test that uses the database starts, before
    it opens a transaction. A test without the database never waits for the migrations."""
    return SESSION_STATES[0]


def _start_states(config):
    """Called by ``django_db_setup``; undone by the function it returns."""
    states = DatabaseStates(between_workers.Share(config))
    states.start()
    SESSION_STATES[:] = [states]
    # The next test restores its state, so a transactional test need not flush the database.
    original_teardown = TransactionTestCase._fixture_teardown

    def fixture_teardown(self):
        if self.serialized_rollback:
            return original_teardown(self)
        states.current = None

    TransactionTestCase._fixture_teardown = fixture_teardown

    def stop():
        TransactionTestCase._fixture_teardown = original_teardown
        states.finish()

    return stop


@pytest.fixture(autouse=True)
def _database_state(request, django_db_blocker):
    """Bring the database into the state this test asks for."""
    if not uses_db(request.node):
        yield
        return
    _db_states = request.getfixturevalue("_db_states")
    with django_db_blocker.unblock():
        _db_states.use(wanted_state(request.node))
    yield
    if is_transactional(request.node):
        _db_states.current = None  # whatever the test committed is still there


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths (and the rate limiter counts) in the cache, which a test's
    rollback does not undo: start every test with an empty one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language: a request a test made (LocaleMiddleware
    activates the visitor's language and leaves it active) or an ``activate`` it forgot to undo
    must not change the language of the next test run by the same worker."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# -- locales and sites ---------------------------------------------------------------------


@pytest.fixture
def zh(db):
    return Locale.objects.get_or_create(language_code="zh-hans")[0]


@pytest.fixture
def en(db):
    return Locale.objects.get_or_create(language_code="en")[0]


def _english():
    return Locale.objects.get_or_create(language_code="en")[0]


def _bilingual_tree():
    tree = make_site_tree()
    return tree, translate_tree(tree, _english(), skip={"article"})


def _translated_tree():
    tree = make_site_tree()
    return tree, translate_tree(tree, _english())


_state_demo = shared_state("demo", build_demo)
_state_site_tree = shared_state("site_tree", make_site_tree)
_state_bilingual_tree = shared_state("bilingual_tree", _bilingual_tree)
_state_translated_tree = shared_state("translated_tree", _translated_tree)
_state_chrome_site = shared_state("chrome_site", build_bilingual_site)
_state_inquiry_site = shared_state("inquiry_site", build_inquiry_site)
_state_inquiry_site_zh = shared_state("inquiry_site_zh", lambda: build_inquiry_site(english=False))


@pytest.fixture
def demo_site(_state_demo, db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def demo_responses(demo_site):
    """``get(url, follow=False)``: an anonymous visitor's response from the demo as built,
    rendered once per process (``tests.helpers.DemoPages``); only for tests that change
    nothing."""
    return DemoPages()


@pytest.fixture
def site_tree(_state_site_tree, zh):
    return _state_site_tree.fetch()


@pytest.fixture
def bilingual_tree(_state_bilingual_tree, zh, en):
    return _state_bilingual_tree.fetch()


@pytest.fixture
def translated_tree(_state_translated_tree, zh, en):
    return _state_translated_tree.fetch()


@pytest.fixture
def chrome_site(_state_chrome_site, db):
    return _state_chrome_site.fetch()


@pytest.fixture
def inquiry_site(_state_inquiry_site, db):
    return _state_inquiry_site.fetch()


@pytest.fixture
def inquiry_site_zh(_state_inquiry_site_zh, db):
    return _state_inquiry_site_zh.fetch()
