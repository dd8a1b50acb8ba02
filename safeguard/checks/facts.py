"""Facts on file that call for a step of their own, worked out from the whole record of a case:

- **differences** between what the service user said (the latest checklist) and what is on file
  (the people and their links, the councils' and the police's answers), each until resolved with
  a reason (HMIP 2014 2.10);
- **worrying answers**: a police or council answer that reports harm or risk to a child, each until
  the referral decision is recorded (WM 3.1; HMIP 2014 2.46–2.47);
- **the domestic-abuse marker** suggested by a police answer of call-outs (HMIP 2014 2.13).

Each finding has a `key` naming the facts it compares, so what was resolved or decided stays so
while the facts stay the same, and a new fact raises a new finding. Nothing is stored until an
officer resolves or decides (`Contradiction.key`, `Decision.key`).
"""

import datetime
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings

from safeguard.people.models import KNOWN_TO_CSC, ON_A_PLAN, Contact, CSCStatus

from .models import CheckStatus, Decision

if TYPE_CHECKING:
    from .tasks import CheckRecords


@dataclass(frozen=True)
class Finding:
    key: str
    text: str  # the facts, in words
    arose_on: datetime.date  # the day the later of the facts was recorded
    child_id: int | None = None


def _answered(check: Any) -> datetime.date:
    """The day an answered request or check was answered."""
    return check.answered_on or check.modified_at.date()


def _said(checklist: Any) -> str:
    return f"On {checklist.asked_on:%d/%m/%Y} the service user said"


# How a status reads in a sentence about a child ("Tyler Garside is …").
STATUS_WORDS = {
    CSCStatus.CHILD_PROTECTION_PLAN: "on a child-protection plan",
    CSCStatus.LOOKED_AFTER: "looked after",
    CSCStatus.CHILD_IN_NEED: "a child in need",
    CSCStatus.EARLY_HELP: "receiving early help",
    CSCStatus.SPECIAL_GUARDIANSHIP: "under special guardianship",
}


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, CSCStatus(status).label.lower())  # type: ignore[call-overload]


# What each checklist answer of "no" said, in words.
CLAIMS = {
    "living_with_children": "they do not live with children",
    "significant_contact": "they have no overnight or other significant contact with children",
    "parental_responsibility": "they have no parental responsibilities",
    "children_known_to_agencies": "their children have no contact with the police, gangs, social workers or similar",
    "children_present_at_offence": "no children were present at their offences",
}


def _key(*parts: object) -> str:
    """A short, stable name for a set of facts (it must fit `Contradiction.key`/`Decision.key`)."""
    return hashlib.sha1("|".join(str(part) for part in parts).encode(), usedforsecurity=False).hexdigest()[:16]


def differences(case: Any, records: "CheckRecords") -> list[Finding]:
    """What the latest checklist said against the children on file and the answers received: one
    finding per answer of the checklist, naming every fact on file that differs from it. A fact
    added later makes a new finding (its key names the facts), so a resolved one is not re-opened."""
    checklists = records.checklists[case.pk]
    if not checklists:
        return []
    said = checklists[-1]
    against: dict[str, list[tuple[str, str, datetime.date, int | None]]] = defaultdict(list)

    def differs(question: str, about: str, text: str, arose: datetime.date, child_id: int | None = None) -> None:
        if not getattr(said, question):
            against[question].append((about, text, arose, child_id))

    for link in records.child_links[case.pk]:
        child, recorded = link.child, link.created_at.date()
        if child.is_unborn or child.is_adult:
            continue
        if link.contact == Contact.LIVES_WITH:
            differs("living_with_children", f"child:{child.pk}", f"{child} is recorded as living with them", recorded, child.pk)
        if not said.living_with_children and link.contact in (Contact.OVERNIGHT, Contact.REGULAR):
            differs(
                "significant_contact",
                f"child:{child.pk}",
                f"{child} is recorded with {link.get_contact_display().lower()}",
                recorded,
                child.pk,
            )
        if link.parental_responsibility:
            differs(
                "parental_responsibility",
                f"child:{child.pk}",
                f"they are recorded with parental responsibility for {child}",
                recorded,
                child.pk,
            )
        if child.csc_status in KNOWN_TO_CSC:
            differs(
                "children_known_to_agencies",
                f"child:{child.pk}",
                f"the record says {child} is {status_words(child.csc_status)}",
                recorded,
                child.pk,
            )
    for row in records.answered_children[case.pk]:
        if row.status in KNOWN_TO_CSC and row.child.csc_status != row.status:
            differs(
                "children_known_to_agencies",
                f"answer:{row.pk}",
                f"{row.request.local_authority} answered on {row.request.answered_on:%d/%m/%Y} that {row.child} is "
                f"{status_words(row.status)}",
                _answered(row.request),
                row.child_id,
            )
    for check in records.police[case.pk]:
        if check.status != CheckStatus.ANSWERED:
            continue
        answered = f"{check.police_force} answered on {check.answered_on:%d/%m/%Y}"
        if check.children_present:
            differs(
                "children_present_at_offence",
                f"police:{check.pk}",
                f"{answered} that children were present at call-outs",
                _answered(check),
            )
        if check.child_intelligence:
            differs(
                "children_known_to_agencies",
                f"police:{check.pk}",
                f"{answered} with intelligence about children",
                _answered(check),
            )
    found = []
    for question, facts in against.items():
        key = f"checklist:{said.pk}:{question}:{_key(*sorted(about for about, _, _, _ in facts))}"
        if key in records.settled_keys[case.pk]:
            continue
        children = {child_id for _, _, _, child_id in facts if child_id is not None}
        text = f"{_said(said)} {CLAIMS[question]}, but " + "; ".join(text for _, text, _, _ in facts) + "."
        arose = max([said.asked_on, *(arose for _, _, arose, _ in facts)])
        found.append(Finding(key, text, arose, children.pop() if len(children) == 1 else None))
    return found


