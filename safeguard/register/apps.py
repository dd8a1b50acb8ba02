from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "safeguard.register"
    verbose_name = "The child-protection register"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab, NavItem
        from safeguard.people.signals import significant_change

        from . import access, handover, outside
        from .flags import RegistrationFlags
        from .history import HISTORY
        from .services import on_change_of_circumstances
        from .tasks import register_tasks
        from .timeline import registration_items

        significant_change.connect(on_change_of_circumstances, dispatch_uid="safeguard.register.review_triggers")
        registry.declare(
            self,
            nav=[NavItem("Child-protection register", "register:register", order=30, permission=access.VIEW_REGISTER)],
            case_tabs=[CaseTab("Register", "register:case", order=30, key="register")],
            tasks=[register_tasks],
            flags=[RegistrationFlags()],
            copies_outside=[outside.copies_outside],
            access=access,
            history=HISTORY,
            timeline=[registration_items],
            handover=[handover.handover_parts],
            registered=[handover.Registered()],
        )
