from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [
    path("my-work/", views.my_work, name="my_work"),
    path("rules/", views.rules, name="rules"),
    path("audit-trail/", views.audit_trail, name="audit_trail"),
    path("access-log/", views.access_log, name="access_log"),
]
