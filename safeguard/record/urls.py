"""The case record's pages under a case."""

from django.urls import path

from safeguard.core.urls import case_urls

from . import views
from .supervision_views import supervision

app_name = "record"

urlpatterns = case_urls(views)
urlpatterns += [path("record/supervision/", supervision, name="supervision")]  # several cases at once
