from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "safeguard.referrals"
    label = "referrals"
    verbose_name = "Referrals of concern"

    def ready(self) -> None:
        from safeguard.core import tasks

        from .tasks import referral_tasks

        tasks.register(referral_tasks)
