from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.cache import add_never_cache_headers

from . import clock
from .exceptions import RecordNotFound


class RestrictedPageMiddleware:
    """Render the "restricted or does not exist" page for RecordNotFound, in DEBUG too, so a
    refused request looks the same in every environment."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RecordNotFound):
            return render(request, "404.html", status=404)
        return None


class PrivatePagesMiddleware:
    """Nothing a signed-in user is shown (case pages, PDFs, CSV exports) is kept by a browser or proxy
    cache, and a session left alone for `SAFEGUARD["IDLE_TIMEOUT_MINUTES"]` is signed out.

    The last request's time is kept in the session, written at most once a minute, so a busy page
    does not write the session on every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and self._idle(request):
            logout(request)
            return redirect(f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'idle': 1, 'next': request.get_full_path()})}")
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)  # no-store, private, max-age=0
        return response

    @staticmethod
    def _idle(request: HttpRequest) -> bool:
        now = int(clock.now().timestamp())
        last = request.session.get(LAST_SEEN)
        if isinstance(last, int) and now - last > settings.SAFEGUARD["IDLE_TIMEOUT_MINUTES"] * 60:
            return True
        if not isinstance(last, int) or now - last >= 60:
            request.session[LAST_SEEN] = now
        return False


LAST_SEEN = "safeguard_last_seen"


def signed_in(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    """Signing in is activity: the first page after it need not write the session again."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(clock.now().timestamp())
