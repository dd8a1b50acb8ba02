"""What checks sent outside the service about a case's children: requests for information and
notifications, each sent to a council. Listed when the children's details are erased, as copies
to delete there (core.registry.copies_outside)."""

from collections.abc import Sequence
from typing import Any

from .models import Notification, RequestForInformation


def copies_outside(case: Any, children: Sequence[Any]) -> list[str]:
    ids = [child.pk for child in children]
    if not ids:
        return []
    requests = RequestForInformation.objects.filter(case=case, request_children__child_id__in=ids, sent_on__isnull=False)
    notifications = Notification.objects.filter(case=case, children__in=ids, sent_on__isnull=False)
    return [
        f"{label} sent to {record.local_authority} on {record.sent_on:%-d %B %Y} "
        f"({record.get_channel_display().lower()}{', ' + record.recipient if record.recipient else ''})"
        for label, records in (("Request for information", requests), ("Notification", notifications))
        for record in records.select_related("local_authority").distinct().order_by("sent_on", "pk")
    ]
