"""All settings, read from the environment in this one module.

Defaults give a working local installation (SQLite under ``var/``); production sets
``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DEELWIJZER_SECURE=1``.
A bad value stops the start with a message naming the variable.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from deelwijzer.procedure.limits import REQUEST_BODY_MAX

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0/true/false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_networks(name: str) -> list[str]:
    """Comma-separated IP addresses or networks (CIDR); a bad one stops the start."""
    values = env_list(name, "")
    for value in values:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks (CIDR), not {value!r}"
            ) from exc
    return values


VAR_DIR = Path(os.environ.get("DEELWIJZER_VAR_DIR") or PROJECT_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)


DEBUG = env_bool("DEELWIJZER_DEBUG", False)
SECURE = env_bool("DEELWIJZER_SECURE", False)
MAKE_KEY = "DEELWIJZER_SECURE=0 deelwijzer rotate-key --print-key"


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    if SECURE:  # production never makes its own key next to the data (issue #17.10)
        raise ImproperlyConfigured(
            "SECRET_KEY ontbreekt (not set). Met DEELWIJZER_SECURE=1 komt de sleutel uit de "
            "omgeving en maakt Deelwijzer er zelf geen; maak er een met: python -c 'import "
            "secrets; print(secrets.token_urlsafe(50))' (docs/deployment.md)."
        )
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


# Encryption at rest (deelwijzer.crypto): key lines inline, or a key file; neither means a key
# file generated in VAR_DIR (development only: secure mode refuses to start without one).
# Never derived from SECRET_KEY.
def _given_key(inline: str, file: str, what: str, make: str) -> tuple[str | None, str | None]:
    """A key's two variables (its lines, or its file), read from the environment; in secure
    mode one of them is required (a key generated next to the data is lost with a reinstall,
    and whoever holds the data holds the key): the start stops, naming them."""
    lines, path = os.environ.get(inline) or None, os.environ.get(file) or None
    if SECURE and not (lines or path):
        raise ImproperlyConfigured(
            f"{inline} of {file} ontbreekt (not set). Met DEELWIJZER_SECURE=1 komt de {what} "
            f"uit de omgeving en maakt Deelwijzer er zelf geen; maak er een met: {make} "
            "(docs/deployment.md, 7)."
        )
    return lines, path


ENCRYPTION_KEYS, ENCRYPTION_KEY_FILE = _given_key(
    "DEELWIJZER_KEYS", "DEELWIJZER_KEY_FILE", "versleutelingssleutel", MAKE_KEY
)
# The audit trail's MAC keys (audit/keys.py): the same pattern, a file or lines of their own,
# kept as long as any audit row made under them; a checkpoint directory outside the database
# (audit/checkpoints.py) that the operator ships to write-once storage.
AUDIT_KEYS, AUDIT_KEY_FILE = _given_key(
    "DEELWIJZER_AUDIT_KEYS",
    "DEELWIJZER_AUDIT_KEY_FILE",
    "sleutel van de audittrail",
    "DEELWIJZER_SECURE=0 deelwijzer rotate-audit-key --print-key",
)
AUDIT_CHECKPOINT_DIR = Path(
    os.environ.get("DEELWIJZER_AUDIT_CHECKPOINT_DIR") or VAR_DIR / "audit-checkpoints"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "ninja",
    "deelwijzer.accounts",
    "deelwijzer.organisations",
    "deelwijzer.cases",
    "deelwijzer.audit",
    "deelwijzer.jobs",
    "deelwijzer.signalling",
    "deelwijzer.advice",
    "deelwijzer.conversations",
    "deelwijzer.risks",
    "deelwijzer.decisions",
    "deelwijzer.disclosures",
    "deelwijzer.transfers",
    "deelwijzer.attachments",
    "deelwijzer.documents",
    "deelwijzer.notifications",
    "deelwijzer.api",
    "deelwijzer.ui",
    "deelwijzer.web",
    "deelwijzer.insight",
    "deelwijzer.sso",
    "deelwijzer.devdata",
]

# One limit for every request body (procedure/limits.py): forms parsed by Django, and the API
# and the import through RequestBodyLimitMiddleware (413).
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX

MIDDLEWARE = [
    "deelwijzer.ops.requestid.RequestIdMiddleware",  # first: every log line of the request has it
    "deelwijzer.api.middleware.ProblemMiddleware",  # first: every error under /api/ as problem+json
    "django.middleware.security.SecurityMiddleware",
    "deelwijzer.accounts.middleware.ContentSecurityPolicyMiddleware",
    "deelwijzer.ui.once.FormPostDoneMiddleware",  # before the session: done once it is saved
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "deelwijzer.web.body_limit.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "deelwijzer.audit.middleware.AuditContextMiddleware",
    "deelwijzer.cases.refusals.RefusedAccessAuditMiddleware",
    "deelwijzer.accounts.middleware.SessionTimeoutMiddleware",
    "deelwijzer.accounts.middleware.TwoFactorRequiredMiddleware",
    "deelwijzer.web.middleware.NoStoreMiddleware",
    "deelwijzer.ui.refusals.RefusedFormMiddleware",  # a refused form's 200 becomes 422
    "deelwijzer.ui.refusals.MethodNotAllowedPageMiddleware",  # a page for a form's address
    "axes.middleware.AxesMiddleware",
    "deelwijzer.cases.middleware.EncryptionErrorMiddleware",
    "deelwijzer.cases.middleware.CaseClosedMiddleware",
    "deelwijzer.ui.once.OncePerFormMiddleware",  # last: after the CSRF check, around the view
]

# Sign-in (accounts app): the lock-out backend first, then Django's own.
AUTHENTICATION_BACKENDS = [
    "deelwijzer.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sign-in through the organisation's own provider (#21): only from its callback view.
    "deelwijzer.sso.backend.ProviderBackend",
]
# mozilla-django-oidc: the name of the callback URL (its redirect_uri) and its timeouts.
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
OIDC_TIMEOUT = 10

ROOT_URLCONF = "deelwijzer.urls"
WSGI_APPLICATION = "deelwijzer.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "deelwijzer.web.context.roles",
                "deelwijzer.web.context.waiting",
                "deelwijzer.accounts.context.session_limits",
            ],
        },
    },
]


# Widgets made in Python with the markup of Django's templates (ui/renderers.py).
FORM_RENDERER = "deelwijzer.ui.renderers.FastRenderer"


# SQLite: a writer waits for another (up to 20 s) instead of failing with "database is
# locked", and takes the write lock when its transaction starts, so that two corrections at
# once are a 409 for the second, not a 500. For the default file and for a DATABASE_URL.
SQLITE_OPTIONS = {"timeout": 20, "transaction_mode": "IMMEDIATE"}


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "deelwijzer.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
            # A file, not shared-cache memory, so that concurrent writers wait their turn.
            "TEST": {"NAME": VAR_DIR / f"test-{os.getpid()}.sqlite3"},
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except Exception as exc:  # noqa: BLE001 - any parse failure is a configuration error
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from exc
    if config["ENGINE"] not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL or SQLite")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    if config["ENGINE"] == "django.db.backends.postgresql":
        # The server binds the parameters, and a statement run more than five times on one
        # kept connection is prepared there (psycopg's prepare_threshold), so PostgreSQL stops
        # parsing and planning the queries every page repeats (session, user, case, audit). In
        # a mix of pages: about 8 -> 4 ms of PostgreSQL processor time per page (bench/README.md).
        # DB_PREPARED_STATEMENTS=0 behind a pooler in transaction mode (docs/deployment.md).
        config.setdefault("OPTIONS", {}).update(
            server_side_binding=True,
            prepare_threshold=5 if env_bool("DB_PREPARED_STATEMENTS", True) else None,
        )
    return dict(config)


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's checks with our own Dutch texts (accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "deelwijzer.accounts.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "deelwijzer.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "deelwijzer.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "deelwijzer.accounts.passwords.NumericPasswordValidator"},
    {
        "NAME": "deelwijzer.accounts.passwords.DistinctCharactersValidator",
        "OPTIONS": {"min_distinct": 5},
    },
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]


# Attachments (issue 19, attachments/): encrypted bytes through Django's storage API. A folder
# under VAR_DIR by default; an S3-compatible object store (django-storages) when a bucket is set,
# for several app servers. Limits per file and per case in MB; clamd scanning when set.
def _attachment_storage() -> dict:
    bucket = os.environ.get("DEELWIJZER_ATTACHMENTS_S3_BUCKET", "")
    if not bucket:
        location = os.environ.get("DEELWIJZER_ATTACHMENTS_DIR") or VAR_DIR / "attachments"
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "file_permissions_mode": 0o600},
        }
    options = {
        "bucket_name": bucket,
        "endpoint_url": os.environ.get("DEELWIJZER_ATTACHMENTS_S3_ENDPOINT") or None,
        "region_name": os.environ.get("DEELWIJZER_ATTACHMENTS_S3_REGION") or None,
        "file_overwrite": True,
        "default_acl": None,
        "querystring_auth": True,
    }
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "attachments": _attachment_storage(),
}
ATTACHMENT_FILE_MAX_BYTES = env_int("DEELWIJZER_ATTACHMENT_MAX_MB", 20) * 1024 * 1024
ATTACHMENT_CASE_MAX_BYTES = env_int("DEELWIJZER_ATTACHMENT_CASE_MAX_MB", 200) * 1024 * 1024
ATTACHMENTS_PER_ENTRY = 10
# An uploaded file stays in memory, never in a plaintext temporary file: the upload paths take
# at most the file limit plus a megabyte (web.body_limit answers 413 above that, unread).
FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
FILE_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_FILE_MAX_BYTES + 1024 * 1024
CLAMD = os.environ.get("DEELWIJZER_CLAMD", "")  # a unix socket path, or host:port

SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_IDLE_SECONDS = 30 * 60  # accounts.middleware.SessionTimeoutMiddleware
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
# ASVS 5.0 V3.3.1: over HTTPS the cookies carry the __Host- prefix (Secure, Path=/, no Domain),
# so that no other host can set or overwrite them. Plain local http cannot use the prefix.
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE else "csrftoken"
CSRF_FAILURE_VIEW = "deelwijzer.web.views.errors.csrf_failure"  # Dutch, says what was lost
# Messages in the session, not in a cookie of their own (one cookie less to prefix).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SECURE_SSL_REDIRECT = SECURE
# A balancer asks a node itself over plain HTTP whether it lives and may take traffic.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Two-factor sign-in (django-otp) and lock-out (django-axes); see docs/security.md.
OTP_TOTP_ISSUER = os.environ.get("DEELWIJZER_OTP_ISSUER", "Deelwijzer")
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# The pair first, then the address alone (accounts/lockout.py: password spraying, #17.8).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "deelwijzer.accounts.lockout.LockoutHandler"
ADDRESS_FAILURE_LIMIT = env_int("DEELWIJZER_ADDRESS_FAILURE_LIMIT", 20)
# Reset links per hour (accounts/reset_limits.py): per account, and per client address.
PASSWORD_RESET_ACCOUNT_LIMIT = env_int("DEELWIJZER_PASSWORD_RESET_ACCOUNT_LIMIT", 3)
PASSWORD_RESET_ADDRESS_LIMIT = env_int("DEELWIJZER_PASSWORD_RESET_ADDRESS_LIMIT", 10)
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code"]
# The reverse proxies whose X-Forwarded-For is believed (audit trail and lock-out alike);
# empty means REMOTE_ADDR is the client. See audit/client_address.py, docs/deployment.md.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "deelwijzer.audit.client_address.client_address"


def _email_backend() -> tuple[str, str | None]:
    """(backend, file path). DEELWIJZER_EMAIL_FILE_DIR: every e-mail is written as a file in
    that directory (Django's file backend; `make run` sets var/mail), so that one can read what
    would have been sent. Not together with EMAIL_BACKEND: that would be ambiguous."""
    backend = os.environ.get("EMAIL_BACKEND", "")
    file_dir = os.environ.get("DEELWIJZER_EMAIL_FILE_DIR", "")
    if file_dir and backend:
        raise ImproperlyConfigured(
            "Set DEELWIJZER_EMAIL_FILE_DIR or EMAIL_BACKEND, not both: "
            "DEELWIJZER_EMAIL_FILE_DIR already chooses the file backend."
        )
    if file_dir:
        return "django.core.mail.backends.filebased.EmailBackend", str(Path(file_dir).resolve())
    return backend or "django.core.mail.backends.console.EmailBackend", None


EMAIL_BACKEND, EMAIL_FILE_PATH = _email_backend()
# The SMTP backend's server (a local MTA by default) and how long a mail may hang before the
# job or request sending it gives up: a hung mail server must not hold a job's lock forever.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 60)
# A relay that asks a login (a hosted mail service on 587 with STARTTLS, or 465 with TLS)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS, 587) or EMAIL_USE_SSL (465), not both")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "deelwijzer@localhost")
SITE_URL = os.environ.get("DEELWIJZER_SITE_URL", "http://127.0.0.1:8000")
# Days after the agreed feedback date during which a recipient can still give feedback through
# a delivery's link (disclosures.models.Delivery.feedback_until; issue #20.1).
FEEDBACK_GRACE_DAYS = env_int("DEELWIJZER_FEEDBACK_GRACE_DAYS", 14)

# An e-mailed invitation's link works this many days (#21).
INVITATION_DAYS = env_int("DEELWIJZER_INVITATION_DAYS", 7)

# Prometheus metrics per request (deelwijzer/ops/metrics.py); deploy/gunicorn.conf.py turns
# this on when DEELWIJZER_METRICS_PORT is set, and serves them on 127.0.0.1 only.
METRICS = env_bool("DEELWIJZER_METRICS", False)
if METRICS:
    MIDDLEWARE.insert(1, "deelwijzer.ops.metrics.MetricsMiddleware")

# Logs: one JSON object a line with the request id (deelwijzer/ops/logs.py), on by default in
# production (DEELWIJZER_SECURE=1); DEELWIJZER_LOG_JSON=0/1 overrides.
LOG_JSON = env_bool("DEELWIJZER_LOG_JSON", SECURE)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "deelwijzer.ops.requestid.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "deelwijzer.ops.logs.JsonFormatter"},
        "plain": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_JSON else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
