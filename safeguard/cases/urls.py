"""Case pages: the list, a new case, and the case's own tabs (overview, family network, history),
allocation and orders. Each other app owns the pages it adds under a case."""

from django.urls import path

from safeguard.core.urls import case_path

from . import views

app_name = "cases"

urlpatterns = [
    path("cases/", views.case_list, name="list"),
    path("cases/new/", views.case_new, name="new"),
    case_path("", views.case_detail, name="detail"),
    case_path("family/", views.case_family, name="family"),
    case_path("history/", views.case_history, name="history"),
    case_path("allocation/", views.case_allocate, name="allocate"),
    case_path("orders/add/", views.order_form, name="order_add"),
    case_path("orders/<int:order_id>/edit/", views.order_form, name="order_edit"),
]
