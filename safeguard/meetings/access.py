"""Meetings are records under a case: each inherits the case's access check (`core.access`).

Every role that may change a case may record its meetings; nothing here needs more than the
standard permissions (`accounts.roles.CASE_RECORD_ACTIONS`).
"""

from safeguard.core.registry import CaseRecord

CASE_RECORDS = [
    CaseRecord("meetings.Meeting"),
    CaseRecord("meetings.MeetingAction", "meeting__case"),
    CaseRecord("meetings.ProtectionPlan"),
    CaseRecord("meetings.RiskPlanShared"),
    CaseRecord("meetings.WrittenReport", "meeting__case"),
    CaseRecord("meetings.ReportStatement", "report__meeting__case"),
]
