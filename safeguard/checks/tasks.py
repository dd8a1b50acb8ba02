"""The outstanding steps of checks, derived from the records (a task provider declared in the registry).

One function per kind of step; the records they read are loaded once for all the cases given, one
query per kind of record, whatever the number of cases.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import Any

from django.db.models import Count, Prefetch
from django.urls import reverse

from safeguard.cases.models import Order
from safeguard.core.tasks import Due, Task, about
from safeguard.people.models import KNOWN_TO_CSC, ChildLink, Contact, RiskRole, SocialCareStatus

from . import facts
from .models import (
    Checklist,
    CheckStatus,
    Contradiction,
    Decision,
    Notification,
    PoliceCheck,
    RequestChild,
    RequestForInformation,
    SignificantEvent,
    Trigger,
)


def _url(name: str, case_id: int, *args: int) -> str:
    return reverse(name, args=[case_id, *args])


def _by_case(rows: Iterable[Any]) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[row.case_id].append(row)
    return grouped


class CheckRecords:
    """The check records of many cases, each kind loaded on first use in one query."""

    def __init__(self, by_id: Mapping[int, Any]) -> None:
        self.by_id = by_id
        self.ids = list(by_id)

    @cached_property
    def checklists(self) -> dict[int, list[Checklist]]:
        return _by_case(Checklist.objects.filter(case_id__in=self.ids).order_by("asked_on", "pk"))

    @cached_property
    def open_orders(self) -> dict[int, list[Order]]:
        return _by_case(Order.objects.filter(case_id__in=self.ids, ended_on__isnull=True).order_by("start_date", "pk"))

    @cached_property
    def requests(self) -> dict[int, list[RequestForInformation]]:
        return _by_case(
            RequestForInformation.objects.filter(case_id__in=self.ids)
            .exclude(status=CheckStatus.WITHDRAWN)
            .select_related("local_authority", "checklist", "event")
            .annotate(chase_count=Count("chases"))
            .order_by("created_at", "pk")
        )

    @cached_property
    def police(self) -> dict[int, list[PoliceCheck]]:
        return _by_case(
            PoliceCheck.objects.filter(case_id__in=self.ids)
            .exclude(status=CheckStatus.WITHDRAWN)
            .annotate(chase_count=Count("chases"))
        )

    @cached_property
    def notifications(self) -> dict[int, list[Notification]]:
        return _by_case(
            Notification.objects.filter(case_id__in=self.ids).select_related("local_authority").prefetch_related("children")
        )

    @cached_property
    def events(self) -> dict[int, list[SignificantEvent]]:
        return _by_case(SignificantEvent.objects.filter(case_id__in=self.ids, resolved_on__isnull=True))

    @cached_property
    def contradictions(self) -> dict[int, list[Contradiction]]:
        return _by_case(Contradiction.objects.filter(case_id__in=self.ids, resolved_on__isnull=True))

    @cached_property
    def child_links(self) -> dict[int, list[ChildLink]]:
        """Every link from each case's service user to a child, with what names the child's council."""
        person_to_case = {case.service_user_id: case.pk for case in self.by_id.values()}
        found: dict[int, list[ChildLink]] = defaultdict(list)
        for link in (
            ChildLink.objects.filter(service_user_id__in=list(person_to_case))
            .select_related("child__address__local_authority", "child__local_authority_override")
            .prefetch_related(Prefetch("child__statuses", queryset=SocialCareStatus.objects.filter(end_date__isnull=True)))
            .order_by("child__date_of_birth", "child__expected_date_of_delivery", "pk")
        ):
            found[person_to_case[link.service_user_id]].append(link)
        return found

    @cached_property
    def checked(self) -> dict[int, dict[int, set[int]]]:
        """For each case, child → the councils a request (drafted, sent or answered) has named them to."""
        found: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
        for case_id, child_id, authority_id in (
            RequestChild.objects.filter(request__case_id__in=self.ids)
            .exclude(request__status=CheckStatus.WITHDRAWN)
            .values_list("request__case_id", "child_id", "request__local_authority_id")
        ):
            found[case_id][child_id].add(authority_id)
        return found

    @cached_property
    def answered_children(self) -> dict[int, list[RequestChild]]:
        """What each council answered about each child named in an answered request, by case."""
        found: dict[int, list[RequestChild]] = defaultdict(list)
        for row in (
            RequestChild.objects.filter(request__case_id__in=self.ids, request__status=CheckStatus.ANSWERED)
            .select_related("request__local_authority", "child")
            .order_by("request__answered_on", "pk")
        ):
            found[row.request.case_id].append(row)
        return found

    @cached_property
    def settled_keys(self) -> dict[int, set[str]]:
        """The facts already resolved or decided on each case (`checks.facts`)."""
        found: dict[int, set[str]] = defaultdict(set)
        resolved = Contradiction.objects.filter(case_id__in=self.ids).exclude(key="").order_by().values_list("case_id", "key")
        decided = Decision.objects.filter(case_id__in=self.ids).order_by().values_list("case_id", "key")
        for case_id, key in resolved.union(decided, all=True):  # one query
            found[case_id].add(key)
        return found

    @cached_property
    def known_children(self) -> dict[int, list[ChildLink]]:
        """Links to children known to children's social care, by case."""
        return {
            case_id: [link for link in links if link.child.csc_status in KNOWN_TO_CSC]
            for case_id, links in self.child_links.items()
        }

    def known_since(self, case: Any) -> dict[int, datetime.date]:
        """When probation's duty to notify began for each known child: the later of the case opening and the status."""
        return {
            link.child_id: max([s.start_date for s in link.child.statuses.all()] + [case.opened_on])
            for link in self.known_children.get(case.pk, [])
        }


