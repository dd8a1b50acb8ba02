"""The outstanding steps of a transfer (a task provider in the registry).

- The new case holder reads and acknowledges the handover (Ansbro: new officers restarted the case
  from scratch). Until they do, the step is also on the previous holder's My work (`escalated_to`:
  "Escalated to you"), for as long as they may still see the case.
- Each other probation unit involved (a current key contact of that kind) is told the case moved
  (West Mercia 3.3) and, while the service user is in custody, the prison's child-protection
  co-ordinator (West Mercia 2.4; when none is on file, the step asks for them to be added).

Only the handover of the case's present allocation raises steps: a later transfer supersedes it.
Five queries at most, however many cases: the handovers, the key contacts, the notices, and the
custody facts (`cases.tasks.custody_of`, only for cases with a handover).
"""

import datetime
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from django.urls import reverse

from safeguard.cases.models import KeyContact
from safeguard.cases.tasks import custody_of
from safeguard.core.tasks import Due, Task, about

from .models import Handover, HandoverNotice
from .selectors import current_handovers

ACKNOWLEDGE, INFORM = "handover_acknowledge", "handover_inform"
TOLD_KINDS = (KeyContact.Kind.PROBATION, KeyContact.Kind.PRISON_CP_COORDINATOR)


def _moved(handover: Handover) -> str:
    source = f"from {handover.from_holder} ({handover.from_team})" if handover.from_holder_id else "from no case holder"
    return f"Case moved {source} to {handover.to_holder} ({handover.to_team}) on {handover.moved_on:%d/%m/%Y}"


def _acknowledge(handover: Handover, case: Any, due: Due) -> Task:
    others = {handover.from_holder_id} - {None, handover.to_holder_id}
    return Task(
        case,
        "Read and acknowledge the handover",
        due(ACKNOWLEDGE, handover.moved_on, case),
        reverse("transfers:handover", args=[case.pk, handover.pk]),
        ACKNOWLEDGE,
        detail=f"{handover.to_holder} reads the summary handed over and acknowledges it",
        rule="transfers.acknowledge",
        fact=f"{_moved(handover)}; not yet acknowledged",
        subject=about(handover),
        escalated_to=frozenset(user_id for user_id in others if user_id is not None),
    )


def _tell(handover: Handover, case: Any, contact: KeyContact, due: Due, custody: str) -> Task:
    prison = contact.kind == KeyContact.Kind.PRISON_CP_COORDINATOR
    return Task(
        case,
        f"Tell {contact.described} the case has moved to {handover.to_holder}",
        due(INFORM, handover.moved_on, case),
        reverse("transfers:notice", args=[case.pk, handover.pk, contact.pk]),
        INFORM,
        detail=f"{contact.get_kind_display()}: say who holds the case now and how to reach them",
        rule="transfers.inform_prison" if prison else "transfers.inform_probation",
        fact=f"{_moved(handover)}; {contact} is involved{f'; {custody}' if prison else ''}; not yet told",
        subject=about(handover),
    )


def _no_coordinator(handover: Handover, case: Any, due: Due, custody: str) -> Task:
    return Task(
        case,
        f"Tell the prison's child-protection co-ordinator the case has moved to {handover.to_holder}",
        due(INFORM, handover.moved_on, case),
        reverse("cases:key_contact_add", args=[case.pk]),
        INFORM,
        detail="No co-ordinator is recorded: add them as a key contact, then record that you told them",
        rule="transfers.inform_prison",
        fact=f"{_moved(handover)}; {custody}; no prison child-protection co-ordinator on file",
        subject=about(handover),
    )


def transfer_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    handovers = list(
        current_handovers().filter(case_id__in=list(by_id)).select_related("from_holder", "from_team", "to_holder", "to_team")
    )
    if not handovers:
        return []
    found = [_acknowledge(h, by_id[h.case_id], due) for h in handovers if h.acknowledged_at is None]
    case_ids = [h.case_id for h in handovers]
    contacts: dict[int, list[KeyContact]] = defaultdict(list)
    for contact in KeyContact.objects.filter(case_id__in=case_ids, kind__in=TOLD_KINDS, ended_on__isnull=True).order_by(
        "name", "pk"
    ):
        contacts[contact.case_id].append(contact)
    told = set(HandoverNotice.objects.filter(handover__in=handovers).values_list("handover_id", "key_contact_id"))
    custody = custody_of({case_id: by_id[case_id] for case_id in case_ids})
    for handover in handovers:
        case = by_id[handover.case_id]
        in_custody = custody.get(case.pk)
        fact = in_custody.fact if in_custody else ""
        coordinators = 0
        for contact in contacts[case.pk]:
            if contact.kind == KeyContact.Kind.PRISON_CP_COORDINATOR:
                if in_custody is None:
                    continue
                coordinators += 1
            if (handover.pk, contact.pk) not in told:
                found.append(_tell(handover, case, contact, due, fact))
        if in_custody is not None and not coordinators:
            found.append(_no_coordinator(handover, case, due, fact))
    return found
