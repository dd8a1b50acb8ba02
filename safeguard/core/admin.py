from django.contrib import admin

from .models import AccessLog, AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """Logs are evidence: they can be read and searched, never changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "action", "object_type", "object_repr", "case")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "object_id")
    list_select_related = ("actor", "case", "case__service_user")
    date_hierarchy = "at"


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ("at", "user", "outcome", "object_type", "object_id", "path", "reason")
    list_filter = ("outcome", "object_type")
    search_fields = ("path", "object_id", "user__username")
    list_select_related = ("user",)
    date_hierarchy = "at"
