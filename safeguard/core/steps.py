"""Outstanding steps, stored: each case's steps are worked out from its records (`core.tasks`, every
app's providers) when a record changes, and written to `OutstandingStep` in the same transaction.

Every save or delete of a record kept under a case (`registry.case_records()`, each with its path to
the case) marks its cases; the marked cases' steps are worked out again and the stored rows brought
into line — a new step opened, a changed one updated, one no longer called for closed. Inside
`batch()` (every form a person sends, through `StepsMiddleware`; each tracked write in
`core.services`) the cases are worked out once, at the end of the batch, before its transaction
commits; outside one, at once. So no step is ever stale against the records, and what reads steps
(the case page, My work, dashboards, reminders) reads rows by indexes.

Besides records under a case, three things change steps: a timescale (`DeadlineRule`: every case is
worked out again), a person (their grade decides which cases they may hold: their cases) and a team
(its manager and area: its cases). Writes that bypass `save()` (`QuerySet.update`, `bulk_create`)
must call `touch(case_ids)`. `manage.py verify_steps` works every case out again and reports any
difference from the stored rows, and repairs them with `--repair`; the test suite checks after every
test that there is none.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.signals import setting_changed
from django.db import DatabaseError, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from . import clock, registry
from .models import DeadlineRule, OutstandingStep, StepsVersion
from .tasks import Task, compute_tasks

# What a stored row holds of a step, besides its case and key: compared field by field.
FIELDS = (
    "kind",
    "rule",
    "fact",
    "title",
    "detail",
    "url",
    "subject_type",
    "subject_id",
    "holder_id",
    "team_id",
    "area_id",
    "nation",
    "due_on",
    "escalate_on",
    "shows_from",
    "shows_until",
    "waiting",
    "needs_manager",
    "chases",
    "escalated_to",
)


STORED = OutstandingStep._meta.label


# The stored steps are kept under their case (`registry.CaseRecord`): found through the case's access
# check, and scrubbed of an erased child's details with the rest of its records.
CASE_RECORDS = [registry.CaseRecord(STORED, standard_permissions=False)]


def key(task: Task) -> str:
    """What identifies a step from one refresh to the next: its rule, kind, record and words."""
    subject = f"{task.subject[0]}:{task.subject[1]}" if task.subject else ""
    raw = "|".join([task.rule, task.kind, subject, task.title])
    return hashlib.sha256(raw.encode()).hexdigest()


def values(task: Task) -> dict[str, Any]:
    """The stored row's fields for `task`."""
    case = task.case
    return {
        "kind": task.kind,
        "rule": task.rule,
        "fact": task.fact,
        "title": task.title[:300],
        "detail": task.detail or "",
        "url": task.url,
        "subject_type": task.subject[0] if task.subject else "",
        "subject_id": task.subject[1] if task.subject else None,
        "holder_id": case.case_holder_id,
        "team_id": case.team_id,
        "area_id": case.team.area_id,
        "nation": case.nation,
        "due_on": task.due_on,
        "escalate_on": task.escalate_on,
        "shows_from": task.shows_from or OutstandingStep.EVER,
        "shows_until": task.shows_until or OutstandingStep.NEVER,
        "waiting": task.waiting,
        "needs_manager": task.needs_manager,
        "chases": task.chases,
        "escalated_to": sorted(task.escalated_to),
    }


def _keyed(tasks: Iterable[Task]) -> dict[str, dict[str, Any]]:
    """Key → stored values, for one case's steps (two steps alike in every word get numbered keys)."""
    found: dict[str, dict[str, Any]] = {}
    for task in tasks:
        base = key(task)
        name, n = base, 1
        while name in found:
            n += 1
            name = f"{base[:58]}-{n}"
        found[name] = values(task)
    return found


@dataclass(frozen=True)
class Difference:
    """A step the records call for that is not stored as they say, or a stored one they do not."""

    case_id: int
    title: str
    what: str  # "missing", "not called for", or "differs in due_on, title"

    def __str__(self) -> str:
        return f"case {self.case_id}: {self.title!r} {self.what}"


def _cases(case_ids: Iterable[int]) -> list[Any]:
    case_model = apps.get_model("cases", "Case")
    return list(case_model.objects.filter(pk__in=list(case_ids)).select_related("service_user", "team__area"))


