"""Lawful erasure of a child's personal details (West Mercia Appendix 4: failing to remove them after
de-registration breaches data-protection law). The register decides when; this module does it.

The child's own records are deleted (names, name variants, date of birth, address if nobody else
uses it, school, social-care history), with every record of any app that hangs off the child by a
foreign key (found from the models themselves, so a new app's records are found without telling this
module), and the audit events that describe them. Then the records of the cases the child was linked
to (every case record the apps declare in the registry, found by its path to the case, so the work
grows with those cases and not with the service) and those cases' audit events are scrubbed of every
form of the child's names — full names, name variants and nicknames, and the first name alone, as a
capitalised word — of the date of birth however written (14/02/2019, 14 February 2019, 2019-02-14),
of the child's school, and of the social workers recorded for the child; so no history or free-text note keeps a copy. The
bare surname is scrubbed too when no remaining person shares it. The access log keeps no names (ids
and addresses without query strings), and the admin shows no case data, so neither needs scrubbing.
This is the one path allowed to change or delete audit events.
"""

import datetime
import json
import re
from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Cast

from safeguard.core import registry
from safeguard.core.audit import erasure_window
from safeguard.core.database import flush_erased_after_commit
from safeguard.core.forms import name_key
from safeguard.core.models import AuditEvent

from .models import AdultChildLink, Alias, Child, ChildLink, OtherAdult, ServiceUser

ERASED = "[erased]"


