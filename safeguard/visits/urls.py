"""The home visits pages under a case."""

from safeguard.core.urls import case_urls

from . import views

app_name = "visits"

urlpatterns = case_urls(views)
