"""The documented production deployment starts: with production settings and only environment
variables, `collectstatic` builds the hashed static files, and the real application server (gunicorn)
serves the sign-in page, its stylesheet and /healthz."""

import os
import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Hq2vL9pR4tW8zK" * 3,
            "DJANGO_ALLOWED_HOSTS": "safeguard.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr


def fetch(port: int, path: str) -> tuple[int, str, str]:
    """As the proxy in front of it would: HTTPS said in X-Forwarded-Proto, the public host name."""
    request = urllib.request.Request(  # noqa: S310 - our own server on the loopback address
        f"http://127.0.0.1:{port}{path}", headers={"Host": "safeguard.example.org", "X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        return response.status, response.headers.get("Content-Type", ""), response.read().decode()


def test_the_production_server_starts_and_serves_pages_static_files_and_health(tmp_path):
    env = production_env(tmp_path)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    assert (tmp_path / "static" / "staticfiles.json").exists()  # the manifest of hashed names

    # The socket is open before the server starts, so a request waits in its queue instead of the
    # test polling for the server to come up.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    port = listener.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "--bind", f"fd://{listener.fileno()}", "--workers", "1", "config.wsgi:application"],
        cwd=ROOT,
        env=env,
        pass_fds=[listener.fileno()],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        status, _, page = fetch(port, "/accounts/login/")
        assert status == 200 and "Sign in" in page
        stylesheet = re.search(r'href="(/static/vendor/govuk/govuk-frontend\.min\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, "the page links the hashed stylesheet"
        status, content_type, css = fetch(port, stylesheet[1])
        assert status == 200 and content_type.startswith("text/css") and ".govuk-" in css
        status, _, health = fetch(port, "/healthz")
        assert status == 200 and '"database": "ok"' in health
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
        listener.close()
    assert "Booting worker" in output
