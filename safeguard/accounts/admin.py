from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse

from safeguard.core import audit
from safeguard.core.access import refuse
from safeguard.core.admin import AuditedAdmin

from . import services
from .models import Area, LocalAuthority, RoleChange, Team, User

# What widens someone's access is changed through a role change (a second administrator approves).
ACCESS_FIELDS = ["groups", "team", "area", "is_staff", "is_superuser", "user_permissions"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Safeguard", {"fields": ("team", "area", "job_title")}))
    list_display = ("username", "first_name", "last_name", "team", "area", "is_active")
    list_filter = ("groups", "team", "area", "is_active")
    list_select_related = ("team", "area")
    actions = ["send_password_reset"]

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        """Roles, team and area are changed through a role change, never here, except by a superuser
        on someone else's account; nobody changes their own."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser or (obj is not None and obj.pk == request.user.pk):
            readonly += ACCESS_FIELDS
        if obj is not None and obj.pk == request.user.pk:
            readonly += ["is_active"]
        return readonly

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """An administrator never sets someone else's password (and could then sign in as them): they
        send a reset e-mail instead. A superuser still can, for the first accounts."""
        if not request.user.is_superuser:
            refuse(request, object_type="accounts.User", object_id=id, reason="set another user's password")
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    @admin.action(description="Send a password reset e-mail")
    def send_password_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        sent = 0
        for user in queryset.exclude(email=""):
            form = PasswordResetForm(data={"email": user.email})
            if form.is_valid():
                form.save(request=request, use_https=request.is_secure())
                audit.record(actor=request.user, action="account.password_reset_sent", obj=user, changes={})
                sent += 1
        self.message_user(request, f"Password reset e-mail sent to {sent} account{'s' if sent != 1 else ''}")


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    """Ask for a change of roles; a second administrator approves or refuses it (actions)."""

    list_display = ("user", "status", "widens", "created_by", "created_at", "decided_by", "decided_at")
    list_filter = ("status", "widens")
    list_select_related = ("user", "created_by", "decided_by")
    fields = ("user", "groups", "team", "area", "reason")
    filter_horizontal = ("groups",)
    actions = ["approve", "refuse_change"]

    def has_change_permission(self, request: HttpRequest, obj: RoleChange | None = None) -> bool:
        return False  # decided through the actions, never edited

    def has_delete_permission(self, request: HttpRequest, obj: RoleChange | None = None) -> bool:
        return False

    def get_form(self, request: HttpRequest, obj: RoleChange | None = None, change: bool = False, **kwargs: Any) -> Any:
        base = super().get_form(request, obj, change, **kwargs)

        class RoleChangeForm(base):  # type: ignore[valid-type,misc]
            def clean(self) -> dict[str, Any]:
                data = super().clean()
                user = data.get("user")
                if user is not None and user.pk == request.user.pk:  # refused here, so the refusal is kept
                    refuse(request, object_type="accounts.User", object_id=user.pk, reason="change their own roles")
                    self.add_error("user", "Nobody can change their own roles, team or area: ask another administrator")
                return data

        return RoleChangeForm

    def save_model(self, request: HttpRequest, obj: RoleChange, form: ModelForm, change: bool) -> None:
        data = form.cleaned_data
        try:
            made = services.role_change_ask(
                actor=request.user,  # type: ignore[arg-type]
                user=data["user"],
                groups=data["groups"],
                team=data["team"],
                area=data["area"],
                reason=data["reason"],
            )
        except ValidationError as error:  # the form refuses (and logs) what it can foresee; this is the rest
            raise PermissionDenied(" ".join(error.messages)) from error
        obj.pk = made.pk
        obj.status = made.status
        word = "applied" if made.status == RoleChange.Status.APPLIED else "waiting for a second administrator to approve it"
        messages.info(request, f"Change of roles for {made.user}: {word}")

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        """The roles were set by the service, with the rest of the change."""

    def _decide(self, request: HttpRequest, queryset: QuerySet[RoleChange], approve: bool) -> None:
        for change in queryset.select_related("user"):
            try:
                services.role_change_decide(actor=request.user, change=change, approve=approve)  # type: ignore[arg-type]
            except ValidationError as error:
                refuse(request, object_type="accounts.RoleChange", object_id=change.pk, reason=" ".join(error.messages))
                self.message_user(request, f"{change}: {' '.join(error.messages)}", level=messages.ERROR)
            else:
                self.message_user(request, f"{change.user}: {'approved and applied' if approve else 'refused'}")

    @admin.action(description="Approve and apply the selected changes", permissions=["decide"])
    def approve(self, request: HttpRequest, queryset: QuerySet[RoleChange]) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description="Refuse the selected changes", permissions=["decide"])
    def refuse_change(self, request: HttpRequest, queryset: QuerySet[RoleChange]) -> None:
        self._decide(request, queryset, approve=False)

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("accounts.decide_rolechange")


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
