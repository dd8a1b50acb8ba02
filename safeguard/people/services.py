"""Every write to people and their links. Keyword-only, validated, audited, one transaction each."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from safeguard.core import clock
from safeguard.core.services import create_tracked, delete_tracked, update_tracked

from .models import (
    ON_A_PLAN,
    Address,
    AdultChildLink,
    AdultLink,
    Alias,
    Child,
    ChildLink,
    ChildNameVariant,
    ChildWhereabouts,
    Contact,
    CSCStatus,
    OtherAdult,
    ServiceUser,
    ServiceUserAddress,
    SocialCareStatus,
    which_address_message,
)
from .selectors import already_on_case
from .signals import announce


@transaction.atomic
def service_user_create(*, actor: Any, **values: Any) -> ServiceUser:
    return create_tracked(ServiceUser, actor=actor, action="service_user.create", **values, **_marked(None, values))


# Each marker, and the field that says when it was set.
MARKERS = {"domestic_abuse": "domestic_abuse_marked_on", "risk_to_unspecified_children": "risk_to_children_marked_on"}


def _marked(before: ServiceUser | None, values: dict[str, Any]) -> dict[str, Any]:
    """The day each marker is set now (today), or cleared; nothing for a marker left as it was."""
    dates: dict[str, Any] = {}
    for marker, marked_on in MARKERS.items():
        if marker not in values:
            continue
        was = bool(getattr(before, marker, False))
        if values[marker] and not was:
            dates[marked_on] = clock.today()
        elif not values[marker] and was:
            dates[marked_on] = None
    return dates


@transaction.atomic
def service_user_update(*, actor: Any, case: Any, service_user: ServiceUser, **values: Any) -> ServiceUser:
    stored = ServiceUser.objects.filter(pk=service_user.pk).first()
    before = stored.rosh_level if stored is not None else None
    values |= _marked(stored, values)
    updated = update_tracked(service_user, actor=actor, action="service_user.update", case=case, **values)
    if case is not None and before is not None and updated.rosh_level != before:
        announce(
            "rosh_change",
            case=case,
            actor=actor,
            description=f"Risk of serious harm now {updated.get_rosh_level_display().lower()}",
        )
    return updated


@transaction.atomic
def alias_add(*, actor: Any, case: Any, service_user: ServiceUser, **values: Any) -> Alias:
    return create_tracked(Alias, actor=actor, action="alias.add", case=case, service_user=service_user, **values)


@transaction.atomic
def address_create(*, actor: Any, case: Any, **values: Any) -> Address:
    return create_tracked(Address, actor=actor, action="address.create", case=case, **values)


@transaction.atomic
def service_user_address_add(
    *,
    actor: Any,
    case: Any,
    service_user: ServiceUser,
    address: dict | Address,
    address_type: str,
    start_date: datetime.date | None = None,
) -> ServiceUserAddress:
    had_address = service_user.addresses.exists()
    if isinstance(address, dict):
        address = address_create(actor=actor, case=case, **address)
    if had_address and case is not None:
        announce(
            "change_of_address",
            case=case,
            actor=actor,
            description=f"New address: {address}",
            occurred_on=start_date,
        )
    return create_tracked(
        ServiceUserAddress,
        actor=actor,
        action="service_user_address.add",
        case=case,
        service_user=service_user,
        address=address,
        address_type=address_type,
        start_date=start_date,
    )


@transaction.atomic
def service_user_address_end(*, actor: Any, case: Any, use: ServiceUserAddress, end_date: datetime.date) -> ServiceUserAddress:
    return update_tracked(use, actor=actor, action="service_user_address.end", case=case, end_date=end_date)


def _resolve_address(
    *,
    actor: Any,
    case: Any,
    where: str,
    address: dict | None,
    service_user: ServiceUser,
    chosen: Address | int | None = None,
    who: str = "the child",
) -> Address | None:
    """'service_user' = the service user's current address (`chosen`, which must be one of them when
    they have several: never guessed); 'new' = the given one; '' = not known."""
    if where == "new":
        if not address:
            raise ValidationError({"line_1": "Enter the address"})
        return address_create(actor=actor, case=case, **address)
    if where == "service_user":
        current = [use.address for use in service_user.addresses.filter(end_date__isnull=True).select_related("address")]
        if not current:
            raise ValidationError({"where": "The service user has no current address: enter the address"})
        if chosen is None:
            if len(current) > 1:
                raise ValidationError({"service_user_address": which_address_message(service_user, who)})
            return current[0]
        chosen_id = chosen.pk if isinstance(chosen, Address) else chosen
        match = next((a for a in current if a.pk == chosen_id), None)
        if match is None:
            raise ValidationError({"service_user_address": "Select one of the service user's current addresses"})
        return match
    return None


@transaction.atomic
def child_add(
    *,
    actor: Any,
    case: Any,
    child: dict,
    link: dict,
    where: str = "",
    address: dict | None = None,
    service_user_address: Address | int | None = None,
    status: dict | None = None,
) -> ChildLink:
    """Record a child with their address and their link to the case's service user, all or nothing."""
    service_user = case.service_user
    child_address = _resolve_address(
        actor=actor, case=case, where=where, address=address, service_user=service_user, chosen=service_user_address
    )
    record = create_tracked(Child, actor=actor, action="child.create", case=case, address=child_address, **child)
    created = child_link_add(actor=actor, case=case, child=record, **link)
    if status and status.get("status") and status["status"] != CSCStatus.NOT_KNOWN:
        status_add(actor=actor, case=case, child=record, **status)
    return created


