from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Liveness and database check for load balancers and monitoring (no login)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def attach_errors(forms, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names; the rest become form errors."""
    forms = [f for f in forms if f is not None]
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = next((f for f in forms if field in f.fields), None)
            for error in errors:
                if target is not None:
                    target.add_error(field, error)
                else:
                    forms[0].add_error(None, error)
    else:
        for message in exc.messages:
            forms[0].add_error(None, message)


def save_forms(forms, save: Callable[[], Any]) -> Any:
    """Validate every form, then run `save` in one transaction: all saved, or nothing and errors shown.

    Returns what `save` returned, or None when something was invalid.
    """
    forms = [f for f in forms if f is not None]
    # A list, not a generator: every form is validated so every error is shown at once.
    if not all([f.is_valid() for f in forms]):  # noqa: C419
        return None
    try:
        with transaction.atomic():
            return save()
    except ValidationError as exc:
        attach_errors(forms, exc)
        return None


def not_found(request, exception=None):
    """The same page for a missing record and one the user may not see (existence never leaks)."""
    from django.shortcuts import render

    return render(request, "restricted.html", status=404)


def forbidden(request, exception=None):
    from django.shortcuts import render

    return render(request, "forbidden.html", {"reason": str(exception or "")}, status=403)
