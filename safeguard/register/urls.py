"""The register and its monthly report, and a case's registrations, reviews, de-registration and holds."""

from django.urls import path

from safeguard.core.urls import case_path

from . import views

app_name = "register"

urlpatterns = [
    path("register/", views.register_page, name="register"),
    path("register/report/", views.report, name="report"),
    case_path("register/", views.case_register, name="case"),
    case_path("register/new/", views.register_new, name="register_new"),
    case_path("register/<int:registration_id>/review/", views.review_new, name="review_new"),
    case_path("register/reviews/<int:review_id>/countersign/", views.review_countersign, name="review_countersign"),
    case_path("register/<int:registration_id>/deregister/", views.deregister, name="deregister"),
    case_path("register/hold/", views.hold_place, name="hold_place"),
    case_path("register/hold/<int:hold_id>/lift/", views.hold_lift, name="hold_lift"),
]
