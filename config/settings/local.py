"""Local development (`make run`): embedded SQLite database, demo data on.

DEBUG is off, so an unknown address shows the service's own 404 page (never Django's debug page,
which lists every URL pattern); a developer turns it on explicitly with SAFEGUARD_DEBUG=1. Static
files are served by whitenoise from the app folders and build/ either way.
"""

import os

from .base import *  # noqa: F403
from .base import SAFEGUARD, env_bool, env_list

DEBUG = env_bool("SAFEGUARD_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "local-development-only-not-secret")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
SAFEGUARD["DEMO"] = env_bool("SAFEGUARD_DEMO", True)

# Serve static files straight from the app folders and build/ (no collectstatic needed).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
