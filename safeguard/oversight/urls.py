from django.urls import path

from . import views

app_name = "oversight"

urlpatterns = [path("my-work/", views.my_work, name="my_work")]
