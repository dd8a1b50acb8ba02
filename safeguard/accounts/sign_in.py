"""Every sign-in, failed sign-in and lock-out in the access log, next to the refusals of case pages.

A failed attempt names the account only when one has that username: whatever else was typed (a
password in the wrong box, a guess) is not kept.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.http import HttpRequest

from safeguard.core.access import log_access
from safeguard.core.models import AccessLog

from .models import User

SIGN_IN = "accounts.SignIn"


def _write(request: HttpRequest | None, user: User | None, outcome: str, reason: str) -> None:
    log_access(request, user=user, object_type=SIGN_IN, object_id=user.pk if user else "", outcome=outcome, reason=reason)


def _refused_unchecked(request: HttpRequest | None) -> bool:
    """Whether django-axes refused the attempt without trying the password (already locked): it
    counts a failure, and notes the count on the request, only when the password was tried."""
    return bool(getattr(request, "axes_locked_out", False)) and getattr(request, "axes_failures_since_start", None) is None


def _account(username: object) -> User | None:
    return User.objects.filter(username=username).first() if isinstance(username, str) and username else None


def signed_in(sender: object, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and getattr(request, "method", None) == "POST":  # signed in through the sign-in form
        _write(request, user, AccessLog.Outcome.GRANTED, "signed in")


def sign_in_failed(sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    user = _account(credentials.get("username"))
    if _refused_unchecked(request):
        _write(request, user, AccessLog.Outcome.REFUSED, "signing in is locked")
        return
    _write(request, user, AccessLog.Outcome.REFUSED, "wrong password" if user else "unknown username")


def locked_out(sender: object, request: HttpRequest, username: str | None = None, **kwargs: Any) -> None:
    if _refused_unchecked(request):  # axes says so again on each refused attempt: logged as that attempt
        return
    _write(request, _account(username), AccessLog.Outcome.REFUSED, "locked out after repeated failed sign-ins")


def client_address(request: HttpRequest) -> str:
    """The address a sign-in came from. Behind `SAFEGUARD["PROXY_COUNT"]` proxies of our own, each
    adds the address it was called from to X-Forwarded-For, so the client is that many from the right;
    without proxies (or a shorter header) it is the connection's own address. Counted per address, a
    proxy's address would otherwise lock out everyone behind it."""
    proxies = settings.SAFEGUARD["PROXY_COUNT"]
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return str(request.META.get("REMOTE_ADDR", ""))


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(signed_in, dispatch_uid="safeguard.accounts.signed_in")
    user_login_failed.connect(sign_in_failed, dispatch_uid="safeguard.accounts.sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="safeguard.accounts.locked_out")
