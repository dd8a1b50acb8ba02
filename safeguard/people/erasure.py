"""Lawful erasure of a child's personal details (West Mercia Appendix 4: failing to remove them after
de-registration breaches data-protection law). The register decides when; this module does it.

The child's own records are deleted (names, name variants, date of birth, address if nobody else
uses it, school, social-care history), with every record of any app that hangs off the child by a
foreign key (found from the models themselves, so a new app's records are found without telling this
module), and the audit events that describe them; then every text column of every case record (as
the apps declare them in the registry) and of the logs is scrubbed of the child's names and date of
birth, so no history, log or free-text note keeps a copy. The bare surname is scrubbed too when no
remaining person shares it. This is the one path allowed to change or delete audit events.
"""

import json
import re
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models.functions import Cast

from safeguard.core import registry
from safeguard.core.audit import erasure_window
from safeguard.core.models import AuditEvent

from .models import Alias, Child, OtherAdult, ServiceUser

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
    return any(model.objects.filter(**key_filter).exists() for model in (ServiceUser, OtherAdult, Child, Alias))


# Logs that can hold copies of a child's details, besides the case records every app declares. Staff
# accounts and reference data (councils, teams, rules) are never rewritten.
LOGS = ("core.AuditEvent", "core.AccessLog", "admin.LogEntry")


def scrubbed_models() -> list[type[models.Model]]:
    labels = set(registry.case_records()) | set(LOGS)
    return [model for model in apps.get_models() if model._meta.label in labels]


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
    for model in scrubbed_models():
        meta = model._meta
        if not meta.managed or meta.proxy:
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
    """Delete the child and everything that describes them; then scrub copies elsewhere."""
    needles = _needles(child)
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
        scrub_everywhere([n for n in needles if n])
