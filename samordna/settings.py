"""Samordna's one settings module, read from environment variables.

Every variable is documented in docs/settings.md; a test fails if one is missing there.
Bad values stop the start with a message instead of being guessed at.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name, default):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


DEBUG = env_bool("SAMORDNA_DEBUG", True)
SECRET_KEY = env_str("SAMORDNA_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SAMORDNA_SECRET_KEY must be set when SAMORDNA_DEBUG is off")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("SAMORDNA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("SAMORDNA_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SAMORDNA_SITE_URL", "http://127.0.0.1:8000")

DATA_DIR = Path(env_str("SAMORDNA_DATA_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "samordna",
    "accounts",
    "plans",
    "followup",
    "reports",
    "cooperation",
    "interchange",
    "imports",
    "demo",
    "overview",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "samordna.urls"
WSGI_APPLICATION = "samordna.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samordna.context_processors.navigation",
            ],
        },
    },
]

_default_db = "sqlite:///" + str(DATA_DIR / "samordna.sqlite3")
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_db))}
# Keep connections between requests (opening one costs more than most cached pages).
DATABASES["default"]["CONN_MAX_AGE"] = 600
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one request writes; IMMEDIATE avoids lock upgrades
    # that would otherwise fail with "database is locked" under concurrent writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "plans:list"
LOGOUT_REDIRECT_URL = "plans:list"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("nb", _("Norwegian Bokmål")),
    ("nn", _("Norwegian Nynorsk")),
    ("sv", _("Swedish")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "samordna" / "locale"]
USE_I18N = True
TIME_ZONE = env_str("SAMORDNA_TIME_ZONE", "Europe/Oslo")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

EMAIL_BACKEND = env_str("SAMORDNA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("SAMORDNA_FROM_EMAIL", "samordna@localhost")
EMAIL_HOST = env_str("SAMORDNA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SAMORDNA_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("SAMORDNA_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("SAMORDNA_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SAMORDNA_EMAIL_USE_TLS", False)

# Imports read documents of up to this size, for at most this long.
IMPORT_MAX_BYTES = env_int("SAMORDNA_IMPORT_MAX_MB", 20) * 1024 * 1024
IMPORT_SECONDS = env_int("SAMORDNA_IMPORT_SECONDS", 30)

# Reverse proxies in front of Samordna that add themselves to X-Forwarded-For; the
# client's address is the entry just before them. 0: use the connection's address.
TRUSTED_PROXIES = env_int("SAMORDNA_TRUSTED_PROXIES", 0)

# How long a contact's link still shows their answers after the round has closed.
LINK_GRACE_DAYS = env_int("SAMORDNA_LINK_GRACE_DAYS", 14)

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SAMORDNA_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
