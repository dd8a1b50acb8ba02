"""Referral pages under a case, and the referral register."""

from django.urls import path

from safeguard.core.urls import case_urls

from . import views

app_name = "referrals"

urlpatterns = [path("referrals/", views.referral_register, name="register"), *case_urls(views)]
