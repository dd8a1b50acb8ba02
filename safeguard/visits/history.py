"""How the home visits app's changes read on a case's History tab (`core.history`)."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="Home visits",
    actions={
        "home_visit.add": "Home visit recorded",
        "home_visit.refused": "Home visit refused by the householder",
        "home_visit_child.add": "Child on a home visit recorded",
        "no_visit_reason.add": "Reason for no home visit recorded",
        "no_visit_reason.agree": "Reason for no home visit agreed by the manager",
        "no_visit_reason.not_agreed": "Reason for no home visit not agreed by the manager",
    },
)
