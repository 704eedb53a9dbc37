"""Settings for Annuaire SOS, read from the environment (12-factor).

One file, healthchecks-style: defaults are for a developer laptop (SQLite, console
e-mail); production overrides them with environment variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
DEBUG = envbool("DEBUG", "true")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
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
    "annuaire.core",
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
    "annuaire.interop",
    "annuaire.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "annuaire.audit.middleware.LazyActorAuditlogMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a management command writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;"}

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
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "login": "30/m/ip", "reset_password": "5/m/ip,3/5m/key"}
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
STATIC_ROOT = BASE_DIR / "staticfiles"

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
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "annuaire-sos@example.org")

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
