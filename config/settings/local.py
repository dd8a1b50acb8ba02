"""Local development: embedded SQLite database, demo data on, DEBUG on."""

import os

from .base import *  # noqa: F403
from .base import SAFEGUARD, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-development-only-not-secret")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
SAFEGUARD["DEMO"] = env_bool("SAFEGUARD_DEMO", True)

# Serve static files straight from the app folders and build/ (no collectstatic needed).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
