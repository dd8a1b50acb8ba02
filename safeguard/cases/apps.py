from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safeguard.cases"
    label = "cases"
    verbose_name = "Cases: orders and allocation"
