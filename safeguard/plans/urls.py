"""Sentence-plan pages under a case."""

from safeguard.core.urls import case_urls

from . import views

app_name = "plans"

urlpatterns = [*case_urls(views)]
