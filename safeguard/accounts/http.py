"""The request every page gets: login is required everywhere (LoginRequiredMiddleware), so its user
is a staff account, never anonymous. Views annotate `request: AuthenticatedRequest`."""

from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    user: User  # type: ignore[assignment]
