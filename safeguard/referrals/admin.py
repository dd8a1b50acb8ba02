from django.contrib import admin
from django.http import HttpRequest

from safeguard.core.admin import ReadOnlyAdmin

from .models import Referral


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    """Referrals are made and changed only through the case pages, where their content is enforced
    and access is checked; the admin can list them and nothing more."""

    list_display = ("made_on", "case", "referred_to", "local_authority", "response_wanted", "answered_on", "closed_on")
    list_filter = ("referred_to", "urgency", "response_wanted")
    list_select_related = ("case__service_user", "local_authority")

    def has_view_permission(self, request: HttpRequest, obj: Referral | None = None) -> bool:
        return request.user.is_superuser