@transaction.atomic
def child_update(*, actor: Any, case: Any, child: Child, **values: Any) -> Child:
    return update_tracked(child, actor=actor, action="child.update", case=case, **values)


@transaction.atomic
def child_address_change(
    *,
    actor: Any,
    case: Any,
    child: Child,
    where: str,
    address: dict | None = None,
    service_user_address: Address | int | None = None,
) -> Child:
    """Where the child lives now. The responsible council follows the new address."""
    new_address = _resolve_address(
        actor=actor, case=case, where=where, address=address, service_user=case.service_user, chosen=service_user_address
    )
    if new_address == child.address:
        return child
    updated = update_tracked(child, actor=actor, action="child.address", case=case, address=new_address)
    announce(
        "child_address_change",
        case=case,
        actor=actor,
        description=f"{child} now lives at {new_address or 'an unknown address'}",
        child=child,
    )
    return updated


@transaction.atomic
def child_name_variant_add(*, actor: Any, case: Any, child: Child, **values: Any) -> ChildNameVariant:
    return create_tracked(ChildNameVariant, actor=actor, action="child.name_variant.add", case=case, child=child, **values)


@transaction.atomic
def child_link_add(*, actor: Any, case: Any, child: Child, **values: Any) -> ChildLink:
    """Link the case's service user to a child (new or already recorded on another case)."""
    if ChildLink.objects.filter(service_user=case.service_user, child=child).exists():
        raise ValidationError(f"{child} is already linked to {case.service_user}")
    _refuse_twice_on_case(case, "child", child)
    created = create_tracked(
        ChildLink, actor=actor, action="child_link.add", case=case, service_user=case.service_user, child=child, **values
    )
    if child.is_unborn:
        announce("pregnancy", case=case, actor=actor, description=f"{child} expected")
    elif created.contact in (Contact.LIVES_WITH, Contact.OVERNIGHT):
        announce("new_child", case=case, actor=actor, description=f"{child} ({created.get_contact_display().lower()})")
    return created


@transaction.atomic
def child_link_update(*, actor: Any, case: Any, link: ChildLink, **values: Any) -> ChildLink:
    return update_tracked(link, actor=actor, action="child_link.update", case=case, **values)


@transaction.atomic
def status_add(*, actor: Any, case: Any, child: Child, **values: Any) -> SocialCareStatus:
    """Record a new children's social care status; the previous open one ends the day it starts."""
    new = SocialCareStatus(child=child, **values)
    new.full_clean()
    for previous in child.statuses.filter(end_date__isnull=True).exclude(pk=new.pk):
        if previous.start_date > new.start_date:
            raise ValidationError({"start_date": f"A later status ({previous}) is already recorded: end it first"})
        update_tracked(previous, actor=actor, action="csc_status.end", case=case, end_date=new.start_date)
        if previous.status in ON_A_PLAN and new.status != previous.status:
            announce(
                "plan_ended",
                case=case,
                actor=actor,
                description=f"{child}: {previous.get_status_display().lower()} ended",
                occurred_on=new.start_date,
                child=child,
            )
    created = create_tracked(SocialCareStatus, actor=actor, action="csc_status.add", case=case, child=child, **values)
    current = created.status if created.end_date is None else CSCStatus.NOT_KNOWN
    update_tracked(child, actor=actor, action="child.status", case=case, csc_status=current)
    return created