def worrying_answers(case: Any, records: "CheckRecords") -> list[Finding]:
    """Answers that report harm or risk to a child, one referral decision for each answer."""
    decided = records.settled_keys[case.pk]
    found = []
    for check in records.police[case.pk]:
        if check.status != CheckStatus.ANSWERED or not (check.children_present or check.child_intelligence):
            continue
        reported = []
        if check.children_present:
            reported.append(f"children were present at call-outs ({check.callout_details.strip()})")
        if check.child_intelligence:
            reported.append(f"intelligence about children ({check.intelligence_details.strip()})")
        key = f"police:{check.pk}"
        if key not in decided:
            text = f"{check.police_force} answered on {check.answered_on:%d/%m/%Y}: " + "; ".join(reported)
            found.append(Finding(key, text, _answered(check)))
    on_a_plan: dict[Any, list[Any]] = defaultdict(list)
    for row in records.answered_children[case.pk]:
        if row.status in ON_A_PLAN:
            on_a_plan[row.request].append(row)
    for request, rows in on_a_plan.items():
        key = f"request:{request.pk}"
        if key not in decided:
            text = f"{request.local_authority} answered on {request.answered_on:%d/%m/%Y}: " + "; ".join(
                f"{row.child} is {status_words(row.status)}" for row in rows
            )
            found.append(Finding(key, text, _answered(request), rows[0].child_id if len(rows) == 1 else None))
    return found


def _suggests_domestic_abuse(offence: str) -> bool:
    words = settings.SAFEGUARD.get("DOMESTIC_ABUSE_OFFENCE_WORDS", [])
    return any(re.search(rf"\b{re.escape(word)}\b", offence, re.IGNORECASE) for word in words)


def marker_suggested(case: Any, records: "CheckRecords") -> list[Finding]:
    """A police answer of domestic-abuse call-outs, or an offence that suggests domestic abuse
    (`SAFEGUARD["DOMESTIC_ABUSE_OFFENCE_WORDS"]`), when the service user has no marker."""
    if case.service_user.domestic_abuse:
        return []
    settled = records.settled_keys[case.pk]
    from_offences = [
        Finding(
            f"marker:order:{order.pk}",
            f'The offence on the {order.get_order_type_display().lower()} from {order.start_date:%d/%m/%Y}, "{order.offence}", '
            "suggests domestic abuse, and the service user has no domestic-abuse marker",
            max(order.created_at.date(), order.start_date),
        )
        for order in records.open_orders[case.pk]
        if order.offence and _suggests_domestic_abuse(order.offence) and f"marker:order:{order.pk}" not in settled
    ]
    return from_offences + [
        Finding(
            f"marker:police:{check.pk}",
            f"{check.police_force} answered on {check.answered_on:%d/%m/%Y} that there were domestic-abuse call-outs "
            f"({check.callout_details.strip()}), and the service user has no domestic-abuse marker",
            _answered(check),
        )
        for check in records.police[case.pk]
        if check.status == CheckStatus.ANSWERED
        and check.callouts
        and f"marker:police:{check.pk}" not in records.settled_keys[case.pk]
    ]


def decision_choices(key: str) -> list[tuple[str, str]]:
    """The answers a decision on the fact named `key` may take."""
    wanted = (
        (Decision.Choice.SET_MARKER, Decision.Choice.NO_MARKER)
        if key.startswith("marker:")
        else (Decision.Choice.REFER, Decision.Choice.ALREADY_ACTING, Decision.Choice.NO_REFERRAL)
    )
    return [(choice.value, choice.label) for choice in wanted]


# Decisions that need their reason written down: not acting on what was reported.
REASON_NEEDED = {Decision.Choice.ALREADY_ACTING, Decision.Choice.NO_REFERRAL, Decision.Choice.NO_MARKER}


def finding(case: Any, key: str) -> Finding | None:
    """The finding named `key` on `case`, if the facts still raise it (for the page that settles it)."""
    from .tasks import CheckRecords

    records = CheckRecords({case.pk: case})
    for found in (*differences(case, records), *worrying_answers(case, records), *marker_suggested(case, records)):
        if found.key == key:
            return found
    return None
