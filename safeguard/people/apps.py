from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "safeguard.people"
    verbose_name = "People: service users, children, other adults"

    def ready(self) -> None:
        from safeguard.core import registry

        from . import access
        from .models import CSCStatus, RiskRole, RoshLevel

        registry.declare(
            self,
            access=access,
            tag_colours={
                RiskRole.POSES_RISK: "red",
                RiskRole.PROTECTIVE: "green",
                RoshLevel.VERY_HIGH: "red",
                RoshLevel.HIGH: "red",
                RoshLevel.MEDIUM: "yellow",
                RoshLevel.LOW: "green",
                CSCStatus.CHILD_PROTECTION_PLAN: "red",
                CSCStatus.LOOKED_AFTER: "orange",
                CSCStatus.CHILD_IN_NEED: "yellow",
                CSCStatus.EARLY_HELP: "blue",
                CSCStatus.CLOSED: "grey",
                CSCStatus.NOT_KNOWN: "grey",
                "Unborn": "purple",
                "18 or over": "grey",
            },
        )
