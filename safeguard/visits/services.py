"""Every write of the home visits app: a visit (with a row for each linked child), a reason for no
visit, and the manager's decision on a reason. Each validates, writes, audits, all or nothing."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.accounts.models import User
from safeguard.cases.access import manages_case
from safeguard.cases.models import Case
from safeguard.core import clock
from safeguard.core.services import create_tracked, update_tracked
from safeguard.core.validation import not_before, past_date, required_text
from safeguard.people.models import Address, ChildLink, ServiceUserAddress

from .access import AGREE
from .models import HomeVisit, HomeVisitChild, NoVisitReason, field_name

REFUSED = "The householder refused the visit: no child can be recorded as seen"


def _current_use(case: Case, address: Address | None) -> ServiceUserAddress:
    use = (
        ServiceUserAddress.objects.filter(service_user_id=case.service_user_id, address=address, end_date__isnull=True)
        .order_by("pk")
        .first()
        if address is not None
        else None
    )
    if use is None:
        raise ValidationError("Choose one of the service user's current addresses: a visit is recorded at one of them")
    return use


def _child_rows(case: Case, children: Mapping[int, Mapping[str, Any]], *, refused: bool) -> list[dict[str, Any]]:
    """Each linked child's answer as a row to save, or every error at once."""
    links = {
        link.child_id: link for link in ChildLink.objects.filter(service_user_id=case.service_user_id).select_related("child")
    }
    unknown = set(children) - set(links)
    if unknown:
        raise ValidationError("Only children linked to this case can be recorded on a visit")
    errors: dict[str, str] = {}
    rows = []
    for child_id, link in links.items():
        answer = children.get(child_id) or {}
        seen = answer.get("seen")
        presentation = (answer.get("presentation") or "").strip()
        reason = (answer.get("not_seen_reason") or "").strip()
        if refused:
            if seen:
                errors[field_name(child_id, "seen")] = REFUSED
            continue
        if seen is None:
            errors[field_name(child_id, "seen")] = f"Select yes if {link.child} was seen"
        elif seen and not presentation:
            errors[field_name(child_id, "presentation")] = f"Describe {link.child}'s presentation and demeanour"
        elif not seen and not reason:
            errors[field_name(child_id, "not_seen_reason")] = f"Enter why {link.child} was not seen"
        else:
            rows.append(
                {
                    "child": link.child,
                    "seen": seen,
                    "presentation": presentation if seen else "",
                    "not_seen_reason": "" if seen else reason,
                }
            )
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def visit_record(
    *,
    actor: User,
    case: Case,
    address: Address | None,
    visited_on: datetime.date | None,
    consent_given: bool | None,
    consent_by: str,
    consent_words: str = "",
    present: str = "",
    concerns: str = "",
    children: Mapping[int, Mapping[str, Any]] | None = None,
) -> HomeVisit:
    """Record a home visit at one of the service user's current addresses, with the householder's
    consent and every linked child seen or not. A refused visit is recorded as refused, with no child."""
    use = _current_use(case, address)
    past_date(visited_on, "visited_on", "The date of the visit")
    if consent_given is None:
        raise ValidationError({"consent_given": "Select yes if the householder consented to the visit"})
    consent_by = required_text(consent_by, "consent_by", "Enter who gave or refused consent")
    refused = not consent_given
    rows = _child_rows(case, children or {}, refused=refused)
    visit = create_tracked(
        HomeVisit,
        actor=actor,
        action="home_visit.refused" if refused else "home_visit.add",
        case=case,
        address=use.address,
        address_type=use.address_type,
        visited_on=visited_on,
        consent_given=consent_given,
        consent_by=consent_by,
        consent_words=(consent_words or "").strip(),
        present=(present or "").strip(),
        concerns=(concerns or "").strip(),
    )
    for row in rows:
        create_tracked(HomeVisitChild, actor=actor, action="home_visit_child.add", case=case, visit=visit, **row)
    return visit


@transaction.atomic
def reason_record(*, actor: User, case: Case, reason: str) -> NoVisitReason:
    """The officer's reason there is no home visit, for the line manager to agree or not."""
    text = required_text(reason, "reason", "Enter the reason there is no home visit")
    if NoVisitReason.objects.filter(case=case, agreed__isnull=True).exists():
        raise ValidationError("A reason for no home visit is already waiting for the manager's decision")
    return create_tracked(
        NoVisitReason,
        actor=actor,
        action="no_visit_reason.add",
        case=case,
        reason=text,
        recorded_on=clock.today(),
        recorded_by=actor,
    )


@transaction.atomic
def reason_decide(
    *,
    actor: User,
    case: Case,
    reason: NoVisitReason,
    agreed: bool | None,
    decided_on: datetime.date | None,
    manager_comment: str = "",
) -> NoVisitReason:
    """The line manager's decision on a reason for no visit: agreed (the period is covered from the
    decision) or not (the visit is still due). Only a manager of the case decides, once."""
    if not (actor.has_perm(AGREE) and manages_case(actor, case)):
        raise ValidationError("Only a line manager of this case can agree a reason for no home visit")
    stored = NoVisitReason.objects.select_for_update().get(pk=reason.pk)
    if stored.agreed is not None:
        raise ValidationError("The manager's decision on this reason is already recorded")
    if agreed is None:
        raise ValidationError({"agreed": "Select yes if you agree the reason"})
    past_date(decided_on, "decided_on", "The date of the decision")
    not_before(
        decided_on,
        stored.recorded_on,
        "decided_on",
        f"The date of the decision must be on or after {stored.recorded_on:%d/%m/%Y}",
    )
    comment = (manager_comment or "").strip()
    if not agreed:
        comment = required_text(comment, "manager_comment", "Enter why you do not agree the reason")
    return update_tracked(
        stored,
        actor=actor,
        action="no_visit_reason.agree" if agreed else "no_visit_reason.not_agreed",
        case=case,
        agreed=agreed,
        decided_on=decided_on,
        decided_by=actor,
        manager_comment=comment,
    )
