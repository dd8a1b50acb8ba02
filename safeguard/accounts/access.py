"""What the roles may do with accounts and reference data (the administrator's part of the system)."""

from . import roles

REFERENCE_DATA = ["accounts.localauthority", "accounts.area", "accounts.team", "accounts.user", "core.deadlinerule"]

ROLE_PERMISSIONS = {
    # The system administrator keeps accounts and reference data, and reads the logs; sees no case.
    roles.SYSTEM_ADMINISTRATOR: [
        f"{app_label}.{action}_{model}"
        for app_label, model in (name.split(".") for name in REFERENCE_DATA)
        for action in ("view", "add", "change")
    ]
    + ["auth.view_group", "core.view_auditevent", "core.view_accesslog"]
    # Roles, team and area change only through a role change, decided by a second administrator.
    + ["accounts.view_rolechange", "accounts.add_rolechange", "accounts.decide_rolechange"],
}
