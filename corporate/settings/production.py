"""Production: every secret and host comes from the environment (.env.example lists them;
README "Deploying" explains them). `make serve` runs it behind nginx on one machine."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import _TASK_BACKENDS, env_bool, os

if not SECRET_KEY or SECRET_KEY.startswith("change-me"):  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in production (not .env.example's)")
DEBUG = False

# Behind nginx (deploy/nginx.conf), which drops the client's X-Forwarded-* headers and sets
# its own: only then is X-Forwarded-Proto trusted, and X-Real-IP taken as the client address.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    INQUIRY_CLIENT_IP_HEADER = INQUIRY_CLIENT_IP_HEADER or "HTTP_X_REAL_IP"  # noqa: F405

# HTTPS: on by default. A machine served over plain http on 127.0.0.1 (`make serve`'s local
# .env) turns these off; a real deployment keeps them on.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Asking browsers to put the domain on their built-in HSTS list is a separate decision, taken
# by setting SECURE_HSTS_PRELOAD=true once every subdomain serves HTTPS; until then the check
# that recommends it (security.W021) stays quiet.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Static files: hashed names and gzip/brotli copies made by collectstatic (WhiteNoise's storage);
# nginx serves them from STATIC_ROOT with a year's cache and gzip_static.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}

# Background tasks on the database, run by `manage.py db_worker` (deploy/guoping-worker.service).
TASKS = {  # noqa: F405
    "default": {"BACKEND": _TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "database").strip()]}
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

# ---------------------------------------------------------------------------------------------
# Site search on Elasticsearch or OpenSearch (optional; issue 4). The default search is the
# Chinese-aware database backend (search/backends, see base.py), which suits this site. A site
# that outgrows PostgreSQL sets SEARCH_BACKEND to one of Wagtail's backends below, installs the
# matching client (elasticsearch 8.x / opensearch-py 2.x) and a Chinese analysis plugin on the
# cluster: analysis-smartcn (`bin/elasticsearch-plugin install analysis-smartcn`) or IK
# (analysis-ik), then runs `manage.py update_index`. NOT exercised by this project's tests or
# benchmark: no cluster runs here.
#   SEARCH_BACKEND=wagtail.search.backends.elasticsearch8    (or ...opensearch2)
#   SEARCH_URL=https://search.internal:9200                  (comma-separated for several)
#   SEARCH_INDEX=guoping
#   SEARCH_CHINESE_ANALYZER=smartcn                          (or ik for IK)
if os.environ.get("SEARCH_BACKEND"):
    # Tokenizer names the plugins register: smartcn_tokenizer (analysis-smartcn), ik_max_word (IK)
    _tokenizer = {"smartcn": "smartcn_tokenizer", "ik": "ik_max_word"}[
        os.environ.get("SEARCH_CHINESE_ANALYZER", "smartcn")
    ]
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ["SEARCH_BACKEND"],
            "URLS": [u.strip() for u in os.environ.get("SEARCH_URL", "").split(",") if u.strip()],
            "INDEX": os.environ.get("SEARCH_INDEX", "guoping"),
            "TIMEOUT": int(os.environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            # Merged into Wagtail's index settings: full-text fields take the index's "default"
            # analyzer, autocomplete fields Wagtail's edgengram_analyzer; both now cut Chinese.
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            "default": {
                                "type": "custom",
                                "tokenizer": _tokenizer,
                                "filter": ["lowercase", "porter_stem"],
                            },
                            "edgengram_analyzer": {
                                "type": "custom",
                                "tokenizer": _tokenizer,
                                "filter": ["asciifolding", "lowercase", "edgengram"],
                            },
                        }
                    }
                }
            },
        }
    }
