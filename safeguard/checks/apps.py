from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "safeguard.checks"
    label = "checks"
    verbose_name = "Checks: checklist, requests for information, police checks, notifications"

    def ready(self) -> None:
        from safeguard.core import tasks
        from safeguard.people.signals import significant_change

        from .services import on_significant_change
        from .tasks import check_tasks

        significant_change.connect(on_significant_change, dispatch_uid="safeguard.checks.significant_change")
        tasks.register(check_tasks)
