from django.urls import path

from . import views

app_name = "referrals"

urlpatterns = [path("", views.referral_register, name="register")]

case_urls = [
    path("<int:pk>/referrals/new/", views.referral_new, name="referral_new"),
    path("<int:pk>/referrals/<int:referral_id>/", views.referral_detail, name="referral"),
    path("<int:pk>/referrals/<int:referral_id>/follow-up/", views.referral_followup, name="referral_followup"),
    path("<int:pk>/referrals/<int:referral_id>/acknowledge/", views.referral_acknowledge, name="referral_acknowledge"),
    path("<int:pk>/referrals/<int:referral_id>/chase/", views.referral_chase, name="referral_chase"),
    path("<int:pk>/referrals/<int:referral_id>/escalate/", views.referral_escalate, name="referral_escalate"),
    path("<int:pk>/referrals/<int:referral_id>/answer/", views.referral_answer, name="referral_answer"),
    path("<int:pk>/referrals/<int:referral_id>/decide/", views.referral_decide, name="referral_decide"),
]