@transaction.atomic
def adult_add(
    *,
    actor: Any,
    case: Any,
    adult: dict,
    link: dict,
    where: str = "",
    address: dict | None = None,
    service_user_address: Address | int | None = None,
) -> AdultLink:
    service_user = case.service_user
    adult_address = _resolve_address(
        actor=actor, case=case, where=where, address=address, service_user=service_user, chosen=service_user_address, who="they"
    )
    record = create_tracked(OtherAdult, actor=actor, action="adult.create", case=case, address=adult_address, **adult)
    return adult_link_add(actor=actor, case=case, adult=record, **link)


@transaction.atomic
def adult_link_add(*, actor: Any, case: Any, adult: OtherAdult, **values: Any) -> AdultLink:
    """Link the case's service user to an adult (new, or already recorded on another case)."""
    if AdultLink.objects.filter(service_user=case.service_user, adult=adult).exists():
        raise ValidationError(f"{adult} is already linked to {case.service_user}")
    _refuse_twice_on_case(case, "adult", adult)
    created = create_tracked(
        AdultLink, actor=actor, action="adult_link.add", case=case, service_user=case.service_user, adult=adult, **values
    )
    if created.relationship == "partner":
        announce("new_partner", case=case, actor=actor, description=f"New partner: {adult}")
    return created


def _refuse_twice_on_case(case: Any, field: str, person: Child | OtherAdult) -> None:
    """Refuse a second record of someone already on the case (the same name and date of birth): the
    same child twice would go twice on every request sent to the council. Checked on linking, so a
    new record made for the link is rolled back with it."""
    same = already_on_case(
        case,
        field,
        first_name=person.first_name,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        other_than=person,
    )
    if same is not None:
        born = f", born {same.date_of_birth.day} {same.date_of_birth:%B %Y}," if same.date_of_birth else ""
        raise ValidationError(f"{same}{born} is already on this case: find them on the case instead of adding them again")


@transaction.atomic
def adult_update(*, actor: Any, case: Any, adult: OtherAdult, **values: Any) -> OtherAdult:
    return update_tracked(adult, actor=actor, action="adult.update", case=case, **values)


@transaction.atomic
def adult_link_update(*, actor: Any, case: Any, link: AdultLink, **values: Any) -> AdultLink:
    return update_tracked(link, actor=actor, action="adult_link.update", case=case, **values)


@transaction.atomic
def adult_child_link_add(*, actor: Any, case: Any, adult: OtherAdult, child: Child, **values: Any) -> AdultChildLink:
    if AdultChildLink.objects.filter(adult=adult, child=child).exists():
        raise ValidationError(f"{adult} is already linked to {child}")
    return create_tracked(
        AdultChildLink, actor=actor, action="adult_child_link.add", case=case, adult=adult, child=child, **values
    )


@transaction.atomic
def adult_child_link_remove(*, actor: Any, case: Any, link: AdultChildLink) -> None:
    delete_tracked(link, actor=actor, action="adult_child_link.remove", case=case)


@transaction.atomic
def child_missing(
    *, actor: Any, case: Any, child: Child, missing_since: datetime.date | None, what_is_known: str = ""
) -> ChildWhereabouts:
    """The child's whereabouts are unknown since a date: a new period, open until the child is found.
    A child already missing is not recorded missing again (the open period stands)."""
    current = child.whereabouts.filter(found_on__isnull=True).first()
    if current is not None:
        raise ValidationError({"missing_since": f"{child} is already recorded as missing since {current.missing_since:%d/%m/%Y}"})
    return create_tracked(
        ChildWhereabouts,
        actor=actor,
        action="child.missing",
        case=case,
        child=child,
        missing_since=missing_since,
        what_is_known=what_is_known,
    )


@transaction.atomic
def child_found(*, actor: Any, case: Any, child: Child, found_on: datetime.date | None, found_where: str) -> ChildWhereabouts:
    """The child has been found: the open period ends on that date, with where they were."""
    current = child.whereabouts.select_for_update().filter(found_on__isnull=True).first()
    if current is None:
        raise ValidationError(f"{child} is not recorded as missing")
    if found_on is None:
        raise ValidationError({"found_on": "Enter date the child was found"})
    return update_tracked(current, actor=actor, action="child.found", case=case, found_on=found_on, found_where=found_where)
