"""Warning flags from every app that declares a flag source, for many cases or children at once."""

from collections.abc import Iterable, Sequence
from typing import Any

from . import registry


def attach_to_cases(cases: Sequence[Any]) -> None:
    """Set `case.flags` (a list of `registry.Flag`) on each case: one query per flag source."""
    found: dict[int, list[registry.Flag]] = {case.pk: [] for case in cases}
    if found:
        for source in registry.flag_sources():
            for case_id, flags in source.for_cases(cases).items():
                found[case_id].extend(flags)
    for case in cases:
        case.flags = found[case.pk]


def for_children(child_ids: Iterable[int]) -> dict[int, list[registry.Flag]]:
    """Child id → flags, for the children given (one query per flag source)."""
    ids = list(child_ids)
    found: dict[int, list[registry.Flag]] = {}
    if ids:
        for source in registry.flag_sources():
            for child_id, flags in source.for_children(ids).items():
                found.setdefault(child_id, []).extend(flags)
    return found
