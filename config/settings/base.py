"""Settings shared by every environment. Secrets and hosts come from the environment."""

import datetime
import os
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "safeguard.core",
    "safeguard.accounts",
    "safeguard.people",
    "safeguard.cases",
    "safeguard.checks",
    "safeguard.referrals",
    "safeguard.register",
    "safeguard.meetings",
    "safeguard.record",
    "safeguard.visits",
    "safeguard.transfers",
    "safeguard.plans",
    "safeguard.oversight",
    "safeguard.demo",
    "axes",  # sign-in lock-out (see AXES_* below)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "safeguard.core.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "safeguard.core.middleware.RestrictedPageMiddleware",
    "safeguard.core.steps.StepsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Sign-in protection (django-axes): a username, or an address, with too many wrong passwords is
# locked out for a while; an administrator can unlock it sooner (admin → Access attempts).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("SAFEGUARD_SIGN_IN_ATTEMPTS", "10"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("SAFEGUARD_SIGN_IN_LOCK_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lock runs from the failure that set it
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True  # sign-ins go to Safeguard's own access log (safeguard.accounts.sign_in)
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "safeguard.accounts.sign_in.client_address"

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "safeguard.core.context_processors.service",
            ],
            "builtins": ["safeguard.core.templatetags.govuk"],
        },
    }
]
FORM_RENDERER = "safeguard.core.forms.GovukFormRenderer"


def database(url: str) -> dict[str, Any]:
    """The settings of a database given by its URL, for many people writing at once (ADR 0011).

    SQLite: IMMEDIATE transactions (the write lock is taken at BEGIN, so two saves queue instead of
    one being refused with "database is locked") and a busy timeout (how long a save waits for the
    lock); WAL, synchronous=NORMAL and secure_delete are set on every connection by
    `safeguard.core.database.on_connect`. PostgreSQL: each server process takes its connections from
    a pool of at most DATABASE_POOL_MAX_SIZE (sized in docs/operations.md), so threads and workers
    never use up the server's connection slots; DATABASE_POOL=false when a pooler such as PgBouncer
    stands in front instead.
    """
    config: dict[str, Any] = {**dj_database_url.parse(url, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")))}
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        options["transaction_mode"] = "IMMEDIATE"
        options["timeout"] = float(os.environ.get("DATABASE_BUSY_TIMEOUT", "20"))
    elif config["ENGINE"] == "django.db.backends.postgresql" and env_bool("DATABASE_POOL", True):
        config["CONN_MAX_AGE"] = 0  # a finished request hands its connection back to the pool
        options["pool"] = {
            "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "1")),
            "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", "4")),
            "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "30")),  # a request waits this long for one
        }
    return config


