"""Checks are records under a case: each inherits the case's access check (`core.access`).

Every role that may change a case may record its checks; nothing here needs more than the standard
permissions (`accounts.roles.CASE_RECORD_ACTIONS`).
"""

from safeguard.core.registry import CaseRecord

CASE_RECORDS = [
    CaseRecord("checks.Checklist"),
    CaseRecord("checks.RequestForInformation"),
    CaseRecord("checks.RequestChild", "request__case", standard_permissions=False),  # written with its request
    CaseRecord("checks.PoliceCheck"),
    CaseRecord("checks.Chase", ("request__case", "police_check__case")),
    CaseRecord("checks.Notification"),
    CaseRecord("checks.SignificantEvent"),
    CaseRecord("checks.Contradiction"),
    CaseRecord("checks.Decision"),
]
