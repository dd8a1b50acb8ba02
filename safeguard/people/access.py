"""Who may see and change people, and how a person's record is fetched under a case.

A person is reached only through a case the user may see: the links from the case's service user
to children and adults, the service user's addresses. Children recorded on other cases are found
only among cases the user may see (`visible_children`).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from safeguard.accounts import roles
from safeguard.accounts.scope import scope_filter
from safeguard.core.access import get_case_record, refuse
from safeguard.core.exceptions import RecordNotFound
from safeguard.core.registry import CaseRecord
from safeguard.core.validation import is_key

from .models import AdultChildLink, AdultLink, Child, ChildLink, OtherAdult, ServiceUser, ServiceUserAddress

# How each kind of record reaches its case (for core.access.get_case_record, roles and erasure).
CASE_RECORDS = [
    CaseRecord("people.ServiceUser", "cases"),
    CaseRecord("people.Alias", "service_user__cases"),
    CaseRecord("people.Address", "service_user_uses__service_user__cases"),
    CaseRecord("people.ServiceUserAddress", "service_user__cases"),
    CaseRecord("people.Child", "service_user_links__service_user__cases"),
    CaseRecord("people.ChildNameVariant", "child__service_user_links__service_user__cases"),
    CaseRecord("people.SocialCareStatus", "child__service_user_links__service_user__cases"),
    CaseRecord("people.ChildWhereabouts", "child__service_user_links__service_user__cases"),
    CaseRecord("people.OtherAdult", "service_user_links__service_user__cases"),
    CaseRecord("people.ChildLink", "service_user__cases"),
    CaseRecord("people.AdultChildLink", "adult__service_user_links__service_user__cases"),
    CaseRecord("people.AdultLink", "service_user__cases"),
]

ROLE_PERMISSIONS = {
    # Reception and court staff record a new service user and their addresses (West Mercia 1.3, 1.4).
    roles.ADMIN_RECEPTION: [
        f"people.{action}_{model}"
        for model in ("serviceuser", "address", "serviceuseraddress", "alias")
        for action in ("add", "change")
    ],
}

CHILD_RELATED = ("child", "child__address", "child__address__local_authority", "child__local_authority_override")


def get_child_link(request: HttpRequest, case: Any, child_id: object) -> ChildLink:
    """The link from the case's service user to the child, with the child loaded; refused otherwise."""
    links = ChildLink.objects.select_related(*CHILD_RELATED)
    return get_case_record(request, case, links, child_id, field="child_id", refused_as="people.Child")


def get_adult_link(request: HttpRequest, case: Any, adult_id: object) -> AdultLink:
    links = AdultLink.objects.select_related("adult")
    return get_case_record(request, case, links, adult_id, field="adult_id", refused_as="people.OtherAdult")


def get_current_address(request: HttpRequest, case: Any, use_id: object) -> ServiceUserAddress:
    """One of the service user's current addresses."""
    uses = ServiceUserAddress.objects.filter(end_date__isnull=True).select_related("address")
    return get_case_record(request, case, uses, use_id)


def get_adult_child_link(request: HttpRequest, case: Any, adult: Any, link_id: object) -> AdultChildLink:
    """A link between an adult on the case and a child who is also on the case."""
    links = AdultChildLink.objects.filter(adult=adult, child__service_user_links__service_user=case.service_user).select_related(
        "adult", "child"
    )
    return get_case_record(request, case, links, link_id)


def visible_children(user: Any) -> QuerySet[Child]:
    """Children linked to at least one case the user may see."""
    people = visible_service_users(user)
    return Child.objects.filter(pk__in=ChildLink.objects.filter(service_user_id__in=people.values("pk")).values("child_id"))


def visible_adults(user: Any) -> QuerySet[OtherAdult]:
    """Other adults linked to at least one case the user may see."""
    people = visible_service_users(user)
    return OtherAdult.objects.filter(pk__in=AdultLink.objects.filter(service_user_id__in=people.values("pk")).values("adult_id"))


def visible_service_users(user: Any) -> QuerySet[ServiceUser]:
    """Service users with at least one case the user may see."""
    scope = scope_filter(user, "cases__team")
    return ServiceUser.objects.all() if scope is None else ServiceUser.objects.filter(scope)


def others_linked_to(user: Any, child: Child, link: ChildLink) -> dict[str, QuerySet[Any]]:
    """Who else a child is linked to, as far as the user's own cases say: a child shared with a case
    the user may not see never names that case's service user or adults."""
    people = visible_service_users(user).values("pk")
    return {
        "other_links": child.service_user_links.exclude(pk=link.pk)
        .filter(service_user__in=people)
        .select_related("service_user"),
        "adult_links": child.adult_links.filter(adult__service_user_links__service_user__in=people)
        .select_related("adult")
        .distinct(),
    }


def get_visible_child(request: HttpRequest, child_id: int | str) -> Child:
    child = visible_children(request.user).filter(pk=child_id).first() if is_key(child_id) else None
    if child is None:
        refuse(request, object_type="people.Child", object_id=child_id, reason="not linked to any case the user may see")
        raise RecordNotFound("record not found or restricted")
    return child
