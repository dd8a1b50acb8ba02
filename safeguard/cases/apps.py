from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safeguard.cases"
    verbose_name = "Cases: orders and allocation"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab, NavItem

        from . import access
        from .history import HISTORY
        from .tasks import allocation_tasks, custody_tasks
        from .timeline import case_items

        registry.declare(
            self,
            nav=[
                NavItem("Cases", "cases:list", order=10),
                NavItem("Allocation rules", "cases:allocation_breaches", order=75, permission="cases.allocate_case"),
            ],
            case_tabs=[
                CaseTab("Overview", "cases:detail", order=10, key="overview"),
                CaseTab("Family network", "cases:family", order=80, key="family"),
                CaseTab("History", "cases:history", order=90, key="history"),
            ],
            tasks=[custody_tasks, allocation_tasks],
            case_loader=access.load_case,
            access=access,
            history=HISTORY,
            timeline=[case_items],
        )
