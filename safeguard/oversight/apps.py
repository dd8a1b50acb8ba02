from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "safeguard.oversight"
    label = "oversight"
    verbose_name = "Oversight: My work and managers' views"