def _compare(case_ids: Sequence[int]) -> tuple[dict[int, dict[str, dict[str, Any]]], dict[int, dict[str, OutstandingStep]]]:
    computed: dict[int, dict[str, dict[str, Any]]] = {case_id: {} for case_id in case_ids} | {
        case_id: _keyed(tasks) for case_id, tasks in compute_tasks(_cases(case_ids)).items()
    }
    stored: dict[int, dict[str, OutstandingStep]] = {case_id: {} for case_id in case_ids}
    for row in OutstandingStep.objects.filter(case_id__in=list(case_ids), closed_at__isnull=True):
        stored.setdefault(row.case_id, {})[row.key] = row
    return computed, stored


def _changed(row: OutstandingStep, wanted: dict[str, Any]) -> list[str]:
    return [name for name in FIELDS if getattr(row, name) != wanted[name]]


def _reconcile(case_ids: Iterable[int], *, repair: bool) -> list[Difference]:
    """How the stored steps of these cases differ from what their records call for; with `repair`,
    the stored rows are brought into line (in one transaction): a new step opened, a changed one
    updated, one no longer called for closed."""
    ids = sorted({case_id for case_id in case_ids if case_id is not None})
    found: list[Difference] = []
    if not ids:
        return found
    now = clock.now()
    with transaction.atomic():
        computed, stored = _compare(ids)
        new: list[OutstandingStep] = []
        closing: list[int] = []
        for case_id in ids:
            wanted, rows = computed.get(case_id, {}), stored.get(case_id, {})
            for name, fields in wanted.items():
                row = rows.get(name)
                if row is None:
                    found.append(Difference(case_id, fields["title"], "missing"))
                    new.append(OutstandingStep(case_id=case_id, key=name, opened_at=now, **fields))
                elif changed := _changed(row, fields):
                    found.append(Difference(case_id, fields["title"], "differs in " + ", ".join(changed)))
                    if repair:
                        for field in changed:
                            setattr(row, field, fields[field])
                        row.save(update_fields=changed)
            gone = [row for name, row in rows.items() if name not in wanted]
            found += [Difference(case_id, row.title, "not called for") for row in gone]
            closing += [row.pk for row in gone]
        if repair:
            if closing:
                OutstandingStep.objects.filter(pk__in=closing).update(closed_at=now)
            OutstandingStep.objects.bulk_create(new)
            if found:
                moved = {d.case_id for d in found}
                teams = {row.team_id for case_id in moved for row in stored.get(case_id, {}).values()}
                teams |= {fields["team_id"] for case_id in moved for fields in computed.get(case_id, {}).values()}
                bump(teams)
    return found


def bump(team_ids: Iterable[int]) -> None:
    """One more change to these teams' stored steps (`StepsVersion`)."""
    ids = sorted(set(team_ids))
    if not ids:
        return
    StepsVersion.objects.bulk_create([StepsVersion(team_id=team_id) for team_id in ids], ignore_conflicts=True)
    StepsVersion.objects.filter(team_id__in=ids).update(version=F("version") + 1)


def versions(team_ids: Iterable[int]) -> dict[int, int]:
    """Each team's count of changes to its stored steps (0 when none yet)."""
    ids = list(team_ids)
    found = dict(StepsVersion.objects.filter(team_id__in=ids).values_list("team_id", "version"))
    return {team_id: found.get(team_id, 0) for team_id in ids}


def differences(case_ids: Iterable[int]) -> list[Difference]:
    """How the stored steps of these cases differ from what their records call for."""
    return _reconcile(case_ids, repair=False)


def refresh(case_ids: Iterable[int]) -> int:
    """Bring the stored steps of these cases into line with their records; how many rows changed."""
    return len(_reconcile(case_ids, repair=True))


def every_case_id(chunk: int = 500) -> Iterator[list[int]]:
    """Every case's id, `chunk` at a time, in order."""
    case_model = apps.get_model("cases", "Case")
    last = 0
    while ids := list(case_model.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk]):
        yield ids
        last = ids[-1]


def verify(*, repair: bool = False, chunk: int = 500) -> list[Difference]:
    """Every difference between the stored steps and what the records call for, over every case (and
    steps stored for no case); with `repair`, each chunk of cases is brought into line."""
    found: list[Difference] = []
    for ids in every_case_id(chunk):
        found += _reconcile(ids, repair=repair)
    return found


# Marking cases as their records change --------------------------------------------------------------

_local = threading.local()


