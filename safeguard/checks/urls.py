"""Checks pages under a case: checklist, requests for information, police checks, notifications,
significant events, contradictions, whereabouts."""

from safeguard.core.urls import case_urls

from . import views

app_name = "checks"

urlpatterns = case_urls(views)
