"""The project's URLs with the example capability's added, as config/urls.py would list a new app."""

from django.urls import include, path

from config.urls import handler403, handler404
from config.urls import urlpatterns as project

urlpatterns = [*project, path("", include("tests.example_capability.urls"))]
__all__ = ["handler403", "handler404", "urlpatterns"]
