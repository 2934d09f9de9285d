"""Development: the run command. SQLite file, console e-mail, DEBUG on."""

from .base import *  # noqa: F403
from .base import DATABASES, env_bool, os

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ["*"]

# --- SQLite (the make run database) -----------------------------------------------------------
# Write-ahead logging: readers and the one writer no longer block each other. A writer that
# finds the database busy waits up to 20 s instead of failing with "database is locked", and a
# transaction takes the write lock when it begins (IMMEDIATE), so two requests that both read,
# then write (an autosave and a publish at once) queue instead of one failing on the upgrade.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# --- Machine translation (wagtail-localize) --------------------------------------------------
# Off by default. MACHINE_TRANSLATION=dummy turns on wagtail-localize's dummy translator, which
# reverses word order: enough to try the "Machine translate" button without an account.
if os.environ.get("MACHINE_TRANSLATION", "").strip().lower() == "dummy":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
