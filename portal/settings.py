"""Settings of the portal.

Production differs from development only by environment variables (README,
"Configuration"). With no variable set the portal runs in debug mode on a
SQLite file next to manage.py, with the local-memory cache.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-mode-" + "x" * 20

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "import_export",
    "rest_framework",
    # API tokens for staff who write through the API; made and revoked in the admin.
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "portal",
    "indicators",
    "swot",
    "policies",
    "portal.datasets",
    "portal.site",
    "portal.ops",
]

MIDDLEWARE = [
    # First, so that every answer (redirects and errors too) is logged with its request id.
    "portal.ops.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Public pages kept whole: a reader's second visit skips everything below (portal.ops.page_cache).
    "portal.ops.page_cache.PageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A NUL character anywhere in the request is a 400 in the reader's language, before any view (portal.ops).
    "portal.ops.request_checks.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A view's database error becomes a 503 page instead of a 500 (its place among the others does not matter).
    "portal.ops.resilience.DatabaseUnavailableMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the "locked out" response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.site.context_processors.portal_frame",
            ],
        },
    },
]

# SQLite by default; DATABASE_URL=postgres://user@host:5432/name switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database host fails a request in seconds instead of hanging a worker.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# CACHE_URL=redis://host:6379/0 shares the cache between workers and hosts;
# without it each process keeps its own local-memory cache.
CACHE_URL = os.environ.get("CACHE_URL", "")
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            # A Redis that is down or unreachable is a cache miss, not an error page.
            "BACKEND": "portal.ops.resilience.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif CACHE_URL in ("", "locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif CACHE_URL == "dummy://":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
else:
    raise ImproperlyConfigured(f"CACHE_URL must be redis://…, locmem:// or dummy://, not {CACHE_URL!r}.")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. Kazakh is the state language and the default; content falls back
# kk -> ru -> en, ru -> en, en -> ru, so no title is ever shown empty.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Almaty")
# Django ships no Kazakh number and date formats; ours live in portal/formats/.
FORMAT_MODULE_PATH = ["portal.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("ru", "en"),
    "kk": ("ru", "en"),
    "ru": ("en", "kk"),
    "en": ("ru", "kk"),
}
# Names and titles must be written in these languages (portal.languages.required_in); the
# others may wait for their translator and fall back meanwhile.
REQUIRED_CONTENT_LANGUAGES = ("ru", "en")
# The tabbed admin loads jQuery UI from a CDN by default; the portal runs on a
# closed network, so it is served from our own static files. (modeltranslation reads
# JQUERY_UI_URL, without its usual prefix.) Each language's field names its language.
JQUERY_UI_URL = "portal/vendor/jquery-ui/jquery-ui.min.js"
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = lambda verbose_name, code: f"{verbose_name} ({code})"  # noqa: E731

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
if not DEBUG:
    # Right after SecurityMiddleware, as whitenoise asks. (In debug, runserver serves static files.)
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
        "whitenoise.middleware.WhiteNoiseMiddleware",
    )
    # whitenoise serves static files with hashed names, compressed, cached for a year;
    # `collectstatic` (run by `make serve`) builds them and their manifest.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

# django-import-export: imports and exports need their own permissions
# (import_<model>, export_<model>), which every model declares in Meta.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

REST_FRAMEWORK = {
    # A token first: its scheme answers an anonymous write with 401 and a WWW-Authenticate
    # challenge. The admin's session works too, with CSRF enforced on writes. No HTTP Basic:
    # passwords do not travel with every request.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.authentication.TokenAuthentication",
        "portal.api.authentication.SessionAuthentication",
    ],
    # Everyone reads; active staff write, with the model permission the admin asks for.
    "DEFAULT_PERMISSION_CLASSES": ["portal.api.permissions.StaffWritesWithModelPermissions"],
    # JSON only, numbers read exactly (Decimal, never float).
    "DEFAULT_PARSER_CLASSES": ["portal.api.parsers.ExactJSONParser"],
    # The browsable HTML API only while debugging; `?format=csv` on every list.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
        "portal.api.renderers.CSVRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.PortalAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["portal.api.throttling.AnonymousThrottle"],
}
# Anonymous API requests per client address, counted in the default cache.
API_ANON_THROTTLE_RATE = os.environ.get("API_ANON_THROTTLE_RATE", "120/minute")
# Seconds an API list answer is kept rendered (under the content version); 0 turns it off.
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "3600"))
# New answers (pages and API lists) one client address may add to the cache in an hour; 0: no limit.
CACHE_ANSWERS_PER_CLIENT = int(os.environ.get("CACHE_ANSWERS_PER_CLIENT", "1000"))
SPECTACULAR_SETTINGS = {
    "TITLE": "City innovation portal API",
    "DESCRIPTION": (
        "The published statistics, SWOT analyses, institutions, references and pages, and the policy (strategies, "
        "initiatives, targets with their progress, and the STIP and SDG code lists): open to everyone for reading. "
        "Staff write with the permissions they have in the admin, signed in by token (`Authorization: Token …`, "
        "made in the admin) or by the admin's session (with the `X-CSRFToken` header): the catalogues one object "
        "at a time, by code, key or slug; observations as a JSON list through the editors' import "
        "(all rows or none, one change set, `?dry_run=1` to check)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Request bodies get their own components: read-only fields (body_html, period_start) are not asked for.
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI from the sidecar package's static files: nothing is fetched from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `status`: each gets an enum name of its own.
    "ENUM_NAME_OVERRIDES": {
        "ObservationStatusEnum": "indicators.models.Observation.Status",
        "InitiativeStatusEnum": "policies.models.Initiative.Status",
        "ProgressStatusEnum": "policies.progress.ProgressStatus",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "portal.api.schema.add_error_responses",
        "portal.api.schema.csv_answers",
    ],
}
# Licence of the downloadable datasets (an SPDX identifier); the figures stay credited to their sources.
DATASET_LICENSE = os.environ.get("DATASET_LICENSE", "CC-BY-4.0")
# Who publishes the portal and how to reach them: the footer, the downloads' metadata, the charts' credit.
# Empty: "City innovation portal" (translated) and, for the contact, the About page.
PORTAL_PUBLISHER = os.environ.get("PORTAL_PUBLISHER", "")
PORTAL_CONTACT_EMAIL = os.environ.get("PORTAL_CONTACT_EMAIL", "")
# Public observations up to which the admin publishes a release within the request; above, an
# administrator runs `manage.py publish_release VERSION` (about 6 s per million on PostgreSQL).
RELEASE_PUBLISH_REQUEST_MAX_OBSERVATIONS = int(os.environ.get("RELEASE_PUBLISH_REQUEST_MAX_OBSERVATIONS", "200000"))
# The SDMX maintenance agency of the structure and the SDMX-CSV files (AGENCY:CITY_INNOVATION(1.0.0)).
# PORTAL is a placeholder, registered nowhere: use an id the SDMX registry or a statistics office gave.
SDMX_AGENCY = os.environ.get("SDMX_AGENCY", "PORTAL")
if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*", SDMX_AGENCY):
    raise ImproperlyConfigured(f"SDMX_AGENCY must be an SDMX agency id such as KZ_STAT, not {SDMX_AGENCY!r}.")

# Security. Behind a TLS-terminating proxy set DJANGO_SECURE_PROXY_SSL_HEADER=1.
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
# Load balancers probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp): everything from the portal itself, nothing inline.
# Charts are inline SVG with presentation attributes (no style attributes), so they pass.
# The admin is left out: its third-party widgets (import-export, translation tabs) carry
# inline scripts and styles.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# DJANGO_LOG_FORMAT=json (the default with debug off): one JSON object per line (portal/logs.py).
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "portal.ops.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# The file formats editors are offered in the admin.
from import_export.formats.base_formats import CSV, JSON, XLSX  # noqa: E402

IMPORT_FORMATS = [CSV, XLSX]
EXPORT_FORMATS = [CSV, XLSX, JSON]

# Login lockout (django-axes): AXES_FAILURE_LIMIT failures for one user name from one
# address lock that pair out for AXES_COOLOFF_TIME hours. The address comes from
# DJANGO_TRUSTED_PROXY_COUNT reverse proxies deep in X-Forwarded-For (README).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "portal.ops.security.client_ip"

# Observation import: files above this size are refused before they are read.
OBSERVATION_IMPORT_MAX_BYTES = int(os.environ.get("OBSERVATION_IMPORT_MAX_MB", "50")) * 1024 * 1024
# …and files holding more observations than this, or more cells than that, are refused as they are read
# (before they are held whole): so any file within the size limit is read in a bounded amount of memory.
OBSERVATION_IMPORT_MAX_ROWS = int(os.environ.get("OBSERVATION_IMPORT_MAX_ROWS", "100000"))
OBSERVATION_IMPORT_MAX_CELLS = int(os.environ.get("OBSERVATION_IMPORT_MAX_CELLS", "2000000"))
# An uploaded file waits (in the database) this long for its import, then it is removed.
OBSERVATION_IMPORT_STAGED_HOURS = int(os.environ.get("OBSERVATION_IMPORT_STAGED_HOURS", "24"))
# Rows written between two reports of progress (rows written / total on the admin page).
OBSERVATION_IMPORT_WRITE_BATCH = int(os.environ.get("OBSERVATION_IMPORT_WRITE_BATCH", "5000"))
# A new or changed value more than this many times away from its series' neighbours is held back
# until an editor confirms it (a scale slip: persons for millions).
OBSERVATION_SCALE_GUARD_FACTOR = int(os.environ.get("OBSERVATION_SCALE_GUARD_FACTOR", "100"))

# Background work (portal/celery_app.py): imports are read, checked and written by a worker.
# CELERY_BROKER_URL names the Redis it takes its tasks from and keeps their results in, best a
# database of its own (redis://127.0.0.1:6379/1: a flush of the cache's database must not
# empty the queue). Without it, tasks run at once in the process that asks for them.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = CELERY_BROKER_URL or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_RESULT_EXPIRES = 24 * 60 * 60
# Celery beat (deploy/portal-worker.service runs the worker with --beat): staged imports are removed
# once older than OBSERVATION_IMPORT_STAGED_HOURS even when nobody uploads again.
CELERY_BEAT_SCHEDULE = {
    "expire-staged-imports": {"task": "indicators.expire_imports", "schedule": 60 * 60},
}
AXES_VERBOSE = False
