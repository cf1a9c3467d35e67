"""Samordna's one settings module, read from environment variables.

Every variable is documented in docs/settings.md; a test fails if one is missing there.
Bad values stop the start with a message instead of being guessed at.
"""

import datetime
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
    "axes",
    "samordna",
    "accounts",
    "plans",
    "followup",
    "reports",
    "cooperation",
    "indicators",
    "frameworks",
    "interchange",
    "imports",
    "demo",
    "auditlog",
    "audit",
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
    "audit.middleware.AuditMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into its response.
    "axes.middleware.AxesMiddleware",
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
# Argon2 hashes new and changed passwords; the others still check passwords hashed before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# django-axes counts failed logins (the login page and the admin's) per user name and
# address together, so one user's guesser neither locks out others nor goes on unhindered.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SAMORDNA_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("SAMORDNA_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "samordna.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_VERBOSE = False
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

# A folder of extra framework files (JSON) that plans can be checked against.
FRAMEWORKS_DIR = env_str("SAMORDNA_FRAMEWORKS_DIR", "")

# Imports read documents of up to this size, for at most this long.
IMPORT_MAX_BYTES = env_int("SAMORDNA_IMPORT_MAX_MB", 20) * 1024 * 1024
IMPORT_SECONDS = env_int("SAMORDNA_IMPORT_SECONDS", 30)

# Reverse proxies in front of Samordna that add themselves to X-Forwarded-For; the
# client's address is the entry just before them. 0: use the connection's address.
TRUSTED_PROXIES = env_int("SAMORDNA_TRUSTED_PROXIES", 0)

# How long a contact's link still shows their answers after the round has closed.
LINK_GRACE_DAYS = env_int("SAMORDNA_LINK_GRACE_DAYS", 14)

