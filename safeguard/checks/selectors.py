"""Reads for checks pages and printed forms: a fixed number of queries whatever the case holds."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from safeguard.core.pdf import print_context
from safeguard.people.models import KNOWN_TO_CSC, AdultLink, Child, ChildLink, CSCStatus

from .models import Contradiction, Notification, RequestChild, RequestForInformation


@dataclass
class ChildRow:
    """A child named in a form, with how the service user is linked to them (None if no longer linked)."""

    child: Child
    link: ChildLink | None
    answer: RequestChild | None = None


def case_checks(case: Any) -> dict[str, QuerySet]:
    """Everything the case's checks tab lists."""
    return {
        "checklists": case.checklists.prefetch_related("children", "adults"),
        "requests": case.requests_for_information.select_related("local_authority").prefetch_related("children"),
        "police_checks": case.police_checks.all(),
        "notifications": case.notifications.select_related("local_authority").prefetch_related("children"),
        "events": case.significant_events.all(),
        "contradictions": case.contradictions.select_related("child"),
        "referrals": case.referrals.select_related("local_authority").prefetch_related("children"),
    }


def _links(case: Any) -> dict[int, ChildLink]:
    return {link.child_id: link for link in ChildLink.objects.filter(service_user_id=case.service_user_id)}


def request_context(case: Any, rfi: RequestForInformation) -> dict[str, Any]:
    """A request for information as its page and its printed form show it."""
    person = case.service_user
    links = _links(case)
    answers = rfi.request_children.select_related("child", "child__address").order_by("child__date_of_birth")
    return print_context(case) | {
        "request": rfi,
        "rows": [ChildRow(answer.child, links.get(answer.child_id), answer) for answer in answers],
        "adults": list(AdultLink.objects.filter(service_user=person, lives_with=True).select_related("adult")),
        "aliases": list(person.aliases.all()),
        "addresses": list(person.addresses.filter(end_date__isnull=True).select_related("address__local_authority")),
    }


def notification_context(case: Any, notification: Notification) -> dict[str, Any]:
    """A notification as its page and its printed form show it."""
    links = _links(case)
    rows = [
        ChildRow(child, links.get(child.pk))
        for child in notification.children.select_related("address").order_by("date_of_birth")
    ]
    home = case.service_user.addresses.filter(end_date__isnull=True).select_related("address").first()
    return print_context(case) | {
        "notification": notification,
        "rows": rows,
        "risk_to_children": case.service_user.risk_to_unspecified_children
        or any(row.link and row.link.risk_role == "poses_risk" for row in rows),
        "order": case.orders.filter(ended_on__isnull=True).first(),
        "person_address": str(home.address) if home else None,
        "whereabouts_unknown_since": case.whereabouts_unknown_since,
    }


def notification_defaults(children: list[Child], *, kind: str, authority: str | None) -> dict[str, Any]:
    """What a new notification starts with: its kind, and, when the council is chosen, the children
    that council's social care knows (the one meaning of "known": `people.models.KNOWN_TO_CSC`)."""
    return {
        "kind": kind if kind in Notification.Kind.values else None,
        "local_authority": authority,
        "children": [
            child.pk
            for child in children
            if authority
            and child.csc_status in KNOWN_TO_CSC
            and child.responsible_local_authority
            and str(child.responsible_local_authority.pk) == authority
        ],
    }


def answered_status(contradiction: Contradiction) -> RequestChild | None:
    """The council's answer about the child when it differs from the child's recorded status: the
    resolution then says which is right, and the record follows."""
    if contradiction.request_id is None or contradiction.child_id is None:
        return None
    row = (
        RequestChild.objects.filter(request_id=contradiction.request_id, child_id=contradiction.child_id)
        .select_related("child", "request__local_authority")
        .first()
    )
    if row is None or not row.status or row.status == row.child.csc_status:
        return None
    return row


def what_the_answer_changed(answered: RequestForInformation) -> list[str]:
    """What an answer did to the record, for the officer to see: each child's status now taken from
    it, and the differences from the record left to resolve."""
    said = []
    for row in answered.request_children.select_related("child").order_by("pk"):
        if row.status and row.status != CSCStatus.NOT_KNOWN and row.child.csc_status == row.status:
            said.append(f"{row.child}'s status is now {row.get_status_display().lower()}.")
    differences = answered.contradictions.filter(resolved_on__isnull=True).count()
    if differences:
        said.append(f"{differences} difference{'s' if differences > 1 else ''} from what was recorded to resolve.")
    return said
