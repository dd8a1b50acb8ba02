"""How account changes read in the audit trail (`core.history`)."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="Accounts",
    actions={
        "account.roles": "Roles changed",
        "account.role_change.ask": "Change of roles asked for",
        "account.role_change.apply": "Change of roles approved",
        "account.role_change.refuse": "Change of roles refused",
        "account.password_reset_sent": "Password reset sent",
    },
)
