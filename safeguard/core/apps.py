from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "safeguard.core"
    verbose_name = "Core: audit trail, access log, deadlines"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import database, middleware, registry, steps
        from .deadlines import ensure_rules

        post_migrate.connect(ensure_rules, sender=self, dispatch_uid="safeguard.core.deadlines")
        user_logged_in.connect(middleware.signed_in, dispatch_uid="safeguard.core.last_seen")
        connection_created.connect(database.on_connect, dispatch_uid="safeguard.core.sqlite_pragmas")
        # The stored steps are kept under their case, for its access check and lawful erasure (their
        # words name children); no role reads or writes them as records.
        registry.declare(self, access=steps)
        steps.watch_people()
