"""Django settings for BMNN, read from environment variables.

The defaults describe the embedded single-machine profile: SQLite under var/, files under
var/files, no outside network. `BMNN_ENV=production` turns on the startup checks in
`bmnn.core.checks`, which refuse unsafe values and name them.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from bmnn.config.env import (
    ConfigError,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_str,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("BMNN_VAR_DIR", str(PROJECT_DIR / "var")))
DATA_DIR = Path(env_str("BMNN_DATA_DIR", str(VAR_DIR / "files")))

BMNN_ENV = env_choice("BMNN_ENV", ("embedded", "production"), "embedded")
DEBUG = env_bool("BMNN_DEBUG", False)
SECRET_KEY, SECRET_KEY_GENERATED = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("BMNN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("BMNN_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "bmnn.core",
    "bmnn.org",
    "bmnn.accounts",
    "bmnn.plans",
    "bmnn.registry",
    "bmnn.scanner",
    "bmnn.sync",
    "bmnn.inspections",
    "bmnn.devices",
    "bmnn.reports",
    "bmnn.web",
    "bmnn.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "bmnn.accounts.middleware.IdleTimeoutMiddleware",
    "bmnn.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "bmnn.web.profile.ScannerProfileMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "bmnn.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "bmnn.core.middleware.ClientAddressMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "bmnn.config.urls"
WSGI_APPLICATION = "bmnn.config.wsgi.application"
AUTH_USER_MODEL = "org.Person"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "bmnn.web.context.navigation",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
_sqlite_path = VAR_DIR / "bmnn.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{_sqlite_path}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE avoids "database is locked" when a read transaction later writes;
        # WAL lets pages read while a service writes.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security ------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("BMNN_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "bmnn.accounts.validators.CharacterClassValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = env_int("BMNN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("BMNN_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("BMNN_PROXY_COUNT", 0)

OTP_TOTP_ISSUER = "BMNN"
# API tokens (bmnn.accounts.tokens) stop working this many days after they are created
BMNN_API_TOKEN_DAYS = env_int("BMNN_API_TOKEN_DAYS", 90)
if BMNN_API_TOKEN_DAYS < 1:
    raise ConfigError(
        f"BMNN_API_TOKEN_DAYS={BMNN_API_TOKEN_DAYS}: a token must last at least a day"
    )

# Idle sessions expire: what a person does renews the window, what a page sends by itself (the
# notification poll) does not (bmnn.accounts.middleware.IdleTimeoutMiddleware). Sessions are
# saved only when they change, and each request of a person changes its activity time.
SESSION_COOKIE_AGE = 60 * env_int("BMNN_SESSION_IDLE_MINUTES", 30)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("BMNN_SECURE_COOKIES", BMNN_ENV == "production")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "bmnn.web.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Browsers that once reached BMNN over TLS refuse plain HTTP afterwards (production: one year).
SECURE_HSTS_SECONDS = env_int("BMNN_HSTS_SECONDS", 31_536_000 if BMNN_ENV == "production" else 0)
# Behind the TLS reverse proxy Django sees plain HTTP; the proxy's header says the request was
# secure (set only when the proxy overwrites X-Forwarded-Proto, or clients could forge it).
if env_bool("BMNN_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR  # private: served only through authorised views, never under MEDIA_URL
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Background work ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env_str("BMNN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "bmnn.accounts.authentication.ApiTokenAuthentication",
        "bmnn.api.auth.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "bmnn.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "bmnn.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "bmnn.api.schema.add_error_responses",  # every operation's 400/401/403/404 error body
    ],
    "TITLE": "BMNN API",
    "DESCRIPTION": "API của hệ thống quản lý công tác bảo vệ bí mật nhà nước.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # the schema and its documentation page are for logged-in people and programs only
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None},
}

# --- Mail (incident notices later): console by default, SMTP on the LAN when configured -------
EMAIL_BACKEND = env_str("BMNN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("BMNN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("BMNN_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("BMNN_EMAIL_FROM", "bmnn@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("BMNN_LOG_LEVEL", "WARNING")},
}

# Province shown in headers and used as the place name in documents.
BMNN_PROVINCE_NAME = env_str("BMNN_PROVINCE_NAME", "")
# scanner: an internet-connected host with only leak detection (DESIGN.md deployment profiles)
BMNN_PROFILE = env_choice("BMNN_PROFILE", ("internal", "scanner"), "internal")
# the Ed25519 key (PEM file) this installation signs its bundles with
BMNN_SIGNING_KEY_FILE = env_str("BMNN_SIGNING_KEY_FILE", "")
# Which node this installation is (issue 15): the province node at the provincial police, or an
# agency node (BMNN_NODE_AGENCY names the agency by its code). A node that holds secrets keeps
# the registers; a province node reached by agencies over a network must not (its registry is off).
BMNN_NODE = env_choice("BMNN_NODE", ("province", "agency"), "province")
BMNN_NODE_AGENCY = env_str("BMNN_NODE_AGENCY", "")
BMNN_HOLDS_SECRETS = env_bool("BMNN_HOLDS_SECRETS", True)
BMNN_INSTALLATION_NAME = env_str("BMNN_INSTALLATION_NAME", "BMNN")
FORMAT_MODULE_PATH = ["bmnn.config.formats"]
BMNN_SEND_EMAIL = env_bool("BMNN_SEND_EMAIL", False)
# how people on the LAN reach BMNN (e.g. http://bmnn.congan.local): links in e-mails are absolute
BMNN_BASE_URL = env_str("BMNN_BASE_URL", "").rstrip("/")
BMNN_REMINDER_DAYS = [int(d) for d in env_list("BMNN_REMINDER_DAYS", ["7", "1"])]
# One pre-publication check (page or API) or one crawled document: how much it may expand from
# archives nested in archives, how long it may take, and how many checks one person may run at
# once (a third one waits for the first two; bmnn.scanner.leases).
BMNN_SCAN_EXPANDED_MB = env_int("BMNN_SCAN_EXPANDED_MB", 256)
BMNN_SCAN_SECONDS = env_int("BMNN_SCAN_SECONDS", 60)
BMNN_SCAN_CONCURRENT_PER_USER = env_int("BMNN_SCAN_CONCURRENT_PER_USER", 2)

# A registry decision (extension, level change) is recorded with its own date: never in the
# future, and at most this many days before the day it is recorded, so a late entry cannot
# be backdated past the 60-day extension deadline (bmnn.registry.rules.check_decision_date).
BMNN_DECISION_BACKDATE_DAYS = env_int("BMNN_DECISION_BACKDATE_DAYS", 3)
if not 0 <= BMNN_DECISION_BACKDATE_DAYS <= 31:
    raise ConfigError(
        f"BMNN_DECISION_BACKDATE_DAYS={BMNN_DECISION_BACKDATE_DAYS}: between 0 and 31 days"
    )
