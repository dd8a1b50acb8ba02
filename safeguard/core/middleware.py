from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
            return render(request, "restricted.html", status=404)
        return None
