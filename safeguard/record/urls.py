"""The case record's pages under a case."""

from safeguard.core.urls import case_urls

from . import views

app_name = "record"

urlpatterns = case_urls(views)
