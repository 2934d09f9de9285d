"""Production: every secret and host comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, os

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production")
DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))  # noqa: F405
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
}

# --- Machine translation (wagtail-localize) --------------------------------------------------
# Off unless DEEPL_AUTH_KEY is set; then wagtail-localize's editor offers DeepL
# (a key ending in ":fx" uses DeepL's free API). Machine output is a draft for a translator.
#
# Glossary: wagtail-localize 1.14.5's DeepL translator passes a glossary id per language pair
# (OPTIONS["GLOSSARY_IDS"], keys are DeepL's (source, target) codes, here ("ZH", "EN")); it
# cannot upload one. Create the glossary once from the project's terminology (the company's
# preferred English, glossary.zh-en.tsv: columns zh, en, note, with a header line) and put its
# id in DEEPL_GLOSSARY_ID:
#   tail -n +2 glossary.zh-en.tsv | cut -f1,2 > /tmp/entries.tsv
#   curl -X POST https://api.deepl.com/v2/glossaries \
#     -H "Authorization: DeepL-Auth-Key $DEEPL_AUTH_KEY" \
#     --data-urlencode name=guoping-zh-en --data-urlencode source_lang=zh \
#     --data-urlencode target_lang=en --data-urlencode entries_format=tsv \
#     --data-urlencode entries@/tmp/entries.tsv
# DeepL glossaries cannot be edited: when the terminology changes, create a new one and
# change DEEPL_GLOSSARY_ID.
if os.environ.get("DEEPL_AUTH_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {
            "AUTH_KEY": os.environ["DEEPL_AUTH_KEY"],
            "FORMALITY": os.environ.get("DEEPL_FORMALITY", "prefer_more"),
            "TIMEOUT": int(os.environ.get("DEEPL_TIMEOUT", "30")),
            "GLOSSARY_IDS": (
                {("ZH", "EN"): os.environ["DEEPL_GLOSSARY_ID"]}
                if os.environ.get("DEEPL_GLOSSARY_ID")
                else {}
            ),
        },
    }
