"""What the register tells the rest of Safeguard through the registry: which cases are registered
and since when (`Registered`), and its part of the handover summary (`handover_parts`)."""

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db.models import Min, QuerySet

from safeguard.core import clock
from safeguard.core.registry import HandoverPart

from .selectors import active_registrations, with_review_due


class Registered:
    """The register as a `registry.RegisterSource`."""

    def since(self, case_ids: Sequence[int]) -> dict[int, date]:
        """Case id → the day its earliest current registration was made, for the registered cases."""
        return dict(
            active_registrations()
            .filter(case_id__in=list(case_ids))
            .order_by()
            .values("case_id")
            .annotate(since=Min("registered_on"))
            .values_list("case_id", "since")
        )

    def case_ids(self) -> QuerySet[Any]:
        return active_registrations().values("case_id")


def handover_parts(case: Any) -> Iterable[HandoverPart]:
    """Each current registration: its category, since when, the children it names, and when its
    next review is due (sooner than planned when a change of circumstances waits for one)."""
    rows = with_review_due(active_registrations().filter(case=case), clock.today()).prefetch_related("children")
    lines = []
    for registration in rows:
        due: date = registration.review_due  # type: ignore[attr-defined]  # annotated by with_review_due
        children = ", ".join(str(child) for child in registration.children.all()) or "no child named"
        lines.append(
            f"{registration.get_category_display()}, registered {registration.registered_on:%-d %B %Y} "
            f"({children}); next review due {due:%-d %B %Y}"
        )
    yield HandoverPart("Child-protection register", tuple(lines), empty="Not on the register", order=30)
