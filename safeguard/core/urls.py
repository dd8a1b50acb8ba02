"""URL helpers shared by every app."""

import inspect
from types import ModuleType

from django.urls import URLPattern, path

# Every page under a case starts here; the view gets the case through `core.access.case_view`.
CASE_PREFIX = "cases/<int:pk>/"


def case_urls(views: ModuleType) -> list[URLPattern]:
    """The pages under a case that a views module declares with `core.access.case_view`, in the
    order they are written."""
    pages = [view for view in vars(views).values() if callable(view) and hasattr(view, "case_route")]
    pages.sort(key=lambda view: inspect.unwrap(view).__code__.co_firstlineno)
    return [path(CASE_PREFIX + view.case_route[0], view, name=view.case_route[1]) for view in pages]