DATABASES = {"default": database(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"

STATIC_URL = "/static/"
STATIC_ROOT: Path | None = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
# GOV.UK Frontend's precompiled CSS points at /assets/fonts and /assets/images.
WHITENOISE_ROOT = BASE_DIR / "build" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "safeguard@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day at most; idle sessions end sooner (IDLE_TIMEOUT_MINUTES)
# No inline script or style anywhere; a print preview's own <style> carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Safeguard configuration (local variations between areas live here or in the database)
SAFEGUARD: dict[str, Any] = {
    "SERVICE_NAME": os.environ.get("SAFEGUARD_SERVICE_NAME", "Safeguard"),
    # Demo accounts (password "demo") are created by seed_demo only when this is on.
    "DEMO": env_bool("SAFEGUARD_DEMO", False),
    "CASE_LIST_PAGE_SIZE": 25,
    # Events on each page of a case's History (and the audit trail).
    "HISTORY_PAGE_SIZE": 25,
    # A link may keep a young person who has turned 18 on the case; they are shown as adults.
    "ADULT_AGE": 18,
    # How far in the past an expected date of delivery may be before it must be replaced by a date of birth.
    "EDD_RECENT_PAST_DAYS": 60,
    # Whose bank holidays count for working days when no area says otherwise:
    # England, Wales, Scotland, Northern Ireland or Jersey.
    "NATION": os.environ.get("SAFEGUARD_NATION", "England"),
    # Items due within this many working days show as "due soon" (My work, the case's steps, reminders).
    "DUE_SOON_DAYS": 5,
    # My work lists this many of a team's escalated or overdue steps, most overdue first; the
    # dashboard lists them all.
    "DASHBOARD_PAGE_SIZE": 50,
    "MY_WORK_LIST_LIMIT": int(os.environ.get("SAFEGUARD_MY_WORK_LIST_LIMIT", "50")),
    # Reminders (`manage.py send_reminders`, daily): the address their links start with, and the day
    # of the week (0 = Monday) line managers get the weekly digest of their teams' overdue items.
    "SITE_URL": os.environ.get("SAFEGUARD_SITE_URL", "http://localhost:8000"),
    "REMINDER_WEEKLY_DAY": int(os.environ.get("SAFEGUARD_REMINDER_WEEKLY_DAY", "0")),
    # How long a meeting lasts in the calendar (.ics) downloads: meetings record only when they start.
    "MEETING_LENGTH_MINUTES": 90,
    # The domain in each calendar event's UID (meeting-<id>@<domain>): fixed, so a meeting downloaded
    # again, through any host name, updates the event already in the calendar instead of adding another.
    "CALENDAR_UID_DOMAIN": os.environ.get("SAFEGUARD_CALENDAR_UID_DOMAIN", "safeguard.probation"),
    # How many proxies of our own stand in front of the application (each adds to X-Forwarded-For).
    "PROXY_COUNT": int(os.environ.get("SAFEGUARD_PROXY_COUNT", "0")),
    # A signed-in session with no request for this long is signed out (a warning shows 2 minutes before).
    "IDLE_TIMEOUT_MINUTES": int(os.environ.get("SAFEGUARD_IDLE_TIMEOUT_MINUTES", "30")),
    # Who receives the monthly register report (area managers, risk managers, team managers).
    "REGISTER_REPORT_RECIPIENTS": env_list("SAFEGUARD_REGISTER_REPORT_RECIPIENTS"),
    # The largest monthly report laid out as a PDF in the browser (about 6 s per 400 rows); the
    # register_report command has no limit.
    "REGISTER_REPORT_PAGE_SIZE": 100,
    "REGISTER_REPORT_PDF_MAX_ROWS": int(os.environ.get("SAFEGUARD_REGISTER_REPORT_PDF_MAX_ROWS", "1000")),
    # Referral content that points to a grave concern (WM 3.1: grave concerns go to children's social
    # care or the police at once): such a referral cannot be "Routine" without a recorded reason. Each
    # combination lists answers that must all hold: "harms", "risk_level", "response_wanted" (any of
    # the values listed, as stored in referrals.Referral) and "child_under" (a child the referral is
    # about is younger than this many years, or unborn). Any one combination is enough.
    # Words in an order's offence that suggest domestic abuse (HMIP 2014 2.13): with no marker set,
    # the officer is asked to set it or say why not. Matched as whole words, ignoring case.
    "DOMESTIC_ABUSE_OFFENCE_WORDS": [
        "domestic",
        "coercive",
        "controlling",
        "non-molestation",
        "restraining order",
        "harassment",
        "stalking",
        "partner",
    ],
    "GRAVE_CONCERN": [
        {"risk_level": ["immediate"]},
        {"response_wanted": ["protection"]},
        {
            "harms": ["physical", "sexual"],
            "risk_level": ["high", "immediate"],
            "response_wanted": ["section_47", "strategy", "protection"],
            "child_under": 8,
        },
    ],
    # An invitation to a multi-agency meeting received fewer calendar days than this before it is
    # late (HMIP 2014 2.39: invitations timely in 21 of 35 cases).
    "MEETING_LATE_NOTICE_DAYS": int(os.environ.get("SAFEGUARD_MEETING_LATE_NOTICE_DAYS", "5")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "safeguard.access": {"handlers": ["console"], "level": "WARNING"},
        "safeguard.database": {"handlers": ["console"], "level": "WARNING"},
        "django.request": {"handlers": ["console"], "level": "ERROR"},
    },
}
