from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "safeguard.accounts"
    verbose_name = "Accounts, teams and reference data"

    def ready(self) -> None:
        from safeguard.core import registry

        from . import access, sign_in
        from .history import HISTORY
        from .reference import ensure_local_authorities
        from .roles import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="safeguard.accounts.roles")
        post_migrate.connect(ensure_local_authorities, sender=self, dispatch_uid="safeguard.accounts.reference")
        sign_in.connect()  # sign-ins, failures and lock-outs in the access log
        registry.declare(self, access=access, history=HISTORY)
