from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "safeguard.register"
    label = "register"
    verbose_name = "The child-protection register"

    def ready(self) -> None:
        from safeguard.core import tasks
        from safeguard.people.signals import significant_change

        from .services import on_change_of_circumstances
        from .tasks import register_tasks

        significant_change.connect(on_change_of_circumstances, dispatch_uid="safeguard.register.review_triggers")
        tasks.register(register_tasks)