def _identity(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label, str(obj.pk)


def date_forms(day: datetime.date) -> set[str]:
    """The ways people write a date: 2019-02-14, 14/02/2019, 14/2/2019, 14/02/19, 14.02.2019,
    14 February 2019, 14 Feb 2019."""
    return {
        day.isoformat(),
        f"{day:%d/%m/%Y}",
        f"{day.day}/{day.month}/{day.year}",
        f"{day:%d/%m/%y}",
        f"{day:%d.%m.%Y}",
        f"{day.day} {day:%B %Y}",
        f"{day.day} {day:%b %Y}",
        f"{day:%d %B %Y}",
    }


def _needles(child: Child) -> list[str]:
    """What identifies the child, in any case: full names and variants, dates, school, social workers."""
    names = {child.full_name, f"{child.last_name}, {child.first_name}", child.school}
    for variant in child.name_variants.all():
        names |= {variant.full_name, f"{variant.last_name}, {variant.first_name}"}
    for day in (child.date_of_birth, child.expected_date_of_delivery):
        if day:
            names |= date_forms(day)
    for status in child.statuses.all():
        names |= {status.social_worker, status.social_worker_contact}
    return sorted((n for n in names if n and len(n.strip(", ")) > 3), key=len, reverse=True)


def _first_names(child: Child) -> list[str]:
    """The child's first names and nicknames alone, matched only as capitalised words."""
    names = {child.first_name} | {variant.first_name for variant in child.name_variants.all()}
    return sorted((n for n in names if n and len(n) > 1), key=len, reverse=True)


def _cases_of(child: Child) -> list[int]:
    """The cases the child is linked to, through the service user or another adult of the case."""
    direct = ChildLink.objects.filter(child=child).values_list("service_user__cases", flat=True)
    through_adults = AdultChildLink.objects.filter(child=child).values_list(
        "adult__service_user_links__service_user__cases", flat=True
    )
    return sorted({pk for pk in [*direct, *through_adults] if pk is not None})


def _surname_still_used(surname: str) -> bool:
    """Whether anyone left has the surname (by its indexed search key, so it costs a lookup, not a scan)."""
    key = name_key(surname)
    return any(model.objects.filter(last_name_key=key).exists() for model in (ServiceUser, OtherAdult, Child, Alias))


def scrubbed_rows(case_ids: list[int]) -> list[models.QuerySet]:
    """Every row of every case record of these cases (as the apps declare them), and their audit events.
    Staff accounts and reference data (councils, teams, rules) are never rewritten."""
    found = []
    for model in apps.get_models():
        record = registry.case_records().get(model._meta.label)
        if record is not None and model._meta.managed and not model._meta.proxy:
            found.append(model._base_manager.filter(record.belongs_to_any(case_ids)))
    found.append(AuditEvent.objects.filter(case_id__in=case_ids))
    return found


def _pattern(needles: list[str], *, ignore_case: bool) -> re.Pattern | None:
    parts = []
    for needle in sorted(set(needles), key=len, reverse=True):
        escaped = re.escape(needle)
        parts.append(rf"\b{escaped}\b" if needle[:1].isalnum() and needle[-1:].isalnum() else escaped)
    return re.compile("|".join(parts), re.IGNORECASE if ignore_case else 0) if parts else None


def _scrub_value(value: Any, patterns: list[re.Pattern]) -> Any:
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(ERASED, value)
        return value
    if isinstance(value, list):
        return [_scrub_value(v, patterns) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_value(v, patterns) for k, v in value.items()}
    return value


def scrub_cases(case_ids: list[int], needles: list[str], first_names: Sequence[str] = ()) -> int:
    """In the records of these cases and their audit events, replace each needle (a whole word, any
    case) and each first name (a whole word, capitalised as written). Returns the rows changed."""
    needles = [n for n in needles if n and n.strip()]
    first_names = [n for n in first_names if n and n.strip()]
    patterns = [p for p in (_pattern(needles, ignore_case=True), _pattern(first_names, ignore_case=False)) if p]
    if not patterns or not case_ids:
        return 0
    changed = 0
    for scoped in scrubbed_rows(case_ids):
        model = scoped.model
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                lookup = f"{field.name}__icontains"
                rows = scoped
            elif isinstance(field, models.JSONField):
                column = f"_{field.name}_text"
                rows = scoped.annotate(**{column: Cast(field.name, models.TextField())})
                lookup = f"{column}__icontains"
            else:
                continue
            condition = Q()
            for needle in [*needles, *first_names]:
                condition |= Q(**{lookup: needle})
                if isinstance(field, models.JSONField):
                    condition |= Q(**{lookup: json.dumps(needle)[1:-1]})
            for row in rows.filter(condition):
                value = getattr(row, field.name)
                cleaned = _scrub_value(value, patterns)
                if cleaned != value:
                    model._base_manager.filter(pk=row.pk).update(**{field.name: cleaned})
                    changed += 1
    return changed


def _describing_rows(child: Child) -> list[tuple[models.QuerySet, bool]]:
    """Rows of any app that hang off the child by a foreign key, and whether they must be deleted
    before the child (PROTECT) rather than with it (CASCADE). Rows that only point at the child
    (SET_NULL) survive without it; many-to-many rows go with the child."""
    found = []
    for relation in child._meta.related_objects:
        if relation.many_to_many or relation.on_delete not in (models.CASCADE, models.PROTECT):
            continue
        related_model = relation.related_model
        assert not isinstance(related_model, str)  # a reverse relation's model is always resolved, never "self"
        rows = related_model._base_manager.filter(**{relation.field.name: child})
        found.append((rows, relation.on_delete is models.PROTECT))
    return found


def erase_child(child: Child) -> None:
    """Delete the child and everything that describes them; then scrub copies in their cases."""
    needles = _needles(child)
    first_names = _first_names(child)
    case_ids = _cases_of(child)
    surname = child.last_name
    identities = {_identity(child)}
    describing = _describing_rows(child)
    for rows, _ in describing:
        identities |= {_identity(obj) for obj in rows}
    address = child.address
    with erasure_window():
        for rows, before_child in describing:
            if before_child:
                rows.delete()
        child.delete()  # cascades links, statuses, name variants; many-to-many rows go with it
        if address is not None and not (
            address.service_user_uses.exists() or address.children.exists() or address.adults.exists()
        ):
            identities.add(_identity(address))
            needles += [part for part in (str(address), address.line_1) if part]
            address.delete()
        for label, object_id in identities:
            AuditEvent.objects.filter(object_type=label, object_id=object_id).delete()
        if surname and not _surname_still_used(surname):
            needles.append(surname)
        scrub_cases(case_ids, [n for n in needles if n], first_names)
    flush_erased_after_commit()  # SQLite: out of the write-ahead log once the erasure commits