def checklist_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """At least one checklist per case and one for every order started since; any yes → requests."""
    done = records.checklists[case.pk]
    orders = records.open_orders[case.pk]
    url = _url("checks:checklist_new", case.pk)
    if not done:
        anchor = orders[0].start_date if orders else case.opened_on
        return [
            Task(
                case,
                "Complete the safeguarding children checklist",
                due("safeguarding_checklist", anchor, case),
                url,
                "checklist",
                rule="checks.checklist_due",
                fact=f"{orders[0]} started" if orders else f"Case opened on {case.opened_on:%d/%m/%Y}",
            )
        ]
    found = []
    for order in orders:
        window = order.start_date - datetime.timedelta(days=90)
        if not any(c.order_id == order.pk or c.asked_on >= window for c in done):
            title = f"Complete the safeguarding children checklist for the {order.get_order_type_display().lower()}"
            found.append(
                Task(
                    case,
                    title,
                    due("safeguarding_checklist", order.start_date, case),
                    url,
                    "checklist",
                    rule="checks.checklist_due",
                    fact=f"{order} started with no checklist asked since",
                )
            )
    last = done[-1]
    if last.any_yes and not any(r.created_at >= last.created_at for r in records.requests[case.pk]):
        found.append(
            Task(
                case,
                "Prepare requests for information (the checklist was answered yes)",
                due("request_for_information_send", last.asked_on, case),
                _url("checks:requests_prepare", case.pk),
                "prepare_request",
                detail="; ".join(last.yes_answers),
                rule="checks.checklist_yes",
                fact=f"The checklist of {last.asked_on:%d/%m/%Y} answered yes: " + "; ".join(last.yes_answers),
            )
        )
    return found


def in_the_service_users_life(link: ChildLink) -> bool:
    """A child a check must cover (WM 1.7): any contact but none, parental responsibility, or a risk
    the service user poses to them; an adult child is no longer a child to check."""
    if link.child.is_adult:
        return False
    return link.contact != Contact.NONE or link.parental_responsibility or link.risk_role == RiskRole.POSES_RISK


def _why_checked(link: ChildLink) -> str:
    parts = [link.get_relationship_display().lower(), link.get_contact_display().lower()]
    if link.parental_responsibility:
        parts.append("parental responsibility")
    if link.risk_role == RiskRole.POSES_RISK:
        parts.append("the service user poses a risk to them")
    return f"{link.child} ({', '.join(parts)})"


