from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import ModelForm
from django.http import HttpRequest

from . import audit
from .models import DeadlineRule


class AuditedAdmin(admin.ModelAdmin):
    """Changes made in the admin (reference data, accounts) go to the audit trail like any other,
    many-to-many fields (a team's line managers, a user's roles) included with their old and new values."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        stored = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        related = [f.name for f in obj._meta.many_to_many if f.name in form.cleaned_data]
        form._audit_related = related  # type: ignore[attr-defined]  # read back in save_related
        form._audit_before = audit.snapshot(stored, related) if stored is not None else {}  # type: ignore[attr-defined]
        if hasattr(obj, "modified_by_id"):
            obj.modified_by = request.user
            if not change:
                obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        """After the many-to-many values are saved: one audit event for the whole change."""
        super().save_related(request, form, formsets, change)
        obj = form.instance
        changes = audit.diff(form._audit_before, audit.snapshot(obj, form._audit_related))  # type: ignore[attr-defined]
        if changes or not change:
            action = f"admin.{obj._meta.model_name}.{'change' if change else 'add'}"
            audit.record(actor=request.user, action=action, obj=obj, changes=changes)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.record(
            actor=request.user,
            action=f"admin.{obj._meta.model_name}.delete",
            obj=obj,
            changes={k: [v, None] for k, v in audit.snapshot(obj).items() if v not in (None, "")},
        )
        super().delete_model(request, obj)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedAdmin):
    list_display = ("label", "length", "unit", "anchor", "name", "source")
    list_editable = ("length", "unit")
    readonly_fields = ("name",)
    search_fields = ("name", "label")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # rules are defined by the code that uses them; only their timescales change

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False
