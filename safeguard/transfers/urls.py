"""Handover pages under a case."""

from safeguard.core.urls import case_urls

from . import views

app_name = "transfers"

urlpatterns = [*case_urls(views)]
