"""How the register's changes read on a case's History tab (`core.history`)."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="Register",
    actions={
        "register.register": "Case registered",
        "register.review": "Registration reviewed",
        "register.reviewed": "Registration's next review date set",
        "register.countersign": "Registration review countersigned",
        "register.review_trigger": "Review of the registration made due",
        "register.review_trigger_resolved": "Review trigger answered by a review",
        "register.legal_hold": "Records held for a serious case review",
        "register.legal_hold_lift": "Hold on records lifted",
        "register.deregistration_ask": "De-registration asked for",
        "register.deregister": "Case de-registered",
        "register.deregistration_record": "De-registration recorded for statistics",
        "register.erasure": "Children's details erased",
    },
)
