import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_healthz_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_the_database_does_not_answer(tmp_path):
    """A real process whose database cannot be opened (its folder does not exist)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing-folder/db.sqlite3",
    }
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz', HTTP_HOST='localhost');"
        "print(r.status_code, r.content.decode())"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().startswith("503")
    assert '"database": "unavailable"' in out.stdout


def test_every_other_page_needs_login(client, db):
    for path in ["/cases/", "/cases/1/", "/cases/new/", "/cases/1/family/", "/cases/1/history/", "/admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/login/" in response["Location"]


def test_restricted_page_is_shown_with_debug_on_too(client, world, make_case, settings):
    settings.DEBUG = True
    case = make_case(team=world.south, holder=world["officer2"])
    client.force_login(world["officer1"])
    response = client.get(f"/cases/{case.pk}/")
    assert response.status_code == 404
    assert "You are restricted from viewing this page" in response.content.decode()
