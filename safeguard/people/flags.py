"""The warning flag on a child whose whereabouts are unknown (a flag source declared in the registry)."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from safeguard.core.registry import Flag

from .models import ChildWhereabouts

MISSING = ("Missing", "This child's whereabouts are unknown: children's social care and the police must be told")


class WhereaboutsFlags:
    """Flags a child while a whereabouts period is open; the service user's own flags are other apps'."""

    def for_cases(self, cases: Sequence[Any]) -> Mapping[int, list[Flag]]:
        return {}

    def for_children(self, child_ids: Iterable[int]) -> Mapping[int, list[Flag]]:
        label, meaning = MISSING
        open_periods = ChildWhereabouts.objects.filter(child_id__in=list(child_ids), found_on__isnull=True)
        return {
            child_id: [Flag(label, meaning, "red", since=since)]
            for child_id, since in open_periods.values_list("child_id", "missing_since")
        }
