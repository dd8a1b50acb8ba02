"""How the checks app's changes read on a case's History tab (`core.history`)."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="Checks",
    actions={
        "checklist.record": "Safeguarding children checklist recorded",
        "request.prepare": "Request for information prepared",
        "request.name_child": "Child named on a request for information",
        "request.send": "Request for information sent",
        "request.answer": "Reply to a request for information recorded",
        "request.answer.child": "Reply about a child recorded",
        "request.withdraw": "Request for information withdrawn",
        "check.chase": "Check chased",
        "contradiction.raise": "Contradiction raised",
        "contradiction.resolve": "Difference resolved",
        "decision.record": "Decision recorded",
        "police_check.prepare": "Police check prepared",
        "police_check.send": "Police check sent",
        "police_check.answer": "Reply to a police check recorded",
        "police_check.withdraw": "Police check withdrawn",
        "notification.prepare": "Notification prepared",
        "notification.send": "Notification sent",
        "notification.acknowledge": "Notification acknowledged",
        "notification.withdraw": "Notification withdrawn",
        "event.record": "Significant event recorded",
        "event.resolve": "Significant event dealt with",
    },
)
