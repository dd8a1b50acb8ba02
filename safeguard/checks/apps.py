from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "safeguard.checks"
    verbose_name = "Checks: checklist, requests for information, police checks, notifications"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab
        from safeguard.people.signals import significant_change

        from . import access, handover, outside
        from .history import HISTORY
        from .services import on_significant_change
        from .tasks import check_tasks
        from .timeline import check_items

        significant_change.connect(on_significant_change, dispatch_uid="safeguard.checks.significant_change")
        registry.declare(
            self,
            case_tabs=[CaseTab("Checks and tasks", "checks:index", order=20, key="checks")],
            tasks=[check_tasks],
            copies_outside=[outside.copies_outside],
            access=access,
            history=HISTORY,
            timeline=[check_items],
            handover=[handover.handover_parts],
        )
