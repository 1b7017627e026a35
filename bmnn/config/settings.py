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
    "bmnn.core.health.HealthMiddleware",  # /healthz for monitoring, before sessions and login
    "bmnn.core.logs.RequestLogMiddleware",
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
else:
    # a connection kept from an earlier request is checked before use, so that a restart of
    # PostgreSQL costs the requests in flight at that moment and no request after it
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
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
# The host and every host under it only over TLS (a province's BMNN host has no sub-hosts that
# serve plain HTTP). No preload: the browsers' preload list is for public domains, and a LAN
# host name cannot be on it (hence security.W021 silenced below).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("BMNN_HSTS_SUBDOMAINS", BMNN_ENV == "production")
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Plain HTTP that reaches Django is sent to HTTPS (production); the proxy does the same in front.
# /healthz answers before this, so monitoring may ask the web process directly.
SECURE_SSL_REDIRECT = env_bool("BMNN_SSL_REDIRECT", BMNN_ENV == "production")
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
    # One stable name per choice set. Left to itself drf-spectacular names an enum after its
    # field ("kind", "status") and, when two choice sets share a field name, appends a hash, so
    # adding one field could rename another's enum in clients generated from the schema.
    "ENUM_NAME_OVERRIDES": {
        "AgencyTypeEnum": "bmnn.org.models.AgencyType",
        "ClearanceEnum": "bmnn.org.models.ClearanceLevel",
        "LevelEnum": "bmnn.org.models.Level",
        "RoleEnum": "bmnn.org.models.Role",
        "PlanStatusEnum": "bmnn.plans.models.PlanStatus",
        "AssignmentRoleEnum": "bmnn.plans.models.PartyRole",
        "AssignmentStatusEnum": "bmnn.plans.models.Status",
        "AssignmentReviewEnum": "bmnn.plans.models.Review",
        "SecretItemKindEnum": "bmnn.registry.models.Kind",
        "SecretItemOriginEnum": "bmnn.registry.models.Origin",
        "SecretItemStatusEnum": "bmnn.registry.models.ItemStatus",
        "CopyKindEnum": "bmnn.registry.models.CopyKind",
        "CopyFormEnum": "bmnn.registry.models.CopyForm",
        "CopyStatusEnum": "bmnn.registry.models.CopyStatus",
        "RegisterBookKindEnum": "bmnn.registry.models.Book",
        "TransferStateEnum": "bmnn.registry.models.Transfer.State",
        "CarryOutStateEnum": "bmnn.registry.models.CarryOut.State",
        "MeetingStateEnum": "bmnn.registry.models.Meeting.State",
        "DeclassificationReasonEnum": "bmnn.registry.models.Declassification.Reason",
        "InspectionKindEnum": "bmnn.inspections.models.Inspection.Kind",
        "InspectionStatusEnum": "bmnn.inspections.models.Inspection.Status",
        "InspectionFindingSeverityEnum": "bmnn.inspections.models.Finding.Severity",
        "InspectionFindingStatusEnum": "bmnn.inspections.models.Finding.Status",
        "TrainingKindEnum": "bmnn.inspections.models.TrainingSession.Kind",
        "LegalDocumentKindEnum": "bmnn.inspections.models.LegalDocument.Kind",
        "RegulationStatusEnum": "bmnn.inspections.models.Regulation.Status",
        "DesignationModeEnum": "bmnn.inspections.models.StaffDesignation.Mode",
        "BudgetStatusEnum": "bmnn.inspections.models.BudgetEstimate.Status",
        "DeviceKindEnum": "bmnn.devices.models.Device.Kind",
        "DeviceConnectionEnum": "bmnn.devices.models.Device.Connection",
        "DeviceEverConnectedEnum": "bmnn.devices.models.Device.EverConnected",
        "DeviceConcernKindEnum": "bmnn.api.devices.CONCERN_KINDS",
        "DeviceFindingStatusEnum": "bmnn.devices.models.DeviceFinding.Status",
        "MediumKindEnum": "bmnn.devices.models.Medium.Kind",
        "IncidentChannelEnum": "bmnn.reports.models.Incident.Channel",
        "IncidentStatusEnum": "bmnn.reports.models.Incident.Status",
        "IncidentSourceEnum": "bmnn.reports.models.Incident.Source",
        "PeriodKindEnum": "bmnn.reports.models.ReportingPeriod.Kind",
        "PeriodStatusEnum": "bmnn.reports.models.ReportingPeriod.Status",
        "SubmissionStateEnum": "bmnn.reports.models.Submission.State",
        "ScannerFindingStatusEnum": "bmnn.scanner.models.Finding.Status",
        "ScannerFindingSourceEnum": "bmnn.scanner.models.Finding.Source",
        "ScanLimitEnum": "bmnn.api.scanner.SCAN_LIMITS",
    },
}

# --- Mail (incident notices later): console by default, SMTP on the LAN when configured -------
EMAIL_BACKEND = env_str("BMNN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("BMNN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("BMNN_EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("BMNN_EMAIL_FROM", "bmnn@localhost")

# Logs go to stderr (the journal under systemd): JSON lines in production, text at a terminal.
BMNN_LOG_FORMAT = env_choice(
    "BMNN_LOG_FORMAT", ("text", "json"), "json" if BMNN_ENV == "production" else "text"
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "bmnn.core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": BMNN_LOG_FORMAT}},
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
# The agencies' deadline of a new reporting period (bmnn.reports.calendar): this many days before
# the statutory one for annual and five-year reports, so the province has time to add them up;
# this many days after the data window ends for six-monthly and quarterly ones.
BMNN_REPORT_LEAD_DAYS = env_int("BMNN_REPORT_LEAD_DAYS", 5)
if not 0 <= BMNN_REPORT_LEAD_DAYS <= 30:
    raise ConfigError(f"BMNN_REPORT_LEAD_DAYS={BMNN_REPORT_LEAD_DAYS}: between 0 and 30 days")
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

# Backups (bmnn.core.backup): the daily job writes one into BMNN_BACKUP_DIR, a directory meant
# for removable media, and keeps the newest BMNN_BACKUP_KEEP there; unset, it does nothing. Its
# passphrase is read when it runs, from BMNN_BACKUP_PASSPHRASE or BMNN_BACKUP_PASSPHRASE_FILE.
BMNN_BACKUP_DIR = env_str("BMNN_BACKUP_DIR", "")
BMNN_BACKUP_KEEP = env_int("BMNN_BACKUP_KEEP", 7)
if BMNN_BACKUP_KEEP < 1:
    raise ConfigError(f"BMNN_BACKUP_KEEP={BMNN_BACKUP_KEEP}: keep at least one backup")
