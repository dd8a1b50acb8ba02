"""Meeting pages under a case."""

from safeguard.core.urls import case_urls

from . import views

app_name = "meetings"

urlpatterns = case_urls(views)
