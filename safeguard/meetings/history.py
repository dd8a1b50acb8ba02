"""How the meetings app's changes read on a case's History tab (`core.history`)."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="Meetings",
    actions={
        "meeting.record": "Meeting recorded",
        "meeting.details": "Details of a meeting corrected",
        "meeting.attendance": "Attendance at a meeting recorded",
        "meeting.decision": "Conference decision on a child-protection plan recorded",
        "meeting.plan_end": "End of a child-protection plan recorded",
        "meeting.report": "Written report to a meeting recorded as sent",
        "written_report.draft": "Written report to a meeting drafted from the case record",
        "written_report.send": "Written report recorded as sent: no further changes",
        "report_statement.add": "Statement added to a written report",
        "report_statement.change": "Statement of a written report changed",
        "report_statement.remove": "Statement removed from a written report",
        "meeting.minutes": "Minutes of a meeting received",
        "meeting.minutes_checked": "Minutes of a meeting checked for accuracy",
        "protection_plan.add": "Child-protection plan put on file",
        "risk_plan.shared": "Risk-management plan shared with the social worker",
        "meeting_action.add": "Action from a meeting recorded",
        "meeting_action.done": "Action from a meeting done",
        "meeting_action.not_done": "Action from a meeting not done, with the reason",
    },
)
