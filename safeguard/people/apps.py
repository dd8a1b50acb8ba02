from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "safeguard.people"
    verbose_name = "People: service users, children, other adults"

    def ready(self) -> None:
        from safeguard.core import registry

        from . import access
        from .flags import WhereaboutsFlags
        from .history import HISTORY
        from .tasks import whereabouts_tasks

        registry.declare(self, access=access, history=HISTORY, tasks=[whereabouts_tasks], flags=[WhereaboutsFlags()])
