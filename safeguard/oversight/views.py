from django.conf import settings
from django.shortcuts import render

from .selectors import my_work as my_work_selector


def my_work(request):
    work = my_work_selector(request.user)
    return render(request, "oversight/my_work.html", {"work": work, "due_soon_days": settings.SAFEGUARD["DUE_SOON_DAYS"]})
