from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "safeguard.oversight"
    verbose_name = "Oversight: My work and managers' views"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import NavItem

        from . import access

        registry.declare(
            self,
            access=access,
            nav=[
                NavItem("My work", "oversight:my_work", order=20),
                NavItem("Dashboard", "oversight:dashboard", order=25, permission=access.VIEW_DASHBOARD),
                NavItem("Rules", "oversight:rules", order=70),
                NavItem("Audit trail", "oversight:audit_trail", order=80, permission=access.VIEW_AUDIT_TRAIL),
                NavItem("Access log", "oversight:access_log", order=90, permission=access.VIEW_ACCESS_LOG),
            ],
        )
