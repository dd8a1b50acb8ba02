"""The monthly register reports name a registration's children: each report saved or e-mailed while
they were registered is a copy outside the service (core.registry.copies_outside)."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings

from safeguard.core import clock

from .models import Registration


def copies_outside(case: Any, children: Sequence[Any]) -> list[str]:
    ids = [child.pk for child in children]
    first = (
        Registration.objects.filter(case=case, children__in=ids)
        .order_by("registered_on")
        .values_list("registered_on", flat=True)
        .first()
    )
    if first is None:
        return []
    today = clock.today()
    months = f"{first:%B %Y}" if (first.year, first.month) == (today.year, today.month) else f"{first:%B %Y} to {today:%B %Y}"
    sent = settings.SAFEGUARD["REGISTER_REPORT_RECIPIENTS"]
    to = f", e-mailed to {', '.join(sent)}" if sent else ""
    return [f"Monthly register reports for {months}, which list the children (saved copies{to})"]
