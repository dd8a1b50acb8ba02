"""The GOV.UK error pages: an unknown address on `make run`'s settings, a refusal, a server error."""

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def local_server(tmp_path):
    """`manage.py runserver` on the local settings, as `make run` starts it (no developer switch)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("SAFEGUARD_DEBUG", "DJANGO_DEBUG")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "PYTHONUNBUFFERED": "1",
    }
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        for line in server.stdout:  # read until it says it is serving (no sleeping)
            if "Quit the server with" in line:
                break
        else:
            pytest.fail("runserver stopped before serving")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_an_unknown_address_on_the_local_settings_answers_the_govuk_404(local_server):
    status, body = fetch(f"{local_server}/no-such-page/")
    assert status == 404
    assert "govuk-template" in body and "govuk-frontend.min.css" in body
    assert "You are restricted from viewing this page, or it does not exist" in body
    for debug_text in ("URLconf", "config.urls", "cases/new/", "Django tried these URL patterns", "DEBUG = True"):
        assert debug_text not in body
    # With DEBUG off the local server still serves the static files and GOV.UK's fonts and images.
    for path in ["/static/safeguard.css", "/static/vendor/govuk/govuk-frontend.min.css", "/assets/images/favicon.svg"]:
        assert fetch(f"{local_server}{path}")[0] == 200, path


@pytest.mark.parametrize(("switch", "debug"), [(None, "False"), ("1", "True"), ("0", "False")])
def test_debug_is_off_locally_unless_the_developer_switch_is_on(switch, debug):
    env = {k: v for k, v in os.environ.items() if k not in ("SAFEGUARD_DEBUG", "DJANGO_DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    if switch is not None:
        env["SAFEGUARD_DEBUG"] = switch
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == debug


def test_the_500_page_needs_no_request_context_nor_database():
    """No `db` fixture: any query would fail the test. Django's own handler renders 500.html."""
    response = server_error(RequestFactory().get("/cases/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "govuk-template" in body and "govuk-frontend.min.css" in body


@pytest.mark.django_db
def test_the_404_and_403_pages_are_govuk_pages(client, world, make_case):
    client.force_login(world["officer1"])
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "404.html"
    response = client.get("/register/")  # management information: an officer's role does not allow it
    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403.html"
    assert "You cannot do this" in response.content.decode()
