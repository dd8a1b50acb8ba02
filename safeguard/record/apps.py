from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "safeguard.record"
    label = "record"
    verbose_name = "Case record"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab

        from . import access
        from .history import HISTORY
        from .selectors import decision_items

        registry.declare(
            self,
            access=access,
            case_tabs=[CaseTab("Record", "record:timeline", order=50, key="record")],
            history=HISTORY,
            sections=[access.SECTION_RULE],
            timeline=[decision_items],
        )
