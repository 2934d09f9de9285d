"""Settings shared by every environment. Values that differ per deployment come from
environment variables; README lists each one."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "corporate.core",
    "corporate.inquiries",
    "corporate.translations",
    "corporate.imports",
    "corporate.reports",
    "corporate.capabilities",
    "corporate.cases",
    "corporate.downloads",
    "corporate.notices",
    "corporate.demo",
    "corporate.operations",
    "home",
    "news",
    "search",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # One memo per request for what the chrome reads (corporate/core/site_cache.py).
    "corporate.core.site_cache.RequestMemoMiddleware",
    "corporate.operations.csp.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "corporate.operations.bodylimit.BodySizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Drops LocaleMiddleware's "Vary: Accept-Language" outside /admin/ (the address says the
    # language), so Varnish keeps one copy of a Chinese page.
    "corporate.core.middleware.NoAcceptLanguageVaryMiddleware",
    # LocaleMiddleware picks zh-hans for "/" and en for "/en/" (i18n_patterns), and the
    # browser's language for /admin/.
    "django.middleware.locale.LocaleMiddleware",
    "corporate.core.middleware.AdminLanguageMiddleware",
    # A body in another charset than UTF-8 is refused with 400 before anything reads it.
    "corporate.core.bad_requests.RefuseForeignCharsetMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A refused publish (untranslated Chinese, corporate/core/localize_gaps/publish_guard.py)
    # becomes a message and a redirect, wherever it is raised.
    "corporate.core.localize_gaps.publish_guard.PublishGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Caps page cache lifetimes at the next start or end of a site notice.
    "corporate.notices.middleware.NoticeCacheMiddleware",
    # Last: turns a locked-out admin sign-in into the lock-out page (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "corporate.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "corporate.wsgi.application"

# SQLite file by default (the run command); PostgreSQL via DATABASE_URL (tests, production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Chinese is the source language, served without prefix.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文"), ("en", "English")]
# Languages nobody translates: the Traditional Chinese site (/zh-hant/) is generated from the
# Simplified one by OpenCC through wagtail-localize on every publish
# (corporate/translations/traditional.py), with Taiwan ("tw": 软件 → 軟體) or Hong Kong ("hk")
# phrasing.
GENERATED_LANGUAGES = ["zh-hant"]
TRADITIONAL_CHINESE_PHRASING = os.environ.get("TRADITIONAL_CHINESE_PHRASING", "tw").strip()
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["corporate.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Files never served by address (import uploads, test report PDFs): outside MEDIA_ROOT, handed
# out only by views that check who asks (corporate/imports/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))

# Cache: Redis when REDIS_URL is set (production: shared by every app server process, so rate
# limits and sessions hold across them; redis-py uses hiredis to parse), process memory
# otherwise. Sessions live in the same Redis then.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "guoping"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background tasks (django-tasks): run in the request on the immediate backend (development,
# tests); TASKS_BACKEND=database (production's default) queues them in the database for the
# worker, `manage.py db_worker` (django-tasks-db). Failed tasks are retried after
# TASK_RETRY_DELAY, 2 x, 4 x ... seconds, TASK_MAX_ATTEMPTS attempts in all.
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {
    "default": {"BACKEND": _TASK_BACKENDS[os.environ.get("TASKS_BACKEND", "immediate").strip()]}
}
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "5"))
TASK_RETRY_DELAY = float(os.environ.get("TASK_RETRY_DELAY", "30"))

# Admin sign-in throttle (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user
# name from one address, that pair is locked out for AXES_COOLOFF_HOURS (or until an
# administrator unlocks it: Settings > Sign-in lock-outs, or `manage.py axes_reset`).
AUTHENTICATION_BACKENDS = [
    "corporate.operations.auth.RequestAxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "corporate.operations.auth.client_ip"
AXES_LOCKOUT_CALLABLE = "corporate.operations.auth.lockout_response"
AXES_ENABLE_ADMIN = False  # no Django admin: the lock-outs are listed in Wagtail's admin


def inline_hashes(template, tag):
    """CSP hashes ('sha256-…') of the inline <script>/<style> elements of a site template, so
    the policy follows the template when it changes (tests/test_production_headers.py checks
    every inline element of the rendered pages is allowed)."""
    import base64
    import hashlib
    import re

    text = (PROJECT_DIR / "core" / "templates" / template).read_text(encoding="utf-8")
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
        for body in re.findall(rf"<{tag}>(.*?)</{tag}>", text, flags=re.S)
    ]


# Content-Security-Policy (django-csp): the public site runs no inline code but what the hashes
# allow; the admin (Wagtail's and wagtail-localize's templates carry inline scripts and style
# attributes) gets CONTENT_SECURITY_POLICY_ADMIN (corporate/operations/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *inline_hashes("base.html", "script")],
        "style-src": ["'self'", *inline_hashes("500.html", "style")],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],  # the admin's preview shows pages in a frame
    }
}
# Origins added to the public policy per request: the analytics and WeChat scripts an editor
# switched on in the SEO settings (each callable takes the request, returns {directive: [origins]}).
CSP_SOURCES_CALLABLES = ["corporate.core.seo.thirdparty.csp_sources"]
CONTENT_SECURITY_POLICY_ADMIN = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Permissions-Policy (django-permissions-policy): nothing the site does not use; the news
# pages' "copy link" writes to the clipboard.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "clipboard-write": ["self"],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
# Request bodies outside /admin/ (the inquiry form, search) are refused above this size (413).
PUBLIC_MAX_BODY_SIZE = int(os.environ.get("PUBLIC_MAX_BODY_SIZE", str(1024 * 1024)))
# Days of the search log (Reports > Searches that found nothing) kept; older days are deleted.
SEARCH_LOG_RETENTION_DAYS = int(os.environ.get("SEARCH_LOG_RETENTION_DAYS", "180"))
# dumpdata --natural-foreign keeps Wagtail's log entries of deleted pages (their raw ids).
SERIALIZATION_MODULES = {"json": "corporate.operations.serializers"}

# E-mail: console in development; SMTP settings from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "website@guoping-testing.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Inquiry form: submissions per client address and window (seconds); behind a trusted reverse
# proxy, the request header that carries the client's address (e.g. HTTP_X_REAL_IP).
INQUIRY_RATE_LIMIT = (
    int(os.environ.get("INQUIRY_RATE_LIMIT_COUNT", "5")),
    int(os.environ.get("INQUIRY_RATE_LIMIT_WINDOW", "600")),
)
INQUIRY_CLIENT_IP_HEADER = os.environ.get("INQUIRY_CLIENT_IP_HEADER", "")

# Report verification: lookups per client address and window (seconds); the key of the
# verification codes' hash (default SECRET_KEY: changing it invalidates every stored code).
REPORTS_LOOKUP_RATE_LIMIT = (
    int(os.environ.get("REPORTS_LOOKUP_RATE_LIMIT_COUNT", "10")),
    int(os.environ.get("REPORTS_LOOKUP_RATE_LIMIT_WINDOW", "600")),
)
REPORTS_CLIENT_IP_HEADER = os.environ.get("REPORTS_CLIENT_IP_HEADER", INQUIRY_CLIENT_IP_HEADER)
REPORTS_CODE_SECRET = os.environ.get("REPORTS_CODE_SECRET", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "corporate": {"level": os.environ.get("LOG_LEVEL", "INFO")},
        "jieba": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = _("Shandong Guoping Testing Service")
# The site's public address (https://www.example.com): the Site record follows it on every
# migrate, and every absolute URL (canonical, hreflang, sitemap, feeds, share cards, e-mails)
# is built from that Site. `make run` sets it to the address it serves.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL or "http://127.0.0.1:8000")
# New and moved addresses pushed to search engines on publish (corporate/core/seo/push.py), each
# engine off while its credentials are unset: Baidu's 普通收录 API (site as registered in Baidu's
# webmaster tools, and its token) and IndexNow (a key of 8-128 letters, digits or dashes, served
# at /<key>.txt). The endpoints can be pointed elsewhere (tests use a local server).
BAIDU_PUSH_SITE = os.environ.get("BAIDU_PUSH_SITE", "")
BAIDU_PUSH_TOKEN = os.environ.get("BAIDU_PUSH_TOKEN", "")
BAIDU_PUSH_ENDPOINT = os.environ.get("BAIDU_PUSH_ENDPOINT", "http://data.zz.baidu.com/urls")
INDEXNOW_KEY = os.environ.get("INDEXNOW_KEY", "")
INDEXNOW_ENDPOINT = os.environ.get("INDEXNOW_ENDPOINT", "https://api.indexnow.org/indexnow")
SEARCH_PUSH_TIMEOUT = float(os.environ.get("SEARCH_PUSH_TIMEOUT", "10"))
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Varnish in front (deploy/varnish; `make serve` sets VARNISH_URL): publishing, unpublishing,
# moving and deleting a page purge every address that shows it
# (corporate/operations/frontend_cache.py). Languages are handled there (translations), not by
# Wagtail's URL rewriting. VARNISH_TTL: how long Varnish keeps a page that states no lifetime,
# which the notices' cache cap must know.
VARNISH_URL = os.environ.get("VARNISH_URL", "").strip().rstrip("/")
VARNISH_TTL = int(os.environ.get("VARNISH_TTL", "3600"))
if VARNISH_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "corporate.operations.frontend_cache.VarnishBackend",
            "LOCATION": VARNISH_URL,
        }
    }
    NOTICES_SHARED_CACHE_DEFAULT_TTL = VARNISH_TTL
WAGTAILFRONTENDCACHE_LANGUAGES = []
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Site search: Wagtail's database backend, subclassed in search/backends to segment Chinese
# (see search/analysis.py). production.py can move it to Elasticsearch/OpenSearch.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "SEARCH_CONFIG": "english",  # PostgreSQL: stems English words
        "CHINESE_SEGMENTATION": os.environ.get("SEARCH_CHINESE_SEGMENTATION", "bigram"),
    },
}

# wagtail-localize: machine translation is off unless configured (see dev.py / production.py).
WAGTAILLOCALIZE_JOBS = {"BACKEND": "wagtail_localize.tasks.ImmediateBackend"}

# --- Translation workflow (wagtail-localize) ------------------------------------------------
# A page submitted for translation starts as an unpublished English draft, whatever the state
# of its Chinese source: wagtail-localize would otherwise publish it at once, filled with the
# Chinese text, and Chinese would show under /en/. Translators publish once translated.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation: off unless dev.py / production.py set WAGTAILLOCALIZE_MACHINE_TRANSLATOR
# (the "Machine translate" button of wagtail-localize's editor appears only then).
