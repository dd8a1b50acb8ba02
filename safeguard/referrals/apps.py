from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "safeguard.referrals"
    verbose_name = "Referrals of concern"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import NavItem

        from . import access, handover, outside
        from .history import HISTORY
        from .tasks import referral_tasks
        from .timeline import referral_items

        registry.declare(
            self,
            nav=[NavItem("Referral register", "referrals:register", order=40, permission=access.VIEW_REGISTER)],
            tasks=[referral_tasks],
            copies_outside=[outside.copies_outside],
            access=access,
            history=HISTORY,
            timeline=[referral_items],
            handover=[handover.handover_parts],
        )
