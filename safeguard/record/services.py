"""Every write to the case record: a contact entry, an amendment (a new version with its reason), a
manager's decision, and the log of a disclosure to the service user. Nothing here changes or
deletes what was written."""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.accounts.models import User
from safeguard.cases.models import Case, KeyContact
from safeguard.core import clock
from safeguard.core.services import create_tracked
from safeguard.core.validation import required_text
from safeguard.people.models import Child, OtherAdult
from safeguard.people.selectors import all_on_case

from .disclosure import bundle
from .models import ContactEntry, Disclosure, ManagerDecision

# What an amendment may change: everything said about the contact.
ENTRY_FIELDS = ContactEntry.SAID


def _people_on_case(case: Case, *, child: Child | None, adult: OtherAdult | None, children: Iterable[Child]) -> list[Child]:
    named = list(children or [])
    if not all_on_case(case, children=[*named, *([child] if child else [])]):
        raise ValidationError({"children": "Only children linked to this case can be named"})
    if adult is not None and not all_on_case(case, adults=[adult]):
        raise ValidationError({"adult": "Only adults linked to this case can be chosen"})
    return named


def _keep_only_whom(values: dict[str, Any]) -> dict[str, Any]:
    """Clear the answers that do not go with who the contact was with (a revealed question answered,
    then another option chosen)."""
    whom = values.get("with_whom")
    kept = {
        "key_contact": whom == ContactEntry.With.KEY_CONTACT,
        "child": whom == ContactEntry.With.CHILD,
        "adult": whom == ContactEntry.With.ADULT,
        "with_other": whom == ContactEntry.With.OTHER,
    }
    for name, keep in kept.items():
        if not keep:
            values[name] = "" if name == "with_other" else None
    return values


def _check(case: Case, values: dict[str, Any]) -> dict[str, Any]:
    values = _keep_only_whom(values)
    key_contact: KeyContact | None = values.get("key_contact")
    if key_contact is not None and key_contact.case_id != case.pk:
        raise ValidationError({"key_contact": "Choose one of this case's key contacts"})
    values["children"] = _people_on_case(
        case, child=values.get("child"), adult=values.get("adult"), children=values.get("children", ())
    )
    child: Child | None = values.get("child")
    if child is not None and child not in values["children"]:
        values["children"].append(child)  # the child it was with is a child it mentions
    required_text(values.get("text"), "text", "Enter what happened")
    return values


@transaction.atomic
def entry_add(*, actor: User, case: Case, **values: Any) -> ContactEntry:
    """Write a new entry in the contact log."""
    values = _check(case, values)
    return create_tracked(ContactEntry, actor=actor, action="contact_entry.add", case=case, **values)


@transaction.atomic
def entry_amend(*, actor: User, case: Case, entry: ContactEntry, reason: str, **values: Any) -> ContactEntry:
    """Amend an entry: a new version with the reason; the version it replaces stays, no longer current.
    Refused when someone else amended it first (the version shown is no longer the current one)."""
    required_text(reason, "reason", "Enter the reason for the amendment")
    latest = ContactEntry.objects.select_for_update().filter(pk=entry.pk, current=True).first()
    if latest is None:
        raise ValidationError("This entry has been amended since you opened it: go back to the entry to see its latest version")
    values = _check(
        case,
        {name: values.get(name, getattr(entry, name)) for name in ENTRY_FIELDS}
        | {"children": values.get("children", entry.children.all())},
    )
    if all(values[name] == getattr(entry, name) for name in ENTRY_FIELDS) and set(values["children"]) == set(
        entry.children.all()
    ):
        raise ValidationError("Nothing has changed: change what the entry says, or go back")
    version = create_tracked(
        ContactEntry,
        actor=actor,
        action="contact_entry.amend",
        case=case,
        entry_id=entry.first_id,
        number=entry.number + 1,
        reason=reason.strip(),
        **values,
    )
    ContactEntry.objects.filter(pk=entry.pk).update(current=False)
    return version


@transaction.atomic
def decision_record(*, actor: User, case: Case, decided_on: datetime.date | None, **values: Any) -> ManagerDecision:
    """Record a manager's discussion of the case in supervision, or a safeguarding decision."""
    if decided_on is None:
        raise ValidationError({"decided_on": "Enter the date"})
    required_text(values.get("decision"), "decision", "Enter the decision")
    values["children"] = _people_on_case(case, child=None, adult=None, children=values.get("children", ()))
    values.setdefault("officer", case.case_holder)
    return create_tracked(
        ManagerDecision, actor=actor, action="manager_decision.add", case=case, decided_on=decided_on, manager=actor, **values
    )


@transaction.atomic
def supervision_record(
    *,
    actor: User,
    officer: User,
    decided_on: datetime.date | None,
    discussed: Sequence[tuple[Case, Mapping[str, Any]]],
) -> list[ManagerDecision]:
    """A supervision of one officer covering several of their cases (West Mercia 5.6): one discussion
    in supervision recorded on each case discussed, all of them or, on any error, none."""
    if not discussed:
        raise ValidationError("Tick at least one case you discussed")
    saved: list[ManagerDecision] = []
    for case, values in discussed:
        if case.case_holder_id != officer.pk or case.status != Case.Status.OPEN:
            raise ValidationError(f"{case} is not one of {officer}'s open cases: nothing was saved")
        try:
            saved.append(
                decision_record(
                    actor=actor,
                    case=case,
                    decided_on=decided_on,
                    officer=officer,
                    **{**values, "kind": ManagerDecision.Kind.SUPERVISION},
                )
            )
        except ValidationError as error:
            raise ValidationError([f"{case}: {message}" for message in error.messages]) from error
    return saved


@transaction.atomic
def disclosure_log(
    *,
    actor: User,
    case: Case,
    requested_by: str,
    requested_on: datetime.date | None,
    format: str,
    disclosed: int,
    withheld: Mapping[str, int],
    produced_at: datetime.datetime | None = None,
) -> Disclosure:
    """Log a disclosure bundle produced for the service user: who produced it, when (the moment the
    record was read, now unless given), for whom, and what was withheld."""
    required_text(requested_by, "requested_by", "Enter who asked for their file")
    if requested_on is None:
        raise ValidationError({"requested_on": "Enter the date of the request"})
    if requested_on > clock.today():
        raise ValidationError({"requested_on": "The date of the request must be today or in the past"})
    return create_tracked(
        Disclosure,
        actor=actor,
        action="disclosure.produce",
        case=case,
        requested_by=requested_by.strip(),
        requested_on=requested_on,
        produced_at=produced_at or clock.now(),
        produced_by=actor,
        format=format,
        disclosed=disclosed,
        withheld=dict(withheld),
    )


@transaction.atomic
def disclosure_produce(
    *, actor: User, case: Case, requested_by: str, requested_on: datetime.date | None, format: str
) -> Disclosure:
    """Produce the disclosure bundle of the case for the service user (`disclosure.bundle`, the same
    whoever produces it) and log it with what it disclosed and withheld. The log's `produced_at` is the
    moment the record was read, so the logged bundle can be produced again as it was given."""
    made = bundle(case, clock.now())
    return disclosure_log(
        actor=actor,
        case=case,
        requested_by=requested_by,
        requested_on=requested_on,
        format=format,
        disclosed=made.disclosed,
        withheld=made.withheld.as_log(),
        produced_at=made.at,
    )
