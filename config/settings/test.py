"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL is set (as .ci/run does)."""

import os

from .base import *  # noqa: F403
from .base import SAFEGUARD

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SAFEGUARD["DEMO"] = True
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}

# Serve static files straight from the app folders and build/ (no collectstatic needed).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
