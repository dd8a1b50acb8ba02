"""Case pages: the list, a new case, and the case's own pages (overview, family network, history,
allocation, orders). Each other app owns the pages it adds under a case."""

from django.urls import path

from safeguard.core.urls import case_urls

from . import views

app_name = "cases"

urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_new, name="new"),
    path("cases/allocation-rules/", views.allocation_breaches, name="allocation_breaches"),
    *case_urls(views),
]
