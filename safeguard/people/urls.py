"""Pages about the people on a case: the service user, aliases, addresses, children, other adults."""

from safeguard.core.urls import case_urls

from . import views

app_name = "people"

urlpatterns = case_urls(views)
