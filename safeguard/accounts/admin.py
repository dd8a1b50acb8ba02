from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from safeguard.core.admin import AuditedAdmin

from .models import Area, LocalAuthority, Team, User


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Safeguard", {"fields": ("team", "area", "job_title")}))
    list_display = ("username", "first_name", "last_name", "team", "area", "is_active")
    list_filter = ("groups", "team", "area", "is_active")
    list_select_related = ("team", "area")

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        """System administrators manage accounts but cannot make anyone (themselves included) a superuser."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(AuditedAdmin):
    list_display = ("name", "code", "nation", "childrens_services_email", "active")
    actions = None  # authorities are made inactive, never deleted: addresses refer to them
    list_filter = ("nation", "active")
    search_fields = ("name", "code")


@admin.register(Area)
class AreaAdmin(AuditedAdmin):
    list_display = ("name", "code", "nation")


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ("name", "area")
    list_filter = ("area",)
    filter_horizontal = ("line_managers",)
