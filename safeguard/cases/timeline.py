"""What the cases app puts on a case's timeline (`registry.TimelineItem`): the case opened, each order
starting and ending, each allocation (who held the case, from when), and the case's notes (the
standard de-registration note among them), approvals to hold the case and risk managers consulted."""

from collections.abc import Iterable

from django.urls import reverse

from safeguard.core.registry import TimelineItem

from .history import HISTORY
from .models import Allocation, Case, CaseNote, HolderApproval, Order, RiskManagerConsultation


def case_items(case: Case) -> Iterable[TimelineItem]:
    kind = HISTORY.kind
    overview = reverse("cases:detail", args=[case.pk])
    yield TimelineItem.on_day(case.opened_on, kind=kind, title="Case opened", url=overview)
    for order in Order.objects.filter(case=case):
        label = order.get_order_type_display()
        yield TimelineItem.on_day(order.start_date, kind=kind, title=f"{label} began", text=order.offence, url=overview)
        if order.ended_on:
            yield TimelineItem.on_day(order.ended_on, kind=kind, title=f"{label} ended", url=overview)
    allocations = Allocation.objects.filter(case=case).select_related("case_holder", "team").order_by("start_at", "pk")
    for number, allocation in enumerate(allocations):
        holder = allocation.case_holder or "nobody (unallocated)"
        yield TimelineItem(
            at=allocation.start_at,
            kind=kind,
            title=f"{'Allocated' if number == 0 else 'Transferred'} to {holder}, {allocation.team}",
            text="" if number == 0 else allocation.reason,  # the first is the opening, already on the timeline
            url=overview,
        )
    for note in CaseNote.objects.filter(case=case).select_related("author"):
        yield TimelineItem.on_day(note.written_on, kind=kind, title="Case note", text=note.text, by=str(note.author or ""))
    allocating = reverse("cases:allocate", args=[case.pk])
    for approval in HolderApproval.objects.filter(case=case).select_related("approved_for", "approved_by"):
        yield TimelineItem.on_day(
            approval.approved_on,
            kind=kind,
            title=f"{approval.approved_for} approved to hold the case",
            text=approval.contact,
            url=allocating,
            by=str(approval.approved_by),
        )
    for consultation in RiskManagerConsultation.objects.filter(case=case).select_related("risk_manager", "created_by"):
        yield TimelineItem.on_day(
            consultation.consulted_on,
            kind=kind,
            title=f"Risk manager {consultation.risk_manager} consulted",
            text=consultation.advice,
            url=allocating,
            by=str(consultation.created_by or ""),
        )