def child_check_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """Every child in the service user's life is named in a check to the council responsible for
    them, whatever the checklist said: one step per council, and one per child whose council is not
    yet known (their address comes first)."""
    checked = records.checked[case.pk]
    waiting: dict[Any, list[tuple[ChildLink, datetime.date]]] = defaultdict(list)
    found = []
    for link in records.child_links[case.pk]:
        if not in_the_service_users_life(link):
            continue
        authority = link.child.responsible_local_authority
        if authority is None:
            found.append(
                Task(
                    case,
                    f"Record where {link.child} lives, to send a check to their council",
                    due("request_for_information_send", max(link.created_at.date(), case.opened_on), case),
                    _url("people:child_address", case.pk, link.child_id),
                    "child_address",
                    rule="checks.child_on_file",
                    fact=f"{_why_checked(link)}: where they live, and so their council, is not recorded",
                )
            )
        elif authority.pk not in checked.get(link.child_id, set()):
            # A child already checked with another council has moved: the clock starts with the move.
            since = link.child.modified_at if checked.get(link.child_id) else link.created_at
            waiting[authority].append((link, max(since.date(), case.opened_on)))
    for authority, links in sorted(waiting.items(), key=lambda item: item[0].name):
        found.append(
            Task(
                case,
                f"Prepare a request for information to {authority}",
                due("request_for_information_send", min(since for _, since in links), case),
                _url("checks:requests_prepare", case.pk),
                "child_on_file",
                rule="checks.child_on_file",
                fact="; ".join(
                    f"{_why_checked(link)} recorded on {since:%d/%m/%Y}, not named in a check to {authority}"
                    for link, since in links
                ),
            )
        )
    return found


def event_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """Significant events call for a fresh check."""
    return [
        Task(
            case,
            f"Fresh check after: {event.get_kind_display().lower()}",
            due("recheck_after_event", event.occurred_on, case),
            _url("checks:requests_prepare", case.pk) + f"?event={event.pk}",
            "event",
            detail=event.description,
            subject=about(event),
            rule="checks.significant_event",
            fact=f"{event.get_kind_display()} on {event.occurred_on:%d/%m/%Y}"
            + (f": {event.description}" if event.description else ""),
        )
        for event in records.events[case.pk]
    ]


def request_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """Requests: draft → send; sent → reply awaited, overdue, chased, escalated."""
    found = []
    for request in records.requests[case.pk]:
        url = _url("checks:request", case.pk, request.pk)
        if request.status == CheckStatus.DRAFT:
            # The clock started with what called for the check (the event, else the checklist), not
            # with preparing the draft.
            anchor = (
                request.event.occurred_on
                if request.event
                else request.checklist.asked_on
                if request.checklist and request.trigger == Trigger.CHECKLIST
                else request.created_at.date()
            )
            title = f"Send the request for information to {request.local_authority}"
            send = _url("checks:request_send", case.pk, request.pk)
            found.append(
                Task(
                    case,
                    title,
                    due("request_for_information_send", anchor, case),
                    send,
                    "send_request",
                    subject=about(request),
                    rule="checks.request_send",
                    fact=f"Request to {request.local_authority} drafted on {request.created_at:%d/%m/%Y}, not sent",
                )
            )
        elif request.status == CheckStatus.SENT:
            found.append(
                _reply_task(
                    case,
                    request,
                    url,
                    f"Reply from {request.local_authority} children's social care",
                    "request",
                    "checks.request_reply",
                )
            )
    return found


def _reply_task(case: Any, check: Any, url: str, title: str, kind: str, rule: str) -> Task:
    """A sent request or police check waiting for its answer."""
    return Task(
        case,
        title,
        check.due_on,
        url,
        kind,
        waiting=True,
        escalate_on=check.escalate_on,
        chases=getattr(check, "chase_count", 0),
        subject=about(check),
        rule=rule,
        fact=f"{check} sent on {check.sent_on:%d/%m/%Y}, not yet answered",
    )


