from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import my_work as my_work_selector


def my_work(request: HttpRequest) -> HttpResponse:
    work = my_work_selector(request.user)
    return render(request, "oversight/my_work.html", {"work": work, "due_soon_days": settings.SAFEGUARD["DUE_SOON_DAYS"]})
