"""What the pytest-xdist workers of one run build once and share (tests/conftest.py uses it).

Each worker has a test database of its own (test_<name>_gw0, _gw1 …). Without sharing, each
one runs every migration and builds every database state (the demo site above all) itself, so
on a 2-core machine the two workers do the same minutes of work side by side. With it:

- **The migrated database**: the first worker to get there migrates its database and copies it
  into a template database (``CREATE DATABASE … TEMPLATE``); every other worker that needs a new
  database clones that template, which takes a second or two.
- **Database states** (``tests.helpers.shared_state``): the first worker to build a state
  writes its snapshot tables (``COPY … TO STDOUT``, PostgreSQL's binary format), its media
  files and what the builder returned into the run's directory; another worker that asks for
  the same state loads them instead of building it. Building one state locks only that state:
  a worker waits only for a state it needs and another worker is building.

The run's directory (``$TMPDIR/pytest-shared-<run id>``) and the template database are removed
by the controller process when the run ends. With one process (``-p no:xdist``) nothing is
shared and nothing changes.
"""

import contextlib
import fcntl
import os
import pickle
import shutil
import tempfile
import uuid
from pathlib import Path

import psycopg
from django.conf import settings
from django.db import connections

RUN_ID_ENV = "PYTEST_XDIST_TESTRUNUID"


def configure_controller(config):
    """In the controller of an xdist run: fix the run's id (which xdist hands to every worker)
    so that the controller knows the shared directory it must remove at the end."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    if getattr(config.option, "dist", "no") == "no":
        return
    if not config.option.testrunuid:
        config.option.testrunuid = uuid.uuid4().hex
    config._shared_directory = directory_for(config.option.testrunuid)


def unconfigure_controller(config):
    directory = getattr(config, "_shared_directory", None)
    if directory is None or not directory.exists():
        return
    template = directory / "template-database"
    if template.exists():
        with contextlib.suppress(psycopg.Error):
            drop_database(template.read_text(encoding="utf-8"))
    shutil.rmtree(directory, ignore_errors=True)


def directory_for(run_id):
    return Path(tempfile.gettempdir()) / f"pytest-shared-{run_id}"


class Share:
    """This worker's side of the sharing; ``None`` of it applies outside an xdist worker."""

    def __init__(self, config):
        workerinput = getattr(config, "workerinput", None)
        self.directory = directory_for(workerinput["testrunuid"]) if workerinput else None

    @property
    def active(self):
        return self.directory is not None

    @contextlib.contextmanager
    def lock(self, name, wait=True):
        """Hold ``name``'s lock (one worker at a time); yields ``name``'s directory, or None
        without ``wait`` when another worker holds it."""
        self.directory.mkdir(exist_ok=True)
        with open(self.directory / f"{name}.lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield None
                return
            try:
                yield self.directory / name
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


# -- the migrated database ----------------------------------------------------------------------


def _server():
    database = settings.DATABASES["default"]
    return {
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }


def _quoted(name):
    return '"' + name.replace('"', '""') + '"'


def database_exists(name):
    with psycopg.connect(**_server()) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def drop_database(name):
    with psycopg.connect(**_server()) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")


def clone_database(template, name):
    with psycopg.connect(**_server()) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {_quoted(name)} TEMPLATE {_quoted(template)}")


def set_up_database(share, test_database, must_create, set_up):
    """Run ``set_up(keepdb)`` (Django's ``setup_databases``) for this worker's test database
    ``test_database``, migrating it only if no other worker of this run has done so; returns
    what ``set_up`` returned."""
    if not share.active or not must_create:
        return set_up(keepdb=not must_create)
    with share.lock("database") as record:
        if record.exists():
            clone_database(record.read_text(encoding="utf-8"), test_database)
            return set_up(keepdb=True)  # finds every migration applied
        result = set_up(keepdb=False)
        connections.close_all()  # a template has no other connection
        template = test_database.rsplit("_gw", 1)[0] + "_template"
        clone_database(test_database, template)
        (share.directory / "template-database").write_text(template, encoding="utf-8")
        record.write_text(template, encoding="utf-8")
        return result


# -- database states ------------------------------------------------------------------------------

SEQUENCES = ".sequences"


def export_state(cursor, schema, directory, result, media_roots, fingerprint):
    """Write the snapshot schema's tables, the media folders and the builder's (frozen)
    result into ``directory``, with the fingerprint of the database's schema (its migrations
    and columns). Returns False (and writes nothing) when the result cannot be pickled: that
    state is then built by each worker."""
    try:
        pickled = pickle.dumps(result)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    (partial / "tables").mkdir(parents=True)
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s", [schema])
    for (table,) in cursor.fetchall():
        binary = table != SEQUENCES
        form = " (FORMAT binary)" if binary else ""
        with (
            open(partial / "tables" / table, "wb") as out,
            cursor.cursor.copy(f'COPY "{schema}"."{table}" TO STDOUT{form}') as copy,
        ):
            for data in copy:
                out.write(data)
    for index, root in enumerate(media_roots):
        if Path(root).exists():
            shutil.copytree(root, partial / "media" / str(index), symlinks=True)
    (partial / "result.pickle").write_bytes(pickled)
    (partial / "fingerprint").write_text(fingerprint, encoding="utf-8")
    partial.rename(directory)
    return True


def exported(directory, fingerprint):
    """Whether another worker exported the state into ``directory`` from a database with
    the same columns in the same order as this one's (binary COPY needs that)."""
    saved = directory / "fingerprint"
    return saved.exists() and saved.read_text(encoding="utf-8") == fingerprint


def import_state(cursor, schema, directory, media_roots):
    """Create the snapshot schema from what ``export_state`` wrote; returns the builder's
    (frozen) result."""
    cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}"')
    for path in sorted((directory / "tables").iterdir()):
        table = path.name
        if table == SEQUENCES:
            cursor.execute(f'CREATE TABLE "{schema}"."{table}" (name text, last_value bigint)')
            form = ""
        else:
            cursor.execute(
                f'CREATE TABLE "{schema}"."{table}" AS TABLE public."{table}" WITH NO DATA'
            )
            form = " (FORMAT binary)"
        with (
            open(path, "rb") as source,
            cursor.cursor.copy(f'COPY "{schema}"."{table}" FROM STDIN{form}') as copy,
        ):
            while data := source.read(1 << 20):
                copy.write(data)
    for index, root in enumerate(media_roots):
        saved = directory / "media" / str(index)
        if saved.exists():
            shutil.copytree(saved, root, symlinks=True, dirs_exist_ok=True)
    return pickle.loads((directory / "result.pickle").read_bytes())


def run_directory():
    """The run's shared directory in an xdist worker (made if missing), else None."""
    run_id = os.environ.get(RUN_ID_ENV)
    if not run_id:
        return None
    directory = directory_for(run_id)
    directory.mkdir(exist_ok=True)
    return directory
