"""URL helpers shared by every app."""

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, path

# Every page under a case starts here; the view gets the case through `core.access.case_view`.
CASE_PREFIX = "cases/<int:pk>/"


def case_path(route: str, view: Callable[..., Any], name: str) -> URLPattern:
    """A page under a case: `cases/<pk>/` + `route`."""
    return path(CASE_PREFIX + route, view, name=name)
