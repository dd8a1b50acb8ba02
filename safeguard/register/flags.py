"""Warning flags derived from registrations (never typed): on the service user wherever their case
appears, and "child at risk" on each child named in a registration (West Mercia Appendix 4)."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from safeguard.core.registry import Flag

from .models import CHILD_FLAG, SERVICE_USER_FLAGS, Category, Registration


def registration_flag(registration: Registration) -> Flag:
    label, meaning = SERVICE_USER_FLAGS[Category(registration.category)]
    colour = "orange" if registration.category == Category.LINKED_CHILD else "red"
    return Flag(label, meaning, colour, since=registration.registered_on)


class RegistrationFlags:
    """The register's flag source (declared in the registry)."""

    def for_cases(self, cases: Sequence[Any]) -> Mapping[int, list[Flag]]:
        found: dict[int, list[Flag]] = {}
        seen: set[tuple[int, str]] = set()
        active = Registration.objects.filter(case_id__in=[case.pk for case in cases], ended_on__isnull=True)
        for registration in active.order_by("-registered_on", "-id"):
            if (registration.case_id, registration.category) not in seen:
                seen.add((registration.case_id, registration.category))
                found.setdefault(registration.case_id, []).append(registration_flag(registration))
        return found

    def for_children(self, child_ids: Iterable[int]) -> Mapping[int, list[Flag]]:
        through = Registration.children.through.objects.filter(child_id__in=list(child_ids), registration__ended_on__isnull=True)
        since: dict[int, Any] = {}
        for child_id, registered_on in through.values_list("child_id", "registration__registered_on"):
            since[child_id] = min(registered_on, since.get(child_id, registered_on))
        label, meaning = CHILD_FLAG
        return {child_id: [Flag(label, meaning, "red", since=day)] for child_id, day in since.items()}
