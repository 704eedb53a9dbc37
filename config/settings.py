"""Settings for Annuaire SOS, read from the environment only (12-factor).

One file, healthchecks-style: defaults are safe (DEBUG off) and work on a laptop (SQLite,
console e-mail); `make run` turns DEBUG on, production sets the variables listed in
docs/deploiement.md.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# The WSGI entry point (config/wsgi.py) and `check --deploy` refuse this key without DEBUG.
DEFAULT_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
DEBUG = envbool("DEBUG", "false")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

# The public address of the site, used for absolute links (FHIR, open data, e-mails).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_SITE = urlsplit(SITE_URL)
HTTPS = _SITE.scheme == "https"

INSTALLED_APPS = [
    "config.admin_site.SuperuserAdminConfig",  # django.contrib.admin, superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "auditlog",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "post_office",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "annuaire.core",
    "annuaire.server",
    "annuaire.geo",
    "annuaire.taxonomy",
    "annuaire.directory",
    "annuaire.accounts",
    "annuaire.needs",
    "annuaire.verification",
    "annuaire.insight",
    "annuaire.www",
    "annuaire.audit",
    "annuaire.notifications",
    "annuaire.espace",
    "annuaire.api",
    "annuaire.opendata",
    "annuaire.imports",
    "annuaire.applications",
    "annuaire.interop",
    "annuaire.demo",
]

MIDDLEWARE = [
    # First: the work a request leaves for after its answer (annuaire/core/after_response.py).
    "annuaire.server.middleware.AfterResponseMiddleware",
    # Then refuse an oversized body before anything reads it (413 in French).
    "annuaire.server.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # A database that is down or locked answers a French 503 page, then recovers by itself.
    "annuaire.server.middleware.DatabaseUnavailableMiddleware",
    "annuaire.server.middleware.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "annuaire.audit.middleware.LazyActorAuditlogMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: anonymous public answers from the cache; everything above still runs for them
    # (rate limits count them, CSP and CSRF cookie), docs/adr/0034-response-cache.md.
    "annuaire.server.response_cache.ResponseCacheMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "annuaire.www.context_processors.site",
            ],
            # `{% url %}` of views without arguments, reversed once per process.
            "builtins": ["annuaire.core.templatetags.remembered_urls"],
        },
    },
    # Plain text (e-mail subjects and text parts): the same templates, without HTML escaping,
    # so that « L'Escale & Co » is not written « L&#x27;Escale &amp; Co ».
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
    # The search page's result list, in Jinja2 for speed (annuaire/www/jinja2, docs/adr/0035).
    {
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "annuaire.www.jinja_env.environment", "auto_reload": DEBUG},
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections, checked before reuse: a restarted PostgreSQL costs one
        # failed request at most, not a restart of the application servers.
        conn_max_age=envint("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes. Connections persist
    # too: a new one costs about a millisecond (reading the schema, registering Django's
    # functions), a tenth of a search (docs/adr/0042).
    # In WAL mode, synchronous=NORMAL stays safe from corruption and spares an fsync per
    # commit (each search records its statistics row): docs/adr/0033.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No anonymous request may hold the database for more than a few seconds.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={envint('DATABASE_STATEMENT_TIMEOUT_MS', 5000)}"
    )
    # The search's own statements are prepared once per connection (annuaire/core/statements.py,
    # docs/adr/0042): psycopg must allow it (Django's own queries, bound in the client, never
    # are). Off behind a pooler that cannot keep them (PgBouncer in transaction mode before 1.21).
    if envbool("DATABASE_PREPARED_STATEMENTS", "true"):
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: django-allauth with TOTP second factor and recovery codes (docs/adr/0014).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "annuaire.accounts.security.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
# Failed logins: at most 10 a minute from one address, 5 in 5 minutes for one account.
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "5/m/ip,3/5m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("SITE_NAME", "Annuaire SOS")
MFA_PASSKEY_LOGIN_ENABLED = False
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "espace:dashboard"
LOGOUT_REDIRECT_URL = "account_login"
# The back office (/espace/): sessions end after 8 hours or when the browser closes.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "fr-fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded documents: a folder outside the web root by default; any Django storage by
# setting (FILE_STORAGE_BACKEND=storages.backends.s3.S3Storage with django-storages, see
# docs/deploiement.md), so that several application servers share one storage.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Application documents (docs/adr/0015, 0016) go to the "private" storage: a folder outside
# the web root, never served by URL (only through the views that check role and territory).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private-media")))
FILE_STORAGE_BACKEND = os.environ.get("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": FILE_STORAGE_BACKEND, "OPTIONS": {}},
    # Hashed, compressed (gzip) files with far-future cache headers, served by WhiteNoise;
    # `collectstatic` builds them (make serve, the Dockerfile).
    # Public files, readable by the application's user even when `collectstatic` ran as another
    # (the Dockerfile builds them as root): FILE_UPLOAD_PERMISSIONS below is for uploads only.
    "staticfiles": {
        "BACKEND": "annuaire.server.static_storage.RememberedManifestStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
    "private": {"BACKEND": FILE_STORAGE_BACKEND, "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None}},
}
if FILE_STORAGE_BACKEND == "storages.backends.s3.S3Storage":
    # One private bucket for every uploaded file (several application servers share it).
    S3_OPTIONS = {
        "bucket_name": os.environ.get("S3_BUCKET_NAME", ""),
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION_NAME") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    STORAGES["default"]["OPTIONS"] = S3_OPTIONS
    STORAGES["private"]["OPTIONS"] = {**S3_OPTIONS, "location": "private"}
# Generated open-data files (export_opendata): a folder every application server can read.
OPENDATA_DIR = Path(os.environ.get("OPENDATA_DIR", BASE_DIR / "var" / "opendata"))
WHITENOISE_MAX_AGE = envint("WHITENOISE_MAX_AGE", 3600)  # unhashed names only; hashed ones: 1 year

FILE_UPLOAD_PERMISSIONS = 0o640

# Every e-mail goes through a database queue (django-post-office, docs/adr/0013):
# `manage.py send_queued_mail` (every minute, by cron) sends it through EMAIL_DELIVERY_BACKEND
# and retries failures, so that nothing is lost while the SMTP server is down.
EMAIL_BACKEND = "post_office.EmailBackend"
POST_OFFICE = {
    "BACKENDS": {"default": os.environ.get("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.console.EmailBackend")},
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": envint("EMAIL_MAX_RETRIES", 96),
    "RETRY_INTERVAL": timedelta(minutes=envint("EMAIL_RETRY_MINUTES", 15)),
    "MESSAGE_ID_ENABLED": True,
}
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
# Links in e-mails point here.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "annuaire-sos@example.org")

# Background jobs (imports; docs/adr/0031-background-jobs.md): a queue in the database, run by
# `manage.py db_worker` beside the application servers (make run / make serve start one).
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# --- Product settings -------------------------------------------------------
# The regional network running this instance.
SITE_NAME = os.environ.get("SITE_NAME", "Annuaire SOS")
NETWORK_NAME = os.environ.get("NETWORK_NAME", "Réseau régional de cancérologie (démonstration)")
# Region shown by default on the map (INSEE region code); empty = whole country.
DEFAULT_REGION = os.environ.get("DEFAULT_REGION", "53")
# Raster tiles of the maps: IGN's public "Plan IGN" from the Géoplateforme by default (no key).
# Empty: the maps draw the départements outlines only; they do so too when tiles cannot load.
MAP_TILE_URL = os.environ.get(
    "MAP_TILE_URL",
    "https://data.geopf.fr/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&STYLE=normal&FORMAT=image/png"
    "&TILEMATRIXSET=PM&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
)
MAP_TILE_ATTRIBUTION = os.environ.get(
    "MAP_TILE_ATTRIBUTION", '<a href="https://www.ign.fr/">IGN</a> – Plan IGN, Géoplateforme'
)
# Whom structures write to (applications not open in their territory, personal data requests).
NETWORK_CONTACT_EMAIL = os.environ.get("NETWORK_CONTACT_EMAIL", "contact-annuaire@example.org")
# How long an invitation link (to set one's password) stays valid.
INVITATION_VALID_DAYS = envint("INVITATION_VALID_DAYS", 7)
SEARCH_PAGE_SIZE = envint("SEARCH_PAGE_SIZE", 20)
# The radius around a commune when none is chosen (annuaire.directory.search.default_radius_km).
DEFAULT_RADIUS_KM = envint("DEFAULT_RADIUS_KM", 20)
# Anonymous search counts are kept this many months, then purged (`purge_search_stats`).
SEARCH_STATS_RETENTION_MONTHS = envint("SEARCH_STATS_RETENTION_MONTHS", 13)
# Public address of the site: stable identifiers and canonical URLs of the FHIR and
# data·inclusion exports are built from it, never from the request's Host header.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "API de l'Annuaire SOS",
    "DESCRIPTION": "Données publiques de l'annuaire régional des soins oncologiques de support.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "annuaire.api.schema.require_non_blank_strings",
    ],
}

# The public API and FHIR endpoints are read-only open data.
CORS_URLS_REGEX = r"^/(api|fhir)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Production safety (docs/deploiement.md) --------------------------------------
# HTTPS is decided by SITE_URL: an https:// site gets HSTS, secure cookies and redirects.
# Behind a TLS proxy, the proxy must set (overwrite) this header; "" disables it.
_PROXY_SSL_HEADER = os.environ.get("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO" if HTTPS else "")
SECURE_PROXY_SSL_HEADER = (_PROXY_SSL_HEADER, "https") if _PROXY_SSL_HEADER else None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(HTTPS))
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = [f"{_SITE.scheme}://{_SITE.netloc}"] if HTTPS else []
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy without 'unsafe-inline': scripts and styles come from our static
# files only; map tiles from the origin of MAP_TILE_URL.
_TILE_ORIGIN = ""
if MAP_TILE_URL:
    _TILES = urlsplit(MAP_TILE_URL)
    _TILE_ORIGIN = f"{_TILES.scheme}://{_TILES.netloc}"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Request size: Django refuses larger form bodies; RequestSizeLimitMiddleware refuses any body
# whose Content-Length is over MAX_REQUEST_BYTES before reading it (set the reverse proxy's
# limit to the same value: client_max_body_size in nginx).
MAX_REQUEST_BYTES = envint("MAX_REQUEST_BYTES", 12 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = envint("DATA_UPLOAD_MAX_NUMBER_FIELDS", 1000)
FILE_UPLOAD_MAX_MEMORY_SIZE = envint("FILE_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)

# Cache: per-process memory by default; in production with several workers or servers,
# CACHE_URL=redis://... (shared, atomic counters for the rate limits) or a database table.
_CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES: dict[str, dict[str, Any]]
if _CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}}
elif _CACHE_URL.startswith("db://"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": _CACHE_URL[len("db://") :]}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole anonymous answers of the public pages, API and FHIR (annuaire/server/response_cache.py):
# the same store under their own prefix; in memory, a separate one of bounded size.
if "LOCATION" in CACHES["default"]:
    CACHES["responses"] = {**CACHES["default"], "KEY_PREFIX": "reponses"}
else:
    CACHES["responses"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "reponses",
        "OPTIONS": {"MAX_ENTRIES": envint("RESPONSE_CACHE_MAX_ENTRIES", 500)},
    }
# Kept this long at most (0: no response cache); any change of the published data drops them
# at once. With several processes, only a shared cache (CACHE_URL) shares that change.
RESPONSE_CACHE_SECONDS = envint("RESPONSE_CACHE_SECONDS", 300)
RESPONSE_CACHE_MAX_BYTES = envint("RESPONSE_CACHE_MAX_BYTES", 2 * 1024 * 1024)
# Cookies that do not change a page (e.g. a statistics tool's): their bearers get cached answers.
RESPONSE_CACHE_IGNORED_COOKIES = envlist("RESPONSE_CACHE_IGNORED_COOKIES", "")

# Rate limits per client address (annuaire/server/ratelimit.py): generous for a harvester
# following `next` links, tighter on the forms that write. "" disables one rule.
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", "true")
if not RATELIMIT_ENABLE:
    # Off for a load test from one address (make loadtest): django-allauth's login limits too.
    ACCOUNT_RATE_LIMITS = False
RATELIMIT_READ_API = os.environ.get("RATELIMIT_READ_API", "600/m")
# Pages: one hospital's staff may share one address (NAT), hence as generous as the API.
RATELIMIT_PAGES = os.environ.get("RATELIMIT_PAGES", "600/m")
RATELIMIT_POST_FORMS = os.environ.get("RATELIMIT_POST_FORMS", "120/m")
# Reverse proxies in front of the application that append to X-Forwarded-For (0: none,
# the client is REMOTE_ADDR; 1: one nginx or load balancer).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 0)
