"""The project's URLs: each app owns its pages (and those it adds under a case) in its own urls.py."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from safeguard.core.views import healthz, keep_alive

admin.site.site_header = "Safeguard administration"
admin.site.site_title = "Safeguard administration"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:list", permanent=False)),
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/keep-alive/", keep_alive, name="keep_alive"),
    # A password is set by its owner, from the reset e-mail an administrator sends (never by the administrator).
    path("accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("", include("safeguard.cases.urls")),
    path("", include("safeguard.people.urls")),
    path("", include("safeguard.checks.urls")),
    path("", include("safeguard.referrals.urls")),
    path("", include("safeguard.register.urls")),
    path("", include("safeguard.meetings.urls")),
    path("", include("safeguard.record.urls")),
    path("", include("safeguard.visits.urls")),
    path("", include("safeguard.transfers.urls")),
    path("", include("safeguard.plans.urls")),
    path("", include("safeguard.oversight.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "safeguard.core.views.forbidden"
handler404 = "safeguard.core.views.not_found"
