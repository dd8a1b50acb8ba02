"""Referral pages under a case, and the referral register."""

from django.urls import path

from safeguard.core.urls import case_path

from . import views

app_name = "referrals"

urlpatterns = [
    path("referrals/", views.referral_register, name="register"),
    case_path("referrals/new/", views.referral_new, name="referral_new"),
    case_path("referrals/<int:referral_id>/", views.referral_detail, name="referral"),
    case_path("referrals/<int:referral_id>/follow-up/", views.referral_followup, name="referral_followup"),
    case_path("referrals/<int:referral_id>/acknowledge/", views.referral_acknowledge, name="referral_acknowledge"),
    case_path("referrals/<int:referral_id>/chase/", views.referral_chase, name="referral_chase"),
    case_path("referrals/<int:referral_id>/escalate/", views.referral_escalate, name="referral_escalate"),
    case_path("referrals/<int:referral_id>/answer/", views.referral_answer, name="referral_answer"),
    case_path("referrals/<int:referral_id>/decide/", views.referral_decide, name="referral_decide"),
]
