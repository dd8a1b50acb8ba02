"""Who may do what with the child-protection register (West Mercia section 5).

- A case's registrations, reviews and de-registration: records under the case, with the standard
  case-record permissions; a case's Register tab is open to whoever may see the case.
- Countersigning a review: the case's manager (`cases.access.manages_case`) or a risk manager, whose
  countersignature the procedures ask for (West Mercia 2.3), never the reviewer.
- The register of all registered cases and its monthly report: management information. The
  information officer keeps it, risk managers check it is accurate, line managers and area managers
  receive it (5.4, 5.5); the safeguarding lead oversees it. Each sees the cases in their own scope.
  Officers, trainees, reception, auditors and administrators see registration on the case itself
  (the Register tab and the flags), not the list; team admin are shown missed review dates on My
  work (5.1).
- De-registration, two steps (5.3): the case holder or the case's manager asks for it; the
  information officer confirms it, and only then are the children's details erased.
- Legal holds: risk managers and the safeguarding lead.
"""

from typing import Any

from safeguard.accounts import roles
from safeguard.cases.access import manages_case
from safeguard.core.registry import CaseRecord

CASE_RECORDS = [
    CaseRecord("register.Registration"),
    CaseRecord("register.Review", "registration__case"),
    CaseRecord("register.ReviewTrigger"),
    CaseRecord("register.LegalHold", standard_permissions=False),  # placed and lifted only with PLACE_HOLD
    CaseRecord("register.DeregistrationRecord", standard_permissions=False),  # counts kept for statistics
]

VIEW_REGISTER = "register.view_register"
CONFIRM_DEREGISTRATION = "register.confirm_deregistration"
COUNTERSIGN = "register.countersign_review"
PLACE_HOLD = "register.place_legal_hold"
HOLDS = [PLACE_HOLD, "register.view_legalhold", "register.add_legalhold", "register.change_legalhold"]

ROLE_PERMISSIONS = {
    roles.LINE_MANAGER: [VIEW_REGISTER],
    roles.RISK_MANAGER: [VIEW_REGISTER, COUNTERSIGN, *HOLDS],
    roles.INFORMATION_OFFICER: [VIEW_REGISTER, CONFIRM_DEREGISTRATION],
    roles.SAFEGUARDING_LEAD: [VIEW_REGISTER, *HOLDS],
}


def can_countersign(user: Any, case: Any) -> bool:
    """Whether the user may countersign reviews on this case (not their own: see services)."""
    return manages_case(user, case) or user.has_perm(COUNTERSIGN)


def can_ask_to_deregister(user: Any, case: Any) -> bool:
    """The case holder, who notifies, or the case's manager (West Mercia 5.3)."""
    return case.case_holder_id == user.pk or manages_case(user, case)


def can_confirm_deregistration(user: Any) -> bool:
    """The information officer, who de-registers (West Mercia 5.3)."""
    return user.has_perm(CONFIRM_DEREGISTRATION)


def can_place_hold(user: Any) -> bool:
    return user.has_perm(PLACE_HOLD)
