"""Home visits and reasons for no visit are records under a case: each inherits the case's access
check (`core.access`). Every role that may change a case may record a visit or a reason; agreeing a
reason is a manager's decision, as with the case record's decisions (`record.record_decision`): the
line manager's and the safeguarding lead's roles may make it, and only on a case they manage
(`cases.access.manages_case`, checked by the service)."""

from safeguard.accounts import roles
from safeguard.core.registry import CaseRecord

CASE_RECORDS = [
    CaseRecord("visits.HomeVisit"),
    CaseRecord("visits.HomeVisitChild", "visit__case"),
    CaseRecord("visits.NoVisitReason"),
]

AGREE = "visits.agree_no_visit_reason"

ROLE_PERMISSIONS = {
    roles.LINE_MANAGER: [AGREE],
    roles.SAFEGUARDING_LEAD: [AGREE],
}
