"""Fixtures for the browser tests."""

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo data, as `make run` shows it: the demo accounts (password "demo") and their cases."""
    with open("/dev/null", "w") as quiet:
        call_command("seed_demo", stdout=quiet)
