from django.apps import AppConfig


class RecordConfig(AppConfig):
    name = "safeguard.record"
    label = "record"
    verbose_name = "Case record"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab, NavItem

        from . import access, handover
        from .history import HISTORY
        from .selectors import decision_items
        from .tasks import discussion_tasks

        registry.declare(
            self,
            access=access,
            nav=[NavItem("Supervision", "record:supervision", order=35, permission="record.record_decision")],
            case_tabs=[CaseTab("Record", "record:timeline", order=50, key="record")],
            tasks=[discussion_tasks],
            history=HISTORY,
            sections=[access.SECTION_RULE],
            timeline=[decision_items],
            handover=[handover.handover_parts],
        )
