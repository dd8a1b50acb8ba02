from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("my-work/", views.my_work, name="my_work"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/charts/", views.charts, name="charts"),
    path("rules/", views.rules, name="rules"),
    path("audit-trail/", views.audit_trail, name="audit_trail"),
    path("access-log/", views.access_log, name="access_log"),
]