def police_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """Police checks: required with a domestic-abuse marker; draft → send; sent → answer."""
    checks = records.police[case.pk]
    found = []
    if case.service_user.domestic_abuse and not checks:
        title = "Send a police check (domestic-abuse marker)"
        url = _url("checks:police_new", case.pk)
        found.append(
            Task(
                case,
                title,
                due("police_check_send", max(case.service_user.domestic_abuse_marked_on or case.opened_on, case.opened_on), case),
                url,
                "police_required",
                rule="checks.police_required",
                fact="The service user's domestic-abuse marker is set"
                + (
                    f" (since {case.service_user.domestic_abuse_marked_on:%d/%m/%Y})"
                    if case.service_user.domestic_abuse_marked_on
                    else ""
                ),
            )
        )
    for check in checks:
        url = _url("checks:police", case.pk, check.pk)
        if check.status == CheckStatus.DRAFT:
            deadline = due("police_check_send", check.created_at.date(), case)
            send = _url("checks:police_send", case.pk, check.pk)
            found.append(
                Task(
                    case,
                    f"Send the police check to {check.police_force}",
                    deadline,
                    send,
                    "send_police",
                    subject=about(check),
                    rule="checks.police_send",
                    fact=f"Police check drafted on {check.created_at:%d/%m/%Y}, not sent",
                )
            )
        elif check.status == CheckStatus.SENT:
            found.append(_reply_task(case, check, url, f"Reply from {check.police_force}", "police", "checks.police_reply"))
    return found


def notify_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """Notifications of involvement owed to each council that knows one of the case's children."""
    notified = {
        (n.local_authority_id, child.pk)
        for n in records.notifications[case.pk]
        if n.kind == Notification.Kind.INVOLVEMENT
        for child in n.children.all()
    }
    known_since = records.known_since(case)
    waiting: dict[Any, list[ChildLink]] = defaultdict(list)
    for link in records.known_children.get(case.pk, []):
        authority = link.child.responsible_local_authority
        if authority is not None and (authority.pk, link.child_id) not in notified:
            waiting[authority].append(link)
    return [
        Task(
            case,
            f"Notify {authority} of probation involvement",
            due("notification_send", max(known_since[link.child_id] for link in links), case),
            _url("checks:notification_new", case.pk) + f"?authority={authority.pk}",
            "notify",
            detail=", ".join(str(link.child) for link in links),
            rule="checks.notify",
            fact="; ".join(f"{link.child}: {link.child.get_csc_status_display().lower()}" for link in links),
        )
        for authority, links in sorted(waiting.items(), key=lambda item: item[0].name)
    ]


def notification_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """Notifications: draft → send; sent → acknowledgement awaited, then escalated."""
    found = []
    known_since = records.known_since(case)
    for notification in records.notifications[case.pk]:
        url = _url("checks:notification", case.pk, notification.pk)
        if notification.status == CheckStatus.DRAFT:
            send = _url("checks:notification_send", case.pk, notification.pk)
            found.append(_send_notification_task(case, notification, known_since, send, due))
        elif notification.status == CheckStatus.SENT and notification.acknowledged_on is None:
            title = f"Acknowledgement from {notification.local_authority}"
            found.append(
                Task(
                    case,
                    title,
                    notification.acknowledge_due_on,
                    url,
                    "acknowledgement",
                    waiting=True,
                    # No acknowledgement still: it goes to the line manager, like a reply that does not come.
                    escalate_on=(
                        due("notification_acknowledgement_escalation", notification.acknowledge_due_on, case)
                        if notification.acknowledge_due_on
                        else None
                    ),
                    subject=about(notification),
                    rule="checks.notification_acknowledged",
                    fact=f"{notification} sent on {notification.sent_on:%d/%m/%Y}, not acknowledged",
                )
            )
    return found


def _send_notification_task(
    case: Any, notification: Notification, known_since: dict[int, datetime.date], url: str, due: Due
) -> Task:
    lost = notification.kind == Notification.Kind.LOSS_OF_CONTACT
    starts = [known_since[c.pk] for c in notification.children.all() if c.pk in known_since]
    if lost and case.whereabouts_unknown_since:
        anchor = case.whereabouts_unknown_since
    else:
        anchor = max(starts) if starts else notification.created_at.date()
    rule = "loss_of_contact_notification" if lost else "notification_send"
    title = f"Send the {notification.get_kind_display().lower()} to {notification.local_authority}"
    return Task(
        case,
        title,
        due(rule, anchor, case),
        url,
        "send_notification",
        subject=about(notification),
        rule="checks.loss_of_contact" if lost else "checks.notify",
        fact=f"{notification} drafted on {notification.created_at:%d/%m/%Y}, not sent",
    )


