from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "safeguard.transfers"
    verbose_name = "Transfers: the handover to a new case holder"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab
        from safeguard.people.signals import significant_change

        from . import access
        from .history import HISTORY
        from .selectors import own_parts
        from .services import on_significant_change
        from .tasks import transfer_tasks
        from .timeline import transfer_items

        significant_change.connect(on_significant_change, dispatch_uid="safeguard.transfers.handover")
        registry.declare(
            self,
            access=access,
            case_tabs=[CaseTab("Handover", "transfers:index", order=85, key="transfers")],
            tasks=[transfer_tasks],
            history=HISTORY,
            timeline=[transfer_items],
            handover=[own_parts],
        )
