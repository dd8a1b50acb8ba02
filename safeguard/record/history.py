"""How the case record's changes read on a History page (`core.history`). The text of an entry or a
decision never appears there (`models.Written.AUDIT_WITHHELD`): it is read on the record itself."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="Case record",
    actions={
        "contact_entry.add": "Contact entry written",
        "contact_entry.amend": "Contact entry amended (a new version; the earlier one is kept)",
        "manager_decision.add": "Manager's decision recorded",
        "disclosure.produce": "Copy of the record produced for the service user (a subject access request)",
    },
)
