from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "safeguard.people"
    verbose_name = "People: service users, children, other adults"

    def ready(self) -> None:
        from safeguard.core import registry

        from . import access
        from .history import HISTORY

        registry.declare(self, access=access, history=HISTORY)