def loss_of_contact_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """Contact lost: children's social care must be told (West Mercia 3.2)."""
    lost = case.whereabouts_unknown_since
    if lost is None or any(
        n.kind == Notification.Kind.LOSS_OF_CONTACT and n.created_at.date() >= lost for n in records.notifications[case.pk]
    ):
        return []
    title = "Tell children's social care that contact has been lost"
    url = _url("checks:notification_new", case.pk) + "?kind=loss_of_contact"
    return [
        Task(
            case,
            title,
            due("loss_of_contact_notification", lost, case),
            url,
            "loss_of_contact",
            rule="checks.loss_of_contact",
            fact=f"Whereabouts unknown since {lost:%d/%m/%Y}",
        )
    ]


def contradiction_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """Contradictions stay until resolved."""
    return [
        Task(
            case,
            "Resolve a difference between what the service user said and a check",
            contradiction.created_at.date(),
            _url("checks:contradiction", case.pk, contradiction.pk),
            "contradiction",
            detail=contradiction.description,
            subject=about(contradiction),
            rule="checks.contradiction",
            fact=contradiction.description,
        )
        for contradiction in records.contradictions[case.pk]
    ]


# Findings on file (`checks.facts`) and the step each calls for: title, where it is settled, the kind
# of step, its rule, and the timescale it runs on ("" when it is due the day it arose).
FINDING_STEPS: list[tuple[Callable[[Any, CheckRecords], list[facts.Finding]], str, str, str, str, str]] = [
    (
        facts.differences,
        "Resolve a difference between what the service user said and what is on file",
        "checks:difference",
        "contradiction",
        "checks.contradiction",
        "",
    ),
    (
        facts.worrying_answers,
        "Decide whether to refer to children's social care",
        "checks:decision",
        "referral_decision_needed",
        "checks.answer_reports_harm",
        "decision_after_answer",
    ),
    (
        facts.marker_suggested,
        "Decide whether to set the domestic-abuse marker",
        "checks:decision",
        "marker_decision",
        "checks.marker_suggested",
        "decision_after_answer",
    ),
]


def finding_tasks(case: Any, records: CheckRecords, due: Due) -> list[Task]:
    """Differences between what the service user said and what is on file, answers reporting harm
    or risk to a child, and facts that suggest the domestic-abuse marker: each until the officer
    resolves or decides it."""
    return [
        Task(
            case,
            title,
            due(timescale, found.arose_on, case) if timescale else found.arose_on,
            _url(page, case.pk) + f"?key={found.key}",
            kind,
            detail=found.text,
            rule=rule,
            fact=found.text,
        )
        for find, title, page, kind, rule, timescale in FINDING_STEPS
        for found in find(case, records)
    ]


KINDS: list[Callable[[Any, CheckRecords, Due], list[Task]]] = [
    checklist_tasks,
    child_check_tasks,
    event_tasks,
    request_tasks,
    police_tasks,
    notify_tasks,
    notification_tasks,
    loss_of_contact_tasks,
    contradiction_tasks,
    finding_tasks,
]


# Steps that prepare requests for every child of the case at once: with one of them raised, the
# children on file are in it (one step on the case, not two).
PREPARES_ALL = ("prepare_request", "event")
CLOSED = "closed"  # cases.models.Case.Status.CLOSED


def check_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    """The outstanding checks of the given cases."""
    records = CheckRecords(by_id)
    found = []
    for case in by_id.values():
        steps = [task for kind in KINDS for task in kind(case, records, due)]
        if any(task.kind in PREPARES_ALL for task in steps):
            steps = [task for task in steps if task.kind != "child_on_file"]
        if case.status == CLOSED:
            # A closed case asks for nothing more; what was sent still waits for its answer.
            steps = [task for task in steps if task.waiting]
        found.extend(steps)
    return found
