"""A form sent twice saves once. Each question page carries a one-time token; the save records it in
the same transaction (a unique key, so two sends at the same moment cannot both save), and a second
send of the same token goes where the first went, saying it was already saved."""

import datetime
import secrets
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from .models import Submission
from .validation import is_token

FIELD = "submission"
KEPT = datetime.timedelta(days=1)


def token_for(request: HttpRequest) -> str:
    """The page's token: the one it was sent with (a page shown again with errors keeps it), or new."""
    sent = request.POST.get(FIELD, "")
    return sent if is_token(sent) else secrets.token_urlsafe(24)


def done_before(request: HttpRequest) -> str | None:
    """Where the first send of this form went, if it was already saved."""
    sent = request.POST.get(FIELD, "")
    if not is_token(sent):
        return None
    return Submission.objects.filter(token=sent, user=request.user.pk).values_list("then", flat=True).first()


def already_saved(request: HttpRequest) -> HttpResponse | None:
    """For a form sent again after it saved: back where the first send went, saying so."""
    earlier = done_before(request)
    if earlier is None:
        return None
    messages.success(request, "Already saved: the form was sent twice, and saved once")
    return redirect(earlier)


def once(request: HttpRequest, save: Callable[[], Any], then: str | Callable[[Any], str]) -> Callable[[], Any]:
    """`save`, recording the form's token with it (inside the caller's transaction)."""
    sent = request.POST.get(FIELD, "")

    def save_once() -> Any:
        saved = save()
        if is_token(sent):
            Submission.objects.filter(created_at__lt=timezone.now() - KEPT).delete()
            Submission.objects.create(token=sent, user=request.user, then=then(saved) if callable(then) else then)  # type: ignore[misc]  # signed in: every page asks for it
        return saved

    return save_once
