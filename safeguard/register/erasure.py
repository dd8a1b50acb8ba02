"""Lawful erasure of a child's personal details (West Mercia Appendix 4: failing to remove them after
de-registration breaches data-protection law).

The child's own records are deleted (names, name variants, date of birth, address if nobody else
uses it, school, social-care history, answers naming a social worker), with the audit events that
describe them; then every text column of every table is scrubbed of the child's names and date of
birth, so no history, log or free-text note keeps a copy. The bare surname is scrubbed too when no
remaining person shares it.
"""

import json
import re
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from safeguard.core.models import AuditEvent
from safeguard.people.models import Child, ChildLink, OtherAdult, ServiceUser

ERASED = "[erased]"


def _identity(obj: models.Model) -> tuple[str, str]:
    return obj._meta.label, str(obj.pk)


def _needles(child: Child) -> list[str]:
    names = {child.full_name, f"{child.last_name}, {child.first_name}"}
    for variant in child.name_variants.all():
        names |= {variant.full_name, f"{variant.last_name}, {variant.first_name}"}
    dates = [d for d in (child.date_of_birth, child.expected_date_of_delivery) if d]
    for d in dates:
        names |= {d.isoformat(), f"{d:%d/%m/%Y}"}
    return sorted((n for n in names if n and len(n.strip(", ")) > 3), key=len, reverse=True)


def _surname_still_used(surname: str) -> bool:
    key_filter = {"last_name__iexact": surname}
    return (
        any(model.objects.filter(**key_filter).exists() for model in (ServiceUser, OtherAdult, Child))
        or apps.get_model("people", "Alias").objects.filter(**key_filter).exists()
    )


# Tables that can hold copies of a child's details: case records and logs. Staff accounts and
# reference data (councils, teams, rules) are never rewritten.
SCRUBBED_APPS = {"core", "people", "cases", "checks", "referrals", "register", "admin"}
NOT_SCRUBBED = {"core.DeadlineRule"}


def _pattern(needles: list[str]) -> re.Pattern:
    parts = []
    for needle in sorted(set(needles), key=len, reverse=True):
        escaped = re.escape(needle)
        parts.append(rf"\b{escaped}\b" if needle[:1].isalnum() and needle[-1:].isalnum() else escaped)
    return re.compile("|".join(parts), re.IGNORECASE)


def _scrub_value(value: Any, pattern: re.Pattern) -> Any:
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [_scrub_value(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_value(v, pattern) for k, v in value.items()}
    return value


def scrub_everywhere(needles: list[str]) -> int:
    """Replace each needle (as a whole word, any case) in every text and JSON column of the case
    records and logs. Returns the number of rows changed."""
    needles = [n for n in needles if n and n.strip()]
    if not needles:
        return 0
    pattern = _pattern(needles)
    changed = 0
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in SCRUBBED_APPS or meta.label in NOT_SCRUBBED or not meta.managed or meta.proxy:
            continue
        for field in meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and not field.choices:
                lookup, column = f"{field.name}__icontains", field.name
                rows = model._base_manager.all()
            elif isinstance(field, models.JSONField):
                column = f"_{field.name}_text"
                rows = model._base_manager.annotate(**{column: Cast(field.name, models.TextField())})
                lookup = f"{column}__icontains"
            else:
                continue
            matches = model._base_manager.none()
            for needle in needles:
                matches = matches | rows.filter(**{lookup: needle})
                if isinstance(field, models.JSONField):
                    matches = matches | rows.filter(**{lookup: json.dumps(needle)[1:-1]})
            for row in matches.distinct():
                value = getattr(row, field.name)
                cleaned = _scrub_value(value, pattern)
                if cleaned != value:
                    model._base_manager.filter(pk=row.pk).update(**{field.name: cleaned})
                    changed += 1
    return changed


def erase_child(child: Child) -> None:
    """Delete the child and everything that describes them; then scrub copies elsewhere."""
    needles = _needles(child)
    surname = child.last_name
    identities = {_identity(child)}
    for related in (
        child.service_user_links.all(),
        child.statuses.all(),
        child.name_variants.all(),
        child.adult_links.all(),
        child.request_links.all(),
    ):
        identities |= {_identity(obj) for obj in related}
    address = child.address
    child.request_links.all().delete()
    child.delete()  # cascades links, statuses, name variants; many-to-many rows go with it
    if address is not None and not (address.service_user_uses.exists() or address.children.exists() or address.adults.exists()):
        identities.add(_identity(address))
        needles += [part for part in (str(address), address.line_1) if part]
        address.delete()
    for label, object_id in identities:
        AuditEvent.objects.filter(object_type=label, object_id=object_id).delete()
    if surname and not _surname_still_used(surname):
        needles.append(surname)
    scrub_everywhere([n for n in needles if n])


def children_to_keep(children, *, case, registration) -> set[int]:
    """Children linked to another open case, another active registration, or a case under legal hold."""
    from safeguard.cases.models import Case

    from .models import LegalHold, Registration

    ids = [c.pk for c in children]
    other_cases = Case.objects.filter(status=Case.Status.OPEN).exclude(pk=case.pk)
    keep = set(ChildLink.objects.filter(child_id__in=ids, service_user__cases__in=other_cases).values_list("child_id", flat=True))
    keep |= set(
        Registration.objects.filter(ended_on__isnull=True, children__in=ids)
        .exclude(pk=registration.pk)
        .values_list("children", flat=True)
    )
    held_cases = LegalHold.objects.filter(lifted_on__isnull=True).values("case_id")
    keep |= set(ChildLink.objects.filter(child_id__in=ids, service_user__cases__in=held_cases).values_list("child_id", flat=True))
    return keep & set(ids)
