from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safeguard.core.access import case_view


def all_visits(request: HttpRequest) -> HttpResponse:
    return render(request, "example_capability/all_visits.html", {})


@case_view("example-visits/", name="visits")
def visits(request: HttpRequest, case: Any) -> HttpResponse:
    return render(request, "example_capability/visits.html", {"case": case, "tab": "visits"})
