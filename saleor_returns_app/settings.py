"""Django settings, read only from the environment.

Defaults make `make run` work on a fresh machine (SQLite file, SQLite-backed celery broker,
generated development secrets). `APP_ENV=production` turns the defaults that would be unsafe in
production into hard errors.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from saleor_returns_app.core import broker
from saleor_returns_app.core.dev_secrets import load_or_create_dev_secrets

BASE_DIR = Path(__file__).resolve().parent
REPO_ROOT = BASE_DIR.parent
DATA_DIR = Path(os.environ.get("DATA_DIR", REPO_ROOT / "var"))
# The SQLite database, the embedded broker and collected static files all live here.
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

APP_ENV = os.environ.get("APP_ENV", "development")
PRODUCTION = APP_ENV == "production"


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _require(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when APP_ENV=production")
    return value


if PRODUCTION:
    SECRET_KEY = _require("SECRET_KEY")
    ENCRYPTION_KEYS = _require("ENCRYPTION_KEYS").split(",")
else:
    _dev_secrets = load_or_create_dev_secrets(DATA_DIR / "dev-secrets.json")
    SECRET_KEY = os.environ.get("SECRET_KEY") or _dev_secrets["secret_key"]
    ENCRYPTION_KEYS = (os.environ.get("ENCRYPTION_KEYS") or _dev_secrets["encryption_key"]).split(
        ","
    )

DEBUG = _env_bool("DEBUG", default=False)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "*").split(",")

PORT = int(os.environ.get("PORT", "8100"))
# Public base URL used for every absolute URL in the manifest. Unset: taken from the request.
APP_URL = os.environ.get("APP_URL", "").rstrip("/")
MANIFEST_APP_ID = os.environ.get("MANIFEST_APP_ID", "saleor.app.returns")
MANIFEST_APP_NAME = os.environ.get("MANIFEST_APP_NAME", "Returns")

# Regular expression a Saleor API URL must fully match to install the app. Production must
# choose one: the register endpoint makes outbound calls to the URL it is given.
if PRODUCTION:
    ALLOWED_SALEOR_URLS = _require("ALLOWED_SALEOR_URLS")
else:
    ALLOWED_SALEOR_URLS = os.environ.get("ALLOWED_SALEOR_URLS", ".*")

# Seconds between JWKS refetches triggered by failed verifications, per installation.
JWKS_REFETCH_INTERVAL = float(os.environ.get("JWKS_REFETCH_INTERVAL", "10"))
SALEOR_CONNECT_TIMEOUT = float(os.environ.get("SALEOR_CONNECT_TIMEOUT", "2"))
SALEOR_READ_TIMEOUT = float(os.environ.get("SALEOR_READ_TIMEOUT", "18"))

GRAPHQL_DOCUMENTS_DIR = REPO_ROOT / "graphql"
WEBHOOK_DOCUMENTS_DIR = REPO_ROOT / "webhooks"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "saleor_returns_app.core",
    "saleor_returns_app.installations",
    "saleor_returns_app.webhooks",
    "saleor_returns_app.orders",
    "saleor_returns_app.returns",
    "saleor_returns_app.saleor_sync",
    "saleor_returns_app.carriers",
    "saleor_returns_app.shipping",
    "saleor_returns_app.api",
    "saleor_returns_app.notifications",
    "saleor_returns_app.portal",
    "saleor_returns_app.track",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Saleor never follows redirects: a trailing-slash redirect on a protocol URL breaks install.
APPEND_SLASH = False

ROOT_URLCONF = "saleor_returns_app.urls"
WSGI_APPLICATION = "saleor_returns_app.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [REPO_ROOT / "dashboard_extension" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a celery worker process in the tests shares the test database;
    # WAL and a busy timeout let the web process and the worker write concurrently.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-db.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"
USE_I18N = True
# The languages shoppers are served in (portal, tracking page, emails); English is the source.
LANGUAGES = [
    ("en", "English"),
    ("ro", "Română"),
    ("pl", "Polski"),
    ("cs", "Čeština"),
]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [REPO_ROOT / "dashboard_extension" / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Labels and documents: the filesystem by default; any Django storage (S3 through
# django-storages, say) with FILE_STORAGE_BACKEND and its FILE_STORAGE_OPTIONS as JSON.
STORAGES = {
    "default": {
        "BACKEND": os.environ.get(
            "FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": json.loads(os.environ.get("FILE_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not PRODUCTION

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["CACHE_URL"],
    }
    if os.environ.get("CACHE_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

CELERY_BROKER_URL = os.environ.get(
    "CELERY_BROKER_URL", f"{broker.SCHEME}+sqlite:///{DATA_DIR / 'broker.sqlite3'}"
)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# How long a webhook event may wait in the outbox before the sweeper enqueues it again.
WEBHOOK_REDELIVERY_AFTER = int(os.environ.get("WEBHOOK_REDELIVERY_AFTER", "300"))
# How long a planned Saleor write may stay pending before the sweeper enqueues it again.
SALEOR_SYNC_REDELIVERY_AFTER = int(os.environ.get("SALEOR_SYNC_REDELIVERY_AFTER", "300"))
# How long a planned or half-done booking may wait before the sweeper enqueues it again
# (longer than the longest retry countdown, so a live retry chain is not doubled).
SHIPMENT_REDELIVERY_AFTER = int(os.environ.get("SHIPMENT_REDELIVERY_AFTER", "900"))
# How often each booked, undelivered parcel is asked about.
TRACKING_INTERVAL = int(os.environ.get("TRACKING_INTERVAL", "1800"))
# How long a shopper's label link works.
LABEL_LINK_MAX_AGE = int(os.environ.get("LABEL_LINK_MAX_AGE", str(30 * 24 * 3600)))
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-webhook-events": {
        "task": "saleor_returns_app.webhooks.tasks.requeue_stale_events",
        "schedule": 60.0,
    },
    "requeue-stale-saleor-operations": {
        "task": "saleor_returns_app.saleor_sync.tasks.requeue_stale_operations",
        "schedule": 60.0,
    },
    "requeue-stale-bookings": {
        "task": "saleor_returns_app.shipping.tasks.requeue_stale_bookings",
        "schedule": 60.0,
    },
    "track-shipments": {
        "task": "saleor_returns_app.shipping.tasks.track_shipments",
        "schedule": 300.0,
    },
    "sync-service-points": {
        "task": "saleor_returns_app.shipping.tasks.sync_service_points",
        "schedule": 24 * 3600.0,
    },
    "requeue-stale-notifications": {
        "task": "saleor_returns_app.notifications.tasks.requeue_stale_notifications",
        "schedule": 60.0,
    },
    "sweep-abandoned-photos": {
        "task": "saleor_returns_app.portal.tasks.sweep_abandoned_photos",
        "schedule": 6 * 3600.0,
    },
}

# Emails: any Django email backend. SMTP when EMAIL_HOST is set; without it (`make run`) each
# email is written as a file under DATA_DIR/emails.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "emails"))
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = _env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Returns <returns@localhost>")
# How long an email may stay pending before the sweeper enqueues it again (longer than the
# longest retry countdown), and how long an approval waits for the carrier's label.
NOTIFICATION_REDELIVERY_AFTER = int(os.environ.get("NOTIFICATION_REDELIVERY_AFTER", "900"))
NOTIFICATION_LABEL_WAIT = int(os.environ.get("NOTIFICATION_LABEL_WAIT", "3600"))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
USE_X_FORWARDED_HOST = _env_bool("USE_X_FORWARDED_HOST", default=PRODUCTION)
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Optional links shown to installers in the manifest.
DATA_PRIVACY_URL = os.environ.get("DATA_PRIVACY_URL", "")
SUPPORT_URL = os.environ.get("SUPPORT_URL", "")

# How many reverse proxies stand in front of the web processes: the client address used for
# rate limits is then taken from X-Forwarded-For, as the outermost proxy saw it.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

# Origins allowed to frame the Dashboard views (CSP frame-ancestors).
DASHBOARD_FRAME_ANCESTORS = os.environ.get(
    "DASHBOARD_FRAME_ANCESTORS", "https: http://localhost:* http://127.0.0.1:*"
)
