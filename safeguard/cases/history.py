"""How the cases app's changes read on a case's History tab (`core.history`)."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="Case",
    actions={
        "case.open": "Case opened",
        "case.allocate": "Case allocation changed",
        "case.note": "Case note written",
        "case.whereabouts": "Service user's whereabouts changed",
        "allocation.start": "Case allocated",
        "allocation.end": "Allocation ended",
        "order.add": "Order added",
        "order.update": "Order changed",
        "case.close": "Case closed",
        "key_contact.add": "Key contact added",
        "key_contact.change": "Key contact changed",
        "key_contact.end": "Key contact no longer involved",
        "holder_approval.add": "Approval to hold the case recorded",
        "risk_consultation.add": "Risk manager consultation recorded",
    },
)
