"""The access primitives every page uses: refuse and log, require a permission, a page under a case,
and a record under a case.

Which cases a user may see is decided in one place, the case loader that the cases app declares
(`safeguard.cases.access`). Pages of every app reach it through `case_view`, so apps below `cases`
(people) are protected exactly as those above it. A record under a case is fetched through
`get_case_record`, which finds it only *through* the case (the path each app declares for its
records), so it inherits the case's check; a missing and a forbidden record get the same answer.
"""

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from . import registry
from .exceptions import RecordNotFound
from .models import AccessLog
from .validation import is_key

log = logging.getLogger("safeguard.access")

M = TypeVar("M", bound=models.Model)
View = Callable[..., HttpResponseBase]


def log_access(
    request: HttpRequest | None, *, user: Any, object_type: str, object_id: object, outcome: str, reason: str
) -> AccessLog:
    """Write one row of the access log: who, what (by type and id), where, and why."""
    return AccessLog.objects.create(
        user=user,
        object_type=object_type,
        object_id=str(object_id)[:40],
        path=request.path[:500] if request else "",  # never the query string: a search (?q=…) names people
        method=(request.method or "") if request else "",
        outcome=outcome,
        reason=reason[:200],
    )


def refuse(request: HttpRequest, *, object_type: str, object_id: object, reason: str) -> None:
    """Write a refusal to the access log (and the application log)."""
    user = request.user if request.user.is_authenticated else None
    log_access(request, user=user, object_type=object_type, object_id=object_id, outcome=AccessLog.Outcome.REFUSED, reason=reason)
    log.warning("refused %s %s to %s: %s", object_type, object_id, user, reason)


def require_perm(request: HttpRequest, perm: str, *, object_type: str, object_id: object) -> None:
    """Refuse (403, logged) an action the user's roles do not allow."""
    if not request.user.has_perm(perm):
        refuse(request, object_type=object_type, object_id=object_id, reason=f"lacks permission {perm}")
        raise PermissionDenied(f"You do not have permission to do this ({perm})")


def load_case(request: HttpRequest, case_id: int, *, for_change: bool = False) -> Any:
    """The case if this user may see it (and change it, when asked); otherwise RecordNotFound, logged."""
    return registry.case_loader()(request, case_id, for_change)


def case_view(route: str, *, name: str, change: bool = False, perm: str = "") -> Callable[[View], View]:
    """Declare a page under a case: its address (`cases/<pk>/` + `route`), its URL name, and who may
    use it. The app's urls.py collects these pages (`core.urls.case_urls`), so a page under a case
    cannot be routed without the check.

    The view receives the case instead of its id, already checked: visible to the user, and, with
    `change`, changeable by them; with `perm`, the user's roles must also allow that action (403,
    logged). One test walks every case URL to prove each goes through here.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int, **kwargs: Any) -> HttpResponseBase:
            case = load_case(request, pk, for_change=change)
            if perm:
                app_label, codename = perm.split(".")
                require_perm(request, perm, object_type=f"{app_label}.{codename.partition('_')[2]}", object_id=pk)
            return view(request, case, **kwargs)

        wrapper.case_access = {"change": change, "perm": perm}  # type: ignore[attr-defined]
        wrapper.case_route = (route, name)  # type: ignore[attr-defined]
        return wrapper

    return decorate


def get_case_record(
    request: HttpRequest,
    case: Any,
    queryset: "models.QuerySet[M]",
    key: object,
    *,
    field: str = "pk",
    refused_as: str = "",
) -> M:
    """The record of `queryset` whose `field` is `key` and which belongs to `case`, found through the
    path its app declared; otherwise the same refusal as a case the user may not see, logged (as
    `refused_as` when the key names another model, e.g. a child's id looked up on its link)."""
    model = queryset.model
    belongs = registry.case_record(model).belongs_to(case)
    found = queryset.filter(belongs, **{field: key}).first() if is_key(key) else None
    if found is None:
        label = refused_as or model._meta.label
        refuse(request, object_type=label, object_id=key, reason=f"not on case {case.pk}")
        raise RecordNotFound("record not found or restricted")
    return found
