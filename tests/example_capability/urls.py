from django.urls import path

from safeguard.core.urls import case_urls

from . import views

app_name = "example_capability"

urlpatterns = [path("example-visits/", views.all_visits, name="all_visits"), *case_urls(views)]
