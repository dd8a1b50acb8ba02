"""Shared test fixtures: a small world of areas, teams, staff in every role, and case builders."""

import datetime
import os
import zoneinfo

import pytest

# Playwright's sync API runs an event loop in the test thread; pytest-django's live server and
# database access are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    }


@pytest.fixture
def world(db):
    from safeguard.testing import build_world

    return build_world()


@pytest.fixture
def make_case(world):
    from safeguard.testing import make_case as _make

    def make(**kwargs):
        kwargs.setdefault("world", world)
        return _make(**kwargs)

    return make


@pytest.fixture
def fixed_today():
    """Move the clock to a known day (a Monday) for the test."""
    import time_machine

    with time_machine.travel(
        datetime.datetime(2026, 11, 23, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/London")), tick=False
    ) as traveller:
        yield traveller


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (the dashboards' counts are cached by team and version,
    and a rolled-back test's teams and versions come round again)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After every test that used the database, the stored outstanding steps are exactly what the
    records call for (`core.steps`): every service, page and fixture write kept them in line. Checked
    as the test ends, on its clock, before its fixtures are undone."""
    result = yield  # a failing test raises here, and is not checked further
    names = set(getattr(item, "fixturenames", ()))
    if not names & {"db", "transactional_db", "live_server"}:
        return result
    from safeguard.core import steps

    found = steps.verify()
    assert not found, "Stored steps differ from the records:\n" + "\n".join(str(d) for d in found[:20])
    return result
