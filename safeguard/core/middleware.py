from django.shortcuts import render

from .exceptions import RecordNotFound


class RestrictedPageMiddleware:
    """Render the "restricted or does not exist" page for RecordNotFound, in DEBUG too, so a
    refused request looks the same in every environment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RecordNotFound):
            return render(request, "restricted.html", status=404)
        return None
