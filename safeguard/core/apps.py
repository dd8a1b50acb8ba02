from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safeguard.core"
    label = "core"
    verbose_name = "Core: audit trail and access log"
