"""The outstanding steps of checks, derived from the records (a provider for core.tasks).

One query per kind of record, whatever the number of cases.
"""

import datetime
from collections import defaultdict

from django.db.models import Count
from django.urls import reverse

from safeguard.cases.models import Order
from safeguard.core.tasks import Task
from safeguard.people.models import ChildLink
from safeguard.people.selectors import links_to_children_with_status

from .models import Checklist, CheckStatus, Contradiction, Notification, PoliceCheck, RequestForInformation, SignificantEvent
from .services import KNOWN_TO_CSC


def _url(name: str, case_id: int, *args) -> str:
    return reverse(name, args=[case_id, *args])


def check_tasks(by_id: dict, due, today: datetime.date) -> list[Task]:
    """The outstanding checks of the given cases (registered with core.tasks)."""
    ids = list(by_id)
    cases = list(by_id.values())
    found: list[Task] = []

    checklists: dict[int, list[Checklist]] = defaultdict(list)
    for checklist in Checklist.objects.filter(case_id__in=ids).order_by("asked_on", "pk"):
        checklists[checklist.case_id].append(checklist)
    orders: dict[int, list[Order]] = defaultdict(list)
    for order in Order.objects.filter(case_id__in=ids, ended_on__isnull=True).order_by("start_date", "pk"):
        orders[order.case_id].append(order)
    requests: dict[int, list[RequestForInformation]] = defaultdict(list)
    for loaded_request in (
        RequestForInformation.objects.filter(case_id__in=ids)
        .exclude(status=CheckStatus.WITHDRAWN)
        .select_related("local_authority", "checklist", "event")
        .annotate(chase_count=Count("chases"))
        .order_by("created_at", "pk")
    ):
        requests[loaded_request.case_id].append(loaded_request)
    police: dict[int, list[PoliceCheck]] = defaultdict(list)
    for loaded_check in (
        PoliceCheck.objects.filter(case_id__in=ids).exclude(status=CheckStatus.WITHDRAWN).annotate(chase_count=Count("chases"))
    ):
        police[loaded_check.case_id].append(loaded_check)
    notifications: dict[int, list[Notification]] = defaultdict(list)
    for notification in (
        Notification.objects.filter(case_id__in=ids).select_related("local_authority").prefetch_related("children")
    ):
        notifications[notification.case_id].append(notification)
    events: dict[int, list[SignificantEvent]] = defaultdict(list)
    for event in SignificantEvent.objects.filter(case_id__in=ids, resolved_on__isnull=True):
        events[event.case_id].append(event)
    contradictions: dict[int, list[Contradiction]] = defaultdict(list)
    for contradiction in Contradiction.objects.filter(case_id__in=ids, resolved_on__isnull=True):
        contradictions[contradiction.case_id].append(contradiction)
    person_to_case = {case.service_user_id: case.pk for case in cases}
    known_children: dict[int, list[ChildLink]] = defaultdict(list)
    for link in links_to_children_with_status(
        person_to_case, KNOWN_TO_CSC, select=("child__address__local_authority", "child__local_authority_override")
    ):
        known_children[person_to_case[link.service_user_id]].append(link)

    for case_id, case in by_id.items():
        add = found.append
        done = checklists[case_id]
        # 1. The checklist: at least one per case, and one for every order started since the last.
        if not done:
            anchor = orders[case_id][0].start_date if orders[case_id] else case.opened_on
            add(
                Task(
                    case,
                    "Complete the safeguarding children checklist",
                    due("safeguarding_checklist", anchor, case),
                    _url("cases:checklist_new", case_id),
                    "checklist",
                )
            )
        else:
            last = done[-1]
            for order in orders[case_id]:
                covered = any(
                    c.order_id == order.pk or c.asked_on >= order.start_date - datetime.timedelta(days=90) for c in done
                )
                if not covered:
                    add(
                        Task(
                            case,
                            f"Complete the safeguarding children checklist for the {order.get_order_type_display().lower()}",
                            due("safeguarding_checklist", order.start_date, case),
                            _url("cases:checklist_new", case_id),
                            "checklist",
                        )
                    )
            # 2. Any yes → requests for information, unless prepared since.
            if last.any_yes and not any(r.created_at >= last.created_at for r in requests[case_id]):
                add(
                    Task(
                        case,
                        "Prepare requests for information (the checklist was answered yes)",
                        due("request_for_information_send", last.asked_on, case),
                        _url("cases:checks", case_id),
                        "prepare_request",
                        detail="; ".join(last.yes_answers),
                    )
                )
        # 3. Significant events call for a fresh check.
        for event in events[case_id]:
            add(
                Task(
                    case,
                    f"Fresh check after: {event.get_kind_display().lower()}",
                    due("recheck_after_event", event.occurred_on, case),
                    _url("cases:checks", case_id),
                    "event",
                    detail=event.description,
                )
            )
        # 4. Requests: draft → send; sent → reply awaited, overdue, chased, escalated.
        for request in requests[case_id]:
            url = _url("cases:request", case_id, request.pk)
            if request.status == CheckStatus.DRAFT:
                # The clock started with what called for the check, not with preparing the draft.
                anchor = (
                    request.checklist.asked_on
                    if request.checklist
                    else request.event.occurred_on
                    if request.event
                    else request.created_at.date()
                )
                add(
                    Task(
                        case,
                        f"Send the request for information to {request.local_authority}",
                        due("request_for_information_send", anchor, case),
                        url,
                        "send_request",
                    )
                )
            elif request.status == CheckStatus.SENT:
                add(
                    Task(
                        case,
                        f"Reply from {request.local_authority} children's social care",
                        request.due_on,
                        url,
                        "request",
                        waiting=True,
                        escalate_on=request.escalate_on,
                        chases=getattr(request, "chase_count", 0),
                        detail=f"Sent {request.sent_on:%d/%m/%Y}",
                    )
                )
        # 5. Police checks: required with a domestic-abuse marker.
        if case.service_user.domestic_abuse and not police[case_id]:
            add(
                Task(
                    case,
                    "Send a police check (domestic-abuse marker)",
                    due("police_check_send", case.opened_on, case),
                    _url("cases:police_new", case_id),
                    "police_required",
                )
            )
        for check in police[case_id]:
            url = _url("cases:police", case_id, check.pk)
            if check.status == CheckStatus.DRAFT:
                add(
                    Task(
                        case,
                        f"Send the police check to {check.police_force}",
                        due("police_check_send", check.created_at.date(), case),
                        url,
                        "send_police",
                    )
                )
            elif check.status == CheckStatus.SENT:
                add(
                    Task(
                        case,
                        f"Reply from {check.police_force}",
                        check.due_on,
                        url,
                        "police",
                        waiting=True,
                        escalate_on=check.escalate_on,
                        chases=getattr(check, "chase_count", 0),
                        detail=f"Sent {check.sent_on:%d/%m/%Y}",
                    )
                )
        # 6. Notifications of involvement for children known to children's social care.
        notified = {
            (n.local_authority_id, child.pk)
            for n in notifications[case_id]
            if n.kind == Notification.Kind.INVOLVEMENT
            for child in n.children.all()
        }
        # Probation's duty to notify starts when it is involved: the later of the case opening and the status.
        known_since = {
            link.child_id: max([s.start_date for s in link.child.statuses.all()] + [case.opened_on])
            for link in known_children[case_id]
        }
        waiting_by_authority: dict = defaultdict(list)
        for link in known_children[case_id]:
            authority = link.child.responsible_local_authority
            if authority is not None and (authority.pk, link.child_id) not in notified:
                waiting_by_authority[authority].append(link)
        for authority, links in sorted(waiting_by_authority.items(), key=lambda item: item[0].name):
            since = max(known_since[link.child_id] for link in links)
            add(
                Task(
                    case,
                    f"Notify {authority} of probation involvement",
                    due("notification_send", since, case),
                    _url("cases:notification_new", case_id) + f"?authority={authority.pk}",
                    "notify",
                    detail=", ".join(str(link.child) for link in links),
                )
            )
        for notification in notifications[case_id]:
            url = _url("cases:notification", case_id, notification.pk)
            if notification.status == CheckStatus.DRAFT:
                starts = [known_since[c.pk] for c in notification.children.all() if c.pk in known_since]
                rule = (
                    "loss_of_contact_notification"
                    if notification.kind == Notification.Kind.LOSS_OF_CONTACT
                    else "notification_send"
                )
                anchor = (
                    case.whereabouts_unknown_since
                    if notification.kind == Notification.Kind.LOSS_OF_CONTACT and case.whereabouts_unknown_since
                    else max(starts)
                    if starts
                    else notification.created_at.date()
                )
                add(
                    Task(
                        case,
                        f"Send the {notification.get_kind_display().lower()} to {notification.local_authority}",
                        due(rule, anchor, case),
                        url,
                        "send_notification",
                    )
                )
            elif notification.status == CheckStatus.SENT and notification.acknowledged_on is None:
                add(
                    Task(
                        case,
                        f"Acknowledgement from {notification.local_authority}",
                        notification.acknowledge_due_on,
                        url,
                        "acknowledgement",
                        waiting=True,
                    )
                )
        # 7. Loss of contact.
        lost = case.whereabouts_unknown_since
        if lost is not None and not any(
            n.kind == Notification.Kind.LOSS_OF_CONTACT and n.created_at.date() >= lost for n in notifications[case_id]
        ):
            add(
                Task(
                    case,
                    "Tell children's social care that contact has been lost",
                    due("loss_of_contact_notification", lost, case),
                    _url("cases:notification_new", case_id) + "?kind=loss_of_contact",
                    "loss_of_contact",
                )
            )
        # 8. Contradictions stay until resolved.
        for contradiction in contradictions[case_id]:
            add(
                Task(
                    case,
                    "Resolve a difference between what the service user said and a check",
                    contradiction.created_at.date(),
                    _url("cases:contradiction", case_id, contradiction.pk),
                    "contradiction",
                    detail=contradiction.description,
                )
            )
    return found
