"""How the sentence plan's changes read on a case's History tab (`core.history`)."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="Plan",
    actions={
        "objective.add": "Child-protection objective added to the sentence plan",
        "objective.change": "Child-protection objective changed",
        "objective.review": "Child-protection objective reviewed: next review date set",
        "objective.end": "Child-protection objective ended",
        "progress_entry.add": "Progress on a child-protection objective recorded",
    },
)