def _pending() -> set[int] | None:
    return getattr(_local, "pending", None)


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Work the steps of the cases changed inside out once, at the end, in the same transaction."""
    if _pending() is not None:  # inside another batch: that one works them out
        yield
        return
    _local.pending = set()
    try:
        with transaction.atomic():
            yield
            while _local.pending:
                ids, _local.pending = _local.pending, set()
                refresh(ids)
    finally:
        _local.pending = None


def touch(case_ids: Iterable[int | None]) -> None:
    """These cases' records changed: work their steps out (at the end of the batch, inside one)."""
    ids = {case_id for case_id in case_ids if case_id is not None}
    if not ids:
        return
    pending = _pending()
    if pending is None:
        refresh(ids)
    else:
        pending.update(ids)


def case_ids_of(instance: models.Model) -> list[int]:
    """The cases a record kept under a case belongs to (none when it is not such a record)."""
    record = registry.case_records().get(instance._meta.label)
    if record is None or instance.pk is None:
        return []
    ids: list[int] = []
    for path in (record.path,) if isinstance(record.path, str) else record.path:
        if path == "pk":
            ids.append(instance.pk)
        elif path == "case":
            ids.append(instance.case_id)  # type: ignore[attr-defined]
        else:
            ids += type(instance)._base_manager.filter(pk=instance.pk).values_list(path, flat=True)
    return [case_id for case_id in ids if case_id is not None]


def _saved(sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures loaded as they are
        touch(case_ids_of(instance))


def _deleting(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    instance._step_cases = case_ids_of(instance)  # type: ignore[attr-defined]  # before the row goes


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    touch(getattr(instance, "_step_cases", ()))


def _related_changed(sender: type[models.Model], instance: models.Model, action: str, **kwargs: Any) -> None:
    if action.startswith("post_"):
        touch(case_ids_of(instance))


def watch(records: Iterable[registry.CaseRecord]) -> None:
    """Follow the saves and deletes of these records (`registry.declare` calls it for each app)."""
    for record in records:
        if record.model == STORED:
            continue
        model = apps.get_model(record.model)
        uid = f"steps:{record.model}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid, weak=False)
        pre_delete.connect(_deleting, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid, weak=False)
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _related_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}:{field.name}", weak=False
            )


def _timescale_changed(sender: type[models.Model], instance: DeadlineRule, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    for ids in every_case_id():  # every case's due dates may move (timescales change rarely)
        touch(ids)


post_save.connect(_timescale_changed, sender=DeadlineRule, dispatch_uid="steps:timescale", weak=False)


def touch_cases(**condition: Any) -> None:
    """Mark the cases matching `condition` (`case_holder__in=[...]`, `team=team`)."""
    case_model = apps.get_model("cases", "Case")
    touch(case_model.objects.filter(**condition).values_list("pk", flat=True))


def _team_saved(sender: type[models.Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.pk:  # its area (and the area's nation) is on every step of its cases
        touch_cases(team=instance)


def _area_saved(sender: type[models.Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw and instance.pk:
        touch_cases(team__area=instance)


def _roles_changed(sender: type[models.Model], instance: Any, action: str, reverse: bool, pk_set: Any, **kwargs: Any) -> None:
    """A person's roles decide which cases they may hold (`cases.allocation_rules`): their cases."""
    if action.startswith("post_"):
        holders = list(pk_set or ()) if reverse else [instance.pk]
        if reverse and action == "post_clear":
            return
        touch_cases(case_holder__in=holders)


def watch_people() -> None:
    """Follow the changes to people, teams and areas that change steps (`CoreConfig.ready`)."""
    from django.contrib.auth import get_user_model

    user = get_user_model()
    post_save.connect(_team_saved, sender=apps.get_model("accounts", "Team"), dispatch_uid="steps:team", weak=False)
    post_save.connect(_area_saved, sender=apps.get_model("accounts", "Area"), dispatch_uid="steps:area", weak=False)
    m2m_changed.connect(_roles_changed, sender=user.groups.through, dispatch_uid="steps:roles", weak=False)


@receiver(setting_changed)
def _apps_changed(*, setting: str, **kwargs: Any) -> None:
    """Another set of apps gives other steps (tests install an example app): work every case out
    again. A deployment that adds or removes an app runs `verify_steps --repair` instead."""
    if setting == "INSTALLED_APPS" and apps.ready:
        with contextlib.suppress(DatabaseError, RuntimeError):  # no database in use: nothing stored to repair
            verify(repair=True)


class StepsMiddleware:
    """Each form a person sends is one batch: its writes and their steps commit together."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return self.get_response(request)
        with batch():
            return self.get_response(request)
