"""Settings, read from the environment so that one build runs anywhere.

Every variable is listed in the README's configuration table.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
DEFAULT_INSTANCE_DIR = Path(os.environ.get("VAE_INSTANCE_DIR") or BASE_DIR / "instance")


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _ints(name: str, default: str) -> list[int]:
    return [int(part) for part in os.environ.get(name, default).split(",") if part.strip()]


def trusted_hosts_for(public_base_url: str, extra: str) -> list[str]:
    """The host names a deployment answers to: PUBLIC_BASE_URL's, plus a comma-separated list.

    Werkzeug compares the Host header against these (port ignored): anything else is a 400,
    so no page, link or mail is ever built from a host an attacker chose.
    """
    hosts = [urlsplit(public_base_url).hostname or ""]
    hosts += [h.strip() for h in extra.split(",")]
    return [h for h in dict.fromkeys(hosts) if h]


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "")
    # Unset paths are derived from INSTANCE_DIR by create_app().
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    INSTANCE_DIR = str(DEFAULT_INSTANCE_DIR)
    UPLOAD_DIR = os.environ.get("UPLOAD_DIR")
    KEY_DIR = os.environ.get("KEY_DIR")
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    # Where the project JSON-LD context is published (unset: PUBLIC_BASE_URL + "/ns").
    CONTEXT_BASE_URL = os.environ.get("CONTEXT_BASE_URL") or None
    # "production" refuses to issue credentials naming a loopback/placeholder address.
    DEPLOYMENT = "production"
    # Production refuses any other Host header (item 1 of the second security round).
    TRUSTED_HOSTS = trusted_hosts_for(PUBLIC_BASE_URL, os.environ.get("TRUSTED_HOSTS", ""))
    CERTIFIER_NAME = os.environ.get("CERTIFIER_NAME", "IPERIA")
    CERTIFIER_COUNTRY = os.environ.get("CERTIFIER_COUNTRY", "FR")
    # The certifier's legal identifier (SIRET) in Europass credentials; unset: its did:web.
    CERTIFIER_LEGAL_ID = os.environ.get("CERTIFIER_LEGAL_ID", "")
    # Shown on the contact, legal notice and accessibility pages.
    CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "vae@iperia.eu")
    CONTACT_PHONE = os.environ.get("CONTACT_PHONE", "09 69 32 33 33")
    CERTIFIER_ADDRESS = os.environ.get("CERTIFIER_ADDRESS", "IPERIA, 60 avenue Quakenbrück, 61000 Alençon")

    # Cookies: Secure should be on wherever the app is served over HTTPS.
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = os.environ.get("SESSION_COOKIE_SAMESITE", "Lax")
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = SESSION_COOKIE_SAMESITE
    PERMANENT_SESSION_LIFETIME = _int("SESSION_LIFETIME_SECONDS", 8 * 3600)

    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead: long dossier pages stay valid

    BABEL_DEFAULT_LOCALE = "fr"
    BABEL_DEFAULT_TIMEZONE = "Europe/Paris"
    LANGUAGES = ("fr", "en")

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = _int("MAIL_PORT", 25)
    MAIL_USE_STARTTLS = _bool("MAIL_USE_STARTTLS", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "VAE <no-reply@vae.example>")
    MAIL_MAX_ATTEMPTS = _int("MAIL_MAX_ATTEMPTS", 6)
    # Retry n waits MAIL_RETRY_BASE_SECONDS * 2**(n-1), capped at MAIL_RETRY_MAX_SECONDS.
    MAIL_RETRY_BASE_SECONDS = _int("MAIL_RETRY_BASE_SECONDS", 60)
    MAIL_RETRY_MAX_SECONDS = _int("MAIL_RETRY_MAX_SECONDS", 6 * 3600)
    MAIL_TIMEOUT_SECONDS = _int("MAIL_TIMEOUT_SECONDS", 30)
    MAIL_BATCH_SIZE = _int("MAIL_BATCH_SIZE", 100)
    # After a commit that queued mail, a `send_mail` job sends it (a worker, or in-process without a
    # queue). False: only `flask vae send-mail` from cron sends the outbox.
    MAIL_SEND_AFTER_COMMIT = _bool("MAIL_SEND_AFTER_COMMIT", True)

    PASSWORD_RESET_MAX_AGE = _int("PASSWORD_RESET_MAX_AGE", 3600)
    MAX_CONTENT_LENGTH = _int("MAX_UPLOAD_BYTES", 200 * 1024 * 1024)
    UPLOAD_MAX_BYTES = _int("UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
    UPLOAD_MAX_VIDEO_BYTES = _int("UPLOAD_MAX_VIDEO_BYTES", 200 * 1024 * 1024)

    # Legal and policy deadlines (days).
    ADMISSIBILITY_SILENCE_DAYS = _int("ADMISSIBILITY_SILENCE_DAYS", 61)
    INACTIVITY_REMINDER_DAYS = _int("INACTIVITY_REMINDER_DAYS", 60)
    INACTIVITY_WARNING_DAYS = _int("INACTIVITY_WARNING_DAYS", 165)
    INACTIVITY_ABANDON_DAYS = _int("INACTIVITY_ABANDON_DAYS", 180)
    RESULT_NOTIFICATION_DAYS = _int("RESULT_NOTIFICATION_DAYS", 15)
    # A candidate may contest a jury's decision by a written appeal to the certifier within this delay.
    APPEAL_DELAY_MONTHS = _int("APPEAL_DELAY_MONTHS", 2)

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_ENABLED = _bool("RATELIMIT_ENABLED", True)

    # Jury composition policy (the law sets the principles; the certifier the numbers).
    JURY_MIN_MEMBERS = _int("JURY_MIN_MEMBERS", 2)
    JURY_MIN_PRACTISING_PROFESSIONALS = _int("JURY_MIN_PRACTISING_PROFESSIONALS", 1)
    # Attempts of one decision when another request changed the same case meanwhile.
    DECISION_RETRY_ATTEMPTS = _int("DECISION_RETRY_ATTEMPTS", 4)

    # Security and reliability (issue 9).
    RATELIMIT_LOGIN = os.environ.get("RATELIMIT_LOGIN", "10 per minute; 50 per hour")
    # Failed sign-ins per (address typed, client): the same for known and unknown addresses.
    RATELIMIT_LOGIN_FAILURES = os.environ.get("RATELIMIT_LOGIN_FAILURES", "5 per 15 minutes")
    RATELIMIT_SIGNUP = os.environ.get("RATELIMIT_SIGNUP", "5 per minute; 20 per hour")
    RATELIMIT_RESET = os.environ.get("RATELIMIT_RESET", "5 per minute; 20 per hour")
    RATELIMIT_HEADERS_ENABLED = True
    # A ClamAV daemon's unix socket (e.g. /run/clamav/clamd.ctl); unset = no malware scan.
    CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET") or None
    # Personal data of an abandoned case are erased this many days after its last activity.
    PERSONAL_DATA_RETENTION_DAYS = _int("PERSONAL_DATA_RETENTION_DAYS", 365)
    # Where pg_dump / pg_restore live when backing up PostgreSQL (else PATH or the Debian PG 15 dir).
    PG_BIN = os.environ.get("PG_BIN") or None
    # No form field or query parameter is longer than this (a written account fits easily).
    MAX_FORM_FIELD_CHARS = _int("MAX_FORM_FIELD_CHARS", 50_000)
    # No urlencoded form body is larger (refused by Content-Length, or once read that far).
    MAX_FORM_BYTES = _int("MAX_FORM_BYTES", 1024 * 1024)
    # A phone photo is 12-50 megapixels; more is refused before decoding.
    UPLOAD_MAX_IMAGE_PIXELS = _int("UPLOAD_MAX_IMAGE_PIXELS", 40_000_000)
    # Files left in UPLOAD_DIR/tmp by an interrupted upload are removed after this long.
    UPLOAD_TEMP_MAX_AGE_SECONDS = _int("UPLOAD_TEMP_MAX_AGE_SECONDS", 6 * 3600)
    # Seconds an e-mail confirmation link stays valid.
    EMAIL_CONFIRM_MAX_AGE = _int("EMAIL_CONFIRM_MAX_AGE", 7 * 24 * 3600)

    # The API (docs/api.md): calls per token, idempotency memory, webhook deliveries.
    RATELIMIT_API = os.environ.get("RATELIMIT_API", "300 per minute")
    IDEMPOTENCY_TTL_HOURS = _int("IDEMPOTENCY_TTL_HOURS", 24)
    WEBHOOK_TIMEOUT_SECONDS = _int("WEBHOOK_TIMEOUT_SECONDS", 10)
    WEBHOOK_BATCH_SIZE = _int("WEBHOOK_BATCH_SIZE", 100)
    WEBHOOK_MAX_ATTEMPTS = _int("WEBHOOK_MAX_ATTEMPTS", 8)

    # Scale and deployment (issue 18, docs/deployment.md). Unset: everything runs in one process.
    # Redis shared by the app servers: rate limits, the session revocation list, and the job queue.
    REDIS_URL = os.environ.get("REDIS_URL") or None
    # The job queue's Redis when it is not REDIS_URL's (unset with REDIS_URL unset: jobs run in-process).
    JOB_QUEUE_URL = os.environ.get("JOB_QUEUE_URL") or None
    # Seconds before the 2nd, 3rd... attempt of a failed job (RQ's scheduler, `flask vae worker`).
    JOB_RETRY_DELAYS = _ints("JOB_RETRY_DELAYS", "30,120,600")
    # A job still running after this long is stopped by its worker and counts as a failed attempt.
    JOB_TIMEOUT_SECONDS = _int("JOB_TIMEOUT_SECONDS", 3600)
    # Where GDPR export jobs write their archives (unset: INSTANCE_DIR/exports).
    EXPORT_DIR = os.environ.get("EXPORT_DIR") or None
    # Evidence files: "local" (UPLOAD_DIR, the default) or "s3" (any S3-compatible object store).
    STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "local")
    S3_BUCKET = os.environ.get("S3_BUCKET", "")
    S3_PREFIX = os.environ.get("S3_PREFIX", "evidence/")
    # Unset: AWS itself; else MinIO, Ceph, Garage, Scaleway, OVH... (credentials: AWS_ACCESS_KEY_ID/SECRET).
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL") or None
    S3_REGION = os.environ.get("S3_REGION", "eu-west-3")


class DevelopmentConfig(Config):
    DEBUG = False
    DEPLOYMENT = "development"
    TRUSTED_HOSTS = None  # a developer reaches the dev server under any name


class TestConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = False  # web tests that check CSRF switch it back on
    RATELIMIT_ENABLED = False
    PUBLIC_BASE_URL = "http://localhost"
    DEPLOYMENT = "test"
    TRUSTED_HOSTS = None  # tests that check the refusal set it
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast in tests only
    JOB_RETRY_DELAYS = [0]  # a retried job runs again at once (tests count attempts, never wait)
    # Tests read the outbox as the change left it, then run a sending pass themselves;
    # tests/jobs turns sending after the commit on.
    MAIL_SEND_AFTER_COMMIT = False


CONFIGS = {"development": DevelopmentConfig, "test": TestConfig, "production": Config}
