from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "safeguard.oversight"
    verbose_name = "Oversight: My work and managers' views"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import NavItem

        registry.declare(self, nav=[NavItem("My work", "oversight:my_work", order=20)])
