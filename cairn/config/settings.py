"""Cairn's settings, driven by environment variables (see docs/configuration.md)."""

import importlib.util
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("CAIRN_DATA_DIR", BASE_DIR / "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

# Demo mode lets the demo users sign in with the password "demo". Never on in production.
DEMO_MODE = env_bool("CAIRN_DEMO")
DEBUG = env_bool("CAIRN_DEBUG")
# A hello-world page at /benchmark/floor/ through every middleware, for benchmarks/pages.py to measure the floor
# beside Cairn's pages; off (no such URL) unless set, and never set in production.
BENCHMARK_FLOOR = env_bool("CAIRN_BENCHMARK_FLOOR")


def _secret_key(engine: str) -> str:
    if key := os.environ.get("CAIRN_SECRET_KEY"):
        return key
    if "postgresql" in engine:
        # Several servers behind a load balancer must share one key: a key generated on each would sign people out
        # and break every link in an e-mail as soon as a request reached another server.
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "CAIRN_SECRET_KEY is not set. On PostgreSQL Cairn needs one secret key shared by every server (for "
            "example the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), kept secret "
            "and set in each server's environment."
        )
    # A local install keeps a generated key in its data directory, so sessions survive restarts.
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


ALLOWED_HOSTS = [h.strip() for h in os.environ.get("CAIRN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    # Before django_tasks_db, so that Cairn's `db_worker` (which reconnects and keeps a heartbeat) is the one run.
    "cairn.jobs",
    "django_tasks_db",
    "cairn.core",
    "cairn.accounts",
    "cairn.signon",
    "cairn.audit",
    "cairn.reviews",
    "cairn.programmes",
    "cairn.benchmarks",
    "cairn.imports",
    "cairn.reports",
    "cairn.api",
    "cairn.demo",
    "cairn.service",
    "cairn.search",
    "cairn.home",
]

MIDDLEWARE = [
    # First: a request id for the logs, and /healthz answered before sessions, sign-in or the HTTPS redirect.
    "cairn.service.middleware.RequestIdMiddleware",
    "cairn.service.middleware.HealthCheckMiddleware",
    "cairn.service.middleware.RefuseTamperedMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "cairn.accounts.middleware.TwoFactorMiddleware",
    "cairn.core.middleware.OrganisationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it sees the outcome of sign-in attempts and can answer a locked-out user.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Sessions begun through a council's OpenID Connect provider (cairn.signon); it checks no passwords.
    "cairn.signon.backends.ProviderBackend",
]

ROOT_URLCONF = "cairn.config.urls"
WSGI_APPLICATION = "cairn.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "cairn.config.jinja2.environment",
            "context_processors": ["django.template.context_processors.csp"],
        },
    },
    {
        # Only for Django's own admin-free built-ins (e.g. the CSRF failure page); Cairn's pages are Jinja2.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'cairn.sqlite3'}",
        conn_max_age=int(os.environ.get("CAIRN_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; the timeout rides out short write locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # A database that cannot be reached fails a request in seconds (and /healthz says so), rather than hanging it; a
    # kept connection that has died is replaced before it is used. CAIRN_DB_STATEMENT_TIMEOUT (seconds) bounds any
    # one query; `cairn serve` sets it for the web server.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    db_options = DATABASES["default"].setdefault("OPTIONS", {})
    db_options.setdefault("connect_timeout", int(os.environ.get("CAIRN_DB_CONNECT_TIMEOUT", "5")))
    if statement_timeout := os.environ.get("CAIRN_DB_STATEMENT_TIMEOUT"):
        db_options["options"] = f"-c statement_timeout={int(float(statement_timeout) * 1000)}"

SECRET_KEY = _secret_key(DATABASES["default"]["ENGINE"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

# A link to set a password (`cairn create-council`, `cairn password-link`) works once, for this long.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("CAIRN_PASSWORD_LINK_HOURS", 72)) * 60 * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "cairn.accounts.passwords.StrengthValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# The built styles and scripts ship in cairn/core/static (decision 11). `cairn serve` collects them into STATIC_ROOT
# under content-hashed names (app.<hash>.css), compressed (gzip and brotli), cached for a year by browsers.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG
# Figures a page computes over many rows (the home page's counts of a council's recommendations), kept in each web
# worker's memory under the newest audit event of the council, so any change gives them a new key (cairn/home).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cairn-default"},
    "figures": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cairn-figures",
                "TIMEOUT": 600, "OPTIONS": {"MAX_ENTRIES": 2000}},
    # The main content of the busiest pages, compressed, for the person who saw it, under the same kind of key
    # (cairn/core/kept_pages.py): at most 300 of at most 256 KB each in a worker.
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "cairn-pages",
              "TIMEOUT": 600, "OPTIONS": {"MAX_ENTRIES": 300}},
}
# Swagger UI for the API docs page comes with django-ninja (decision 17). Its static folder is found without importing
# the library: as an installed app it was imported by every command (a fifth of the start-up) for files only the web
# server serves.
STATICFILES_DIRS = [Path(importlib.util.find_spec("ninja").origin).parent / "static"]
# Source maps (megabytes, for developers' tools only) are served as they are: compressing them with brotli was two
# thirds of `cairn serve`'s start-up.
from whitenoise.compress import Compressor  # noqa: E402

WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")


def _static_headers(headers, path: str, url: str) -> None:
    """A hashed file (app.<hash>.css) never changes under its name: browsers may keep it for a year."""
    if "immutable" in headers.get("Cache-Control", ""):
        headers["Cache-Control"] = "max-age=31536000, public, immutable"


WHITENOISE_ADD_HEADERS_FUNCTION = _static_headers

# Security. Behind HTTPS in production set CAIRN_HTTPS=1: secure cookies, HSTS, redirect to HTTPS.
HTTPS = env_bool("CAIRN_HTTPS")
# Cairn's own cookie names: another application on the same host (a council's sign-in provider on another port, say)
# must not overwrite them. Over HTTPS the __Host- prefix pins them to this host and to secure connections.
SESSION_COOKIE_NAME = ("__Host-" if HTTPS else "") + "cairn_session"
CSRF_COOKIE_NAME = ("__Host-" if HTTPS else "") + "cairn_csrf"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("CAIRN_SESSION_SECONDS", 8 * 60 * 60))
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS and env_bool("CAIRN_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("CAIRN_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("CAIRN_HSTS_PRELOAD", True)
if proxy_header := os.environ.get("CAIRN_PROXY_SSL_HEADER"):  # e.g. HTTP_X_FORWARDED_PROTO when a proxy ends TLS
    SECURE_PROXY_SSL_HEADER = (proxy_header, "https")
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CAIRN_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
CSRF_FAILURE_VIEW = "cairn.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (Django's own): only our own scripts and styles, inline ones only with the nonce.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Sign-in throttling (django-axes): after 5 failures for a username from one address, 15 minutes' wait.
from datetime import timedelta  # noqa: E402

AXES_FAILURE_LIMIT = int(os.environ.get("CAIRN_SIGN_IN_ATTEMPTS", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CAIRN_LOCKOUT_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address: the connecting one, unless a trusted reverse proxy is named here with the header it sets (for
# example HTTP_X_FORWARDED_FOR) and how many proxies stand in front (decision 0009). Never believed unless set.
CAIRN_CLIENT_IP_HEADER = os.environ.get("CAIRN_CLIENT_IP_HEADER", "")
CAIRN_TRUSTED_PROXY_COUNT = max(1, int(os.environ.get("CAIRN_TRUSTED_PROXY_COUNT", 1)))
AXES_CLIENT_IP_CALLABLE = "cairn.accounts.throttling.client_address"
# A browser the person signed in from before is counted apart (accounts.throttling).
AXES_WHITELIST_CALLABLE = "cairn.accounts.throttling.is_known_device"
# Failed sign-ins from one address to any accounts before that address must wait (password spraying).
CAIRN_SIGN_IN_ADDRESS_ATTEMPTS = int(os.environ.get("CAIRN_SIGN_IN_ADDRESS_ATTEMPTS", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cairn.accounts.views.locked_out"
AXES_USERNAME_CALLABLE = "cairn.accounts.views.attempted_username"
AXES_VERBOSE = False

# Security keys and passkeys as a second factor (django-otp-webauthn, decision 14): never in place of a password. The
# relying party is the host people reach Cairn at (cairn.accounts.security_keys.Helper).
OTP_WEBAUTHN_HELPER_CLASS = "cairn.accounts.security_keys.Helper"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "Cairn"
# The library's start-up checks ask for a fixed relying party and origins; Helper takes them from each request instead.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E010", "otp_webauthn.E030"]

# Two-factor sign-in (django-otp, TOTP): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = "Cairn"

# Single sign-on (cairn.signon): how long Cairn waits for a council's provider to answer, in seconds.
CAIRN_SSO_TIMEOUT = int(os.environ.get("CAIRN_SSO_TIMEOUT", 10))

# Uploads: refuse request bodies over this size (imports check their own, smaller, limits).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# E-mail goes to the console unless a back end is configured (e.g. django.core.mail.backends.smtp.EmailBackend
# with CAIRN_EMAIL_HOST); tests use Django's in-memory mailbox.
MAILERS = {
    "default": {
        "BACKEND": os.environ.get("CAIRN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("CAIRN_EMAIL_HOST"),
                "port": int(os.environ["CAIRN_EMAIL_PORT"]) if os.environ.get("CAIRN_EMAIL_PORT") else None,
                "username": os.environ.get("CAIRN_EMAIL_USER"),
                "password": os.environ.get("CAIRN_EMAIL_PASSWORD"),
                "use_tls": env_bool("CAIRN_EMAIL_TLS") or None,
            }.items()
            if value is not None
        },
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("CAIRN_FROM_EMAIL", "cairn@localhost")
# GOV.UK Notify, when CAIRN_EMAIL_BACKEND is cairn.core.notify.NotifyEmailBackend.
CAIRN_NOTIFY_API_KEY = os.environ.get("CAIRN_NOTIFY_API_KEY", "")
CAIRN_NOTIFY_TEMPLATE_ID = os.environ.get("CAIRN_NOTIFY_TEMPLATE_ID", "")
# The address people use to reach Cairn, for links in e-mails.
CAIRN_BASE_URL = os.environ.get("CAIRN_BASE_URL", "http://127.0.0.1:8000")
# API (decision 17): requests one token may make in a minute before it is answered 429.
CAIRN_API_RATE_LIMIT = int(os.environ.get("CAIRN_API_RATE_LIMIT", 600))
# Reminders go this many days before a round's deadline, and once after it has passed.
CAIRN_REMINDER_DAYS = int(os.environ.get("CAIRN_REMINDER_DAYS", 3))

# Background work (decision 0004): a queue in Cairn's own database, worked by `cairn db_worker` beside the web
# server. Uploaded PDFs of more than CAIRN_BACKGROUND_PAGES pages, and any file over CAIRN_BACKGROUND_BYTES, are read
# in the background; PDF papers of more than CAIRN_BACKGROUND_ROWS recommendations (or projects) are made there.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
CAIRN_BACKGROUND_PAGES = int(os.environ.get("CAIRN_BACKGROUND_PAGES", 10))
CAIRN_BACKGROUND_BYTES = int(os.environ.get("CAIRN_BACKGROUND_BYTES", 2 * 1024 * 1024))
CAIRN_BACKGROUND_ROWS = int(os.environ.get("CAIRN_BACKGROUND_ROWS", 40))
# A job in progress that has not reported progress for this many seconds is taken to have died: it is marked failed
# (and can be tried again).
CAIRN_JOB_TIME_LIMIT = int(os.environ.get("CAIRN_JOB_TIME_LIMIT", 600))
# Reading a file to import (decision 0012) happens in a child process limited to CAIRN_IMPORT_SECONDS of time and
# CAIRN_IMPORT_MEMORY_MB of memory; in a web request it is given CAIRN_IMPORT_REQUEST_SECONDS, then goes on in the
# background.
CAIRN_IMPORT_SECONDS = float(os.environ.get("CAIRN_IMPORT_SECONDS", 25))
CAIRN_IMPORT_REQUEST_SECONDS = float(os.environ.get("CAIRN_IMPORT_REQUEST_SECONDS", 4))
CAIRN_IMPORT_MEMORY_MB = int(os.environ.get("CAIRN_IMPORT_MEMORY_MB", 1024))
# A staged file of more records than this (recommendations, steps, projects, milestones...) is imported in the
# background: creating them takes seconds.
CAIRN_BACKGROUND_RECORDS = int(os.environ.get("CAIRN_BACKGROUND_RECORDS", 300))

# Logs go to the console (standard error): plain lines, or one JSON object a line with CAIRN_LOG_FORMAT=json, each
# with the request's id (cairn/service/logs.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "cairn.service.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "cairn.service.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if os.environ.get("CAIRN_LOG_FORMAT", "").lower() == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("CAIRN_LOG_LEVEL", "WARNING")},
    # A line per request when CAIRN_ACCESS_LOG is on (`cairn serve` turns it on unless told otherwise).
    "loggers": {
        "cairn.access": {"level": "INFO" if env_bool("CAIRN_ACCESS_LOG") else "WARNING"},
        # A request for a host Cairn does not serve is answered 400: the internet's background noise, not an error.
        "django.security.DisallowedHost": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
