"""The register and its monthly report, and a case's registrations, reviews, de-registration and holds."""

from django.urls import path

from safeguard.core.urls import case_urls

from . import views

app_name = "register"

urlpatterns = [
    path("register/", views.register_page, name="register"),
    path("register/report/", views.report, name="report"),
    *case_urls(views),
]
