"""Development: the run command. SQLite file, console e-mail, DEBUG on."""

from .base import *  # noqa: F403
from .base import env_bool, os

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
ALLOWED_HOSTS = ["*"]

# --- Machine translation (wagtail-localize) --------------------------------------------------
# Off by default. MACHINE_TRANSLATION=dummy turns on wagtail-localize's dummy translator, which
# reverses word order: enough to try the "Machine translate" button without an account.
if os.environ.get("MACHINE_TRANSLATION", "").strip().lower() == "dummy":
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
