"""What the example capability works out from records already on file: a step and two flags."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.urls import reverse

from safeguard.core.registry import Flag
from safeguard.core.tasks import Due, Task
from safeguard.people.models import Child


def visit_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    """Every open case with children: plan a home visit within a week of the case opening."""
    with_children = set(
        Child.objects.filter(service_user_links__service_user__cases__in=list(by_id)).values_list(
            "service_user_links__service_user__cases", flat=True
        )
    )
    return [
        Task(
            case,
            "Plan a home visit (example)",
            case.opened_on + datetime.timedelta(days=7),
            reverse("example_capability:visits", args=[case.pk]),
            "example_visit",
            rule="example_capability.home_visit",
            fact="A child is linked to the service user",
        )
        for case_id, case in by_id.items()
        if case_id in with_children
    ]


class WhereaboutsFlags:
    """A flag on a service user whose whereabouts are unknown, and one on every unborn child."""

    def for_cases(self, cases: Sequence[Any]) -> Mapping[int, list[Flag]]:
        return {
            case.pk: [Flag("Whereabouts unknown (example)", "Contact has been lost.", "red", case.whereabouts_unknown_since)]
            for case in cases
            if case.whereabouts_unknown_since
        }

    def for_children(self, child_ids: Iterable[int]) -> Mapping[int, list[Flag]]:
        unborn = Child.objects.filter(pk__in=list(child_ids), date_of_birth__isnull=True, expected_date_of_delivery__isnull=False)
        return {
            child_id: [Flag("Unborn (example)", "Not yet born.", "purple")] for child_id in unborn.values_list("pk", flat=True)
        }