# Content-Security-Policy (django-csp): scripts, styles and everything else only from
# Samordna's own static files; no inline script or style anywhere. Report-only mode lets
# a site try the policy out first.
_csp = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if env_bool("SAMORDNA_CSP_REPORT_ONLY", False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _csp
else:
    CONTENT_SECURITY_POLICY = _csp

# Audit trail (django-auditlog, models registered in audit/registry.py): changes are
# stored as JSON values (None stays null), a link to another object by its name as it was
# then (not a bare id), and loaddata (restore) writes no new entries.
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_USE_FK_STRING_REPRESENTATION = True
AUDITLOG_DISABLE_ON_RAW_SAVE = True

# Sign-in with the organisation's OpenID Connect provider (mozilla-django-oidc, see
# accounts/oidc.py), only when SAMORDNA_OIDC_CLIENT_ID is set; passwords keep working.
OIDC_RP_CLIENT_ID = env_str("SAMORDNA_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = env_str("SAMORDNA_OIDC_CLIENT_SECRET", "")
OIDC_PROVIDER_NAME = env_str("SAMORDNA_OIDC_PROVIDER_NAME", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("SAMORDNA_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("SAMORDNA_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("SAMORDNA_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("SAMORDNA_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SCOPES = env_str("SAMORDNA_OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env_str("SAMORDNA_OIDC_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 15
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
if OIDC_RP_CLIENT_ID:
    _oidc_missing = [
        name
        for name, value in [
            ("SAMORDNA_OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
            ("SAMORDNA_OIDC_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("SAMORDNA_OIDC_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
            ("SAMORDNA_OIDC_USERINFO_ENDPOINT", OIDC_OP_USER_ENDPOINT),
            ("SAMORDNA_OIDC_JWKS_ENDPOINT", OIDC_OP_JWKS_ENDPOINT),
        ]
        if not value
    ]
    if _oidc_missing:
        raise ImproperlyConfigured(
            "SAMORDNA_OIDC_CLIENT_ID is set, so these must be too: " + ", ".join(_oidc_missing)
        )
    AUTHENTICATION_BACKENDS += ["accounts.oidc.ProviderBackend"]

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SAMORDNA_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# --- Production and operations (issue 13): server, proxy, logging, tasks, caches --------
# Kept in one block so that other changes to this module merge around it.

INSTALLED_APPS += ["django_tasks", "django_tasks_db"]

# WhiteNoise serves the collected static files right after the security middleware (its
# documented place); the request log goes first so that its timing covers everything.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
MIDDLEWARE.insert(0, "samordna.requestlog.RequestLogMiddleware")

if not DEBUG:
    # Hashed names let browsers keep a file for a year; a new version gets a new name.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        },
    }
WHITENOISE_MAX_AGE = 365 * 24 * 3600
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at start when it is missing

# Behind a TLS proxy: "X-Forwarded-Proto" means trust that header's "https" from the proxy.
_proxy_header = env_str("SAMORDNA_PROXY_SSL_HEADER", "")
if _proxy_header:
    if not all(c.isalnum() or c == "-" for c in _proxy_header):
        raise ImproperlyConfigured(
            f"SAMORDNA_PROXY_SSL_HEADER must be a header name like X-Forwarded-Proto, "
            f"not {_proxy_header!r}"
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
SECURE_SSL_REDIRECT = env_bool("SAMORDNA_SSL_REDIRECT", not DEBUG)
# A load balancer probes /healthz over plain HTTP on the private side.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SAMORDNA_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SAMORDNA_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SAMORDNA_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading binds the whole domain for years: its owner decides, not Samordna.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

ADMINS = [(address, address) for address in env_list("SAMORDNA_ADMINS", [])]
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env_int("SAMORDNA_EMAIL_TIMEOUT", 30)
# For the file mail backend: each e-mail becomes a file in this folder.
EMAIL_FILE_PATH = env_str("SAMORDNA_EMAIL_FILE_PATH", str(DATA_DIR / "mail"))

# Persistent connections: opening one costs more than serving a cached page (on SQLite,
# opening the file and running its PRAGMAs made a cached CSV report 4.4 ms, not 1.3 ms).
_is_sqlite = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
DATABASES["default"]["CONN_MAX_AGE"] = env_int("SAMORDNA_CONN_MAX_AGE", 600 if _is_sqlite else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Cached pages are keyed by their plan's version as read from the database (see
# plans/pagecache.py), so a process keeping its own copy never serves what another
# process or server has changed. In memory a cached page costs no query and a missing
# one no write (which on SQLite waits for the one writer); the price is one rendering
# per process after a change. The database cache shares one rendering between them.
_cache = env_str("SAMORDNA_CACHE", "memory")
if _cache == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samordna_cache",
            # Django's 300 would make a county's plans push each other out.
            "OPTIONS": {"MAX_ENTRIES": env_int("SAMORDNA_CACHE_ENTRIES", 5000)},
        }
    }
elif _cache == "memory":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "samordna-pages",
            # Bounds each process's memory: a plan page of 60 measures is about 45 kB.
            "OPTIONS": {"MAX_ENTRIES": env_int("SAMORDNA_CACHE_ENTRIES", 500)},
        }
    }
else:
    raise ImproperlyConfigured(f"SAMORDNA_CACHE must be memory or database, not {_cache!r}")

# Background work (mail, large PDFs) is stored in the database and run by `samordna worker`.
_tasks = env_str("SAMORDNA_TASKS", "database")
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }.get(_tasks, "")
    }
}
if not TASKS["default"]["BACKEND"]:
    raise ImproperlyConfigured(f"SAMORDNA_TASKS must be database or immediate, not {_tasks!r}")

# A report with more measures than this is made as PDF by the worker, not in the request.
LARGE_REPORT_MEASURES = env_int("SAMORDNA_LARGE_REPORT_MEASURES", 100)

# One line per request on stdout (see samordna/requestlog.py); errors also go to ADMINS.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact": {"()": "samordna.requestlog.RedactLinks"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "line": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
            "filters": ["redact"],
        },
        "mail_admins": {
            "class": "samordna.requestlog.RedactedAdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "redact"],
        },
    },
    # Libraries (PDF readers, fonts) say much at INFO: only their warnings are written.
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "samordna": {"level": env_str("SAMORDNA_LOG_LEVEL", "INFO")},
        "django_tasks": {"level": env_str("SAMORDNA_LOG_LEVEL", "INFO")},
        "django.request": {"handlers": ["mail_admins"], "level": "ERROR", "propagate": True},
        # The request log says the same in one line.
        "django.server": {"level": "WARNING"},
    },
}
# --- end of production and operations -----------------------------------------------------
