from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demonstration and synthetic data, and the performance bench: the one app that may use every
    other, because it builds whole cases through each app's services."""

    name = "safeguard.demo"
    verbose_name = "Demonstration and synthetic data"
