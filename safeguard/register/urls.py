from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("", views.register_page, name="register"),
    path("report/", views.report, name="report"),
]

case_urls = [
    path("<int:pk>/register/", views.case_register, name="register"),
    path("<int:pk>/register/new/", views.register_new, name="register_new"),
    path("<int:pk>/register/<int:registration_id>/review/", views.review_new, name="review_new"),
    path("<int:pk>/register/reviews/<int:review_id>/countersign/", views.review_countersign, name="review_countersign"),
    path("<int:pk>/register/<int:registration_id>/deregister/", views.deregister, name="deregister"),
    path("<int:pk>/register/hold/", views.hold_place, name="hold_place"),
    path("<int:pk>/register/hold/<int:hold_id>/lift/", views.hold_lift, name="hold_lift"),
]
