from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "safeguard.visits"
    label = "visits"
    verbose_name = "Home visits"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab

        from . import access
        from .handover import handover_parts
        from .history import HISTORY
        from .tasks import visit_tasks
        from .timeline import visit_items

        registry.declare(
            self,
            access=access,
            case_tabs=[CaseTab("Home visits", "visits:index", order=55, key="home_visits")],
            tasks=[visit_tasks],
            history=HISTORY,
            timeline=[visit_items],
            handover=[handover_parts],
        )
