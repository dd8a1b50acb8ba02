"""Meeting pages under a case, and the officer's own upcoming meetings."""

from django.urls import path

from safeguard.core.urls import case_urls

from . import views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.my_meetings, name="mine"),
    path("meetings/calendar.ics", views.my_calendar, name="my_calendar"),
    *case_urls(views),
]
