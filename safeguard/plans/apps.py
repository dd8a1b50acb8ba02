from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "safeguard.plans"
    label = "plans"
    verbose_name = "Sentence plan"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab

        from . import access
        from .handover import handover_parts
        from .history import HISTORY
        from .tasks import plan_tasks
        from .timeline import plan_items

        registry.declare(
            self,
            access=access,
            case_tabs=[CaseTab("Plan", "plans:index", order=45, key="plans")],
            tasks=[plan_tasks],
            history=HISTORY,
            timeline=[plan_items],
            handover=[handover_parts],
        )
