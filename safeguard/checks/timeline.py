"""The checks on a case's timeline (a provider declared in the registry, read by the case record): each
checklist asked, each request for information sent to a council and its reply, each police check sent
and its reply, each chase, and each notification sent and acknowledged.

Six queries whatever the case holds: checklists, requests, police checks, chases, notifications, and
the children each of them names (one query across the three tables that name them). Drafts are not
on the timeline: nothing has happened until they are sent."""

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import CharField, Q, Value
from django.urls import reverse

from safeguard.core.registry import TimelineItem

from .history import HISTORY
from .models import Chase, Checklist, Notification, PoliceCheck, RequestChild, RequestForInformation

KIND = HISTORY.kind  # the word for this app's records, which the timeline filters by

Named = dict[tuple[str, int], tuple[int, ...]]  # (what, id) → the children it names
Chased = dict[tuple[str, int], list[Chase]]  # ("request" or "police", id) → its chases


def _children(case: Any) -> Named:
    """(what, id) → the children it names, for the case's checklists, requests and notifications."""
    text: CharField[str, str] = CharField()
    named = (
        RequestChild.objects.filter(request__case=case)
        .values_list(Value("request", output_field=text), "request_id", "child_id")
        .union(
            Notification.children.through.objects.filter(notification__case=case).values_list(
                Value("notification", output_field=text), "notification_id", "child_id"
            ),
            Checklist.children.through.objects.filter(checklist__case=case).values_list(
                Value("checklist", output_field=text), "checklist_id", "child_id"
            ),
            all=True,
        )
    )
    found: dict[tuple[str, int], list[int]] = defaultdict(list)
    for what, record_id, child_id in named:
        found[(what, record_id)].append(child_id)
    return {key: tuple(sorted(ids)) for key, ids in found.items()}


def _how(channel: str, recipient: str) -> str:
    return f"By {channel.lower()}" + (f" to {recipient}" if recipient else "")


def _yes_no(value: bool | None) -> str:
    return "not answered" if value is None else ("yes" if value else "no")


def _checklists(case: Any, children: Named) -> Iterator[TimelineItem]:
    url = reverse("checks:index", args=[case.pk])
    for checklist in Checklist.objects.filter(case=case).order_by():
        yes = len(checklist.yes_answers)
        yield TimelineItem.on_day(
            checklist.asked_on,
            kind=KIND,
            title=f"Safeguarding children checklist asked ({checklist.get_stage_display().lower()})",
            text=f"Yes to {yes} of 6 questions" if yes else "No to every question",
            url=url,
            children=children.get(("checklist", checklist.pk), ()),
        )


def _requests(case: Any, children: Named, chases: Chased) -> Iterator[TimelineItem]:
    for request in RequestForInformation.objects.filter(case=case, sent_on__isnull=False).select_related("local_authority"):
        council = f"{request.local_authority} children's services"
        common = {
            "kind": KIND,
            "url": reverse("checks:request", args=[case.pk, request.pk]),
            "children": children.get(("request", request.pk), ()),
        }
        if request.answered_on:
            known = {True: "The service user is known to children's social care", False: "The service user is not known"}
            answer = known[request.service_user_known] if request.service_user_known is not None else ""
            yield TimelineItem.on_day(request.answered_on, title=f"Reply from {council}", text=answer, **common)
        for chase in chases.get(("request", request.pk), ()):
            yield TimelineItem.on_day(chase.chased_on, title=f"Request to {council} chased", text=_chased(chase), **common)
        yield TimelineItem.on_day(
            request.sent_on,  # type: ignore[arg-type]  # only those sent
            title=f"Request for information sent to {council}",
            text=_how(request.get_channel_display(), request.recipient),
            **common,
        )


def _police_checks(case: Any, chases: Chased) -> Iterator[TimelineItem]:
    for check in PoliceCheck.objects.filter(case=case, sent_on__isnull=False):
        common = {"kind": KIND, "url": reverse("checks:police", args=[case.pk, check.pk])}
        if check.answered_on:
            yield TimelineItem.on_day(
                check.answered_on,
                title=f"Reply from {check.police_force} to the police check",
                text=f"Domestic-abuse call-outs: {_yes_no(check.callouts)}; "
                f"intelligence about children: {_yes_no(check.child_intelligence)}",
                **common,
            )
        for chase in chases.get(("police", check.pk), ()):
            yield TimelineItem.on_day(
                chase.chased_on, title=f"Police check with {check.police_force} chased", text=_chased(chase), **common
            )
        yield TimelineItem.on_day(
            check.sent_on,  # type: ignore[arg-type]  # only those sent
            title=f"Police check sent to {check.police_force}",
            text=_how(check.get_channel_display(), check.recipient),
            **common,
        )


def _chases(case: Any) -> Chased:
    """("request" or "police", id) → its chases, the latest first."""
    found: dict[tuple[str, int], list[Chase]] = defaultdict(list)
    for chase in Chase.objects.filter(Q(request__case=case) | Q(police_check__case=case)).order_by("-chased_on", "-id"):
        key = ("request", chase.request_id) if chase.request_id else ("police", chase.police_check_id)
        found[key].append(chase)  # type: ignore[index]  # one of the two is set (a database constraint)
    return found


def _chased(chase: Chase) -> str:
    return f"By {chase.get_method_display().lower()}" + (f", with {chase.spoke_to}" if chase.spoke_to else "")


def _notifications(case: Any, children: Named) -> Iterator[TimelineItem]:
    for notification in Notification.objects.filter(case=case, sent_on__isnull=False).select_related("local_authority"):
        council = f"{notification.local_authority} children's services"
        what = (
            "Notification of probation involvement"
            if notification.kind == Notification.Kind.INVOLVEMENT
            else "Notification of loss of contact"
        )
        common = {
            "kind": KIND,
            "url": reverse("checks:notification", args=[case.pk, notification.pk]),
            "children": children.get(("notification", notification.pk), ()),
        }
        if notification.acknowledged_on:
            yield TimelineItem.on_day(notification.acknowledged_on, title=f"{what} acknowledged by {council}", **common)
        yield TimelineItem.on_day(
            notification.sent_on,  # type: ignore[arg-type]  # only those sent
            title=f"{what} sent to {council}",
            text=_how(notification.get_channel_display(), notification.recipient),
            **common,
        )


def check_items(case: Any) -> list[TimelineItem]:
    """Every check made on the case, as the case's timeline shows it: each record's events latest first,
    so those of one day read in the order they happened, newest at the top."""
    children, chases = _children(case), _chases(case)
    return [
        *_requests(case, children, chases),
        *_police_checks(case, chases),
        *_notifications(case, children),
        *_checklists(case, children),
    ]
