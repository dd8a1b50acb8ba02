"""Pages about the people on a case: service user details, aliases, addresses, children, adults.

Every view gets its case through `core.access.case_view` and each person's record through the case
(`people.access`), so nothing here is reachable outside a case the user may see.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.core import flags
from safeguard.core.access import case_view, refuse, require_perm
from safeguard.core.exceptions import RecordNotFound
from safeguard.core.forms import model_values
from safeguard.core.views import question_page, save_forms

from . import forms, selectors, services
from .access import get_adult_child_link, get_adult_link, get_child_link, get_current_address, get_visible_child, others_linked_to
from .models import AdultLink, Child, ChildLink, OtherAdult, ServiceUser


def _child_page(case: Any, child: Any) -> str:
    return reverse("people:child", args=[case.pk, child.pk])


@case_view("service-user/edit/", name="service_user_edit", change=True, perm="people.change_serviceuser")
def service_user_edit(request: AuthenticatedRequest, case: Any) -> HttpResponse:
    form = forms.ServiceUserForm(request.POST or None, instance=ServiceUser.objects.get(pk=case.service_user_id))
    return question_page(
        request,
        case,
        [form],
        service=partial(services.service_user_update, service_user=case.service_user),
        title="Edit service user details",
        submit="Save details",
        done="Service user details saved",
    )


@case_view("aliases/add/", name="alias_add", change=True, perm="people.add_alias")
def alias_add(request: AuthenticatedRequest, case: Any) -> HttpResponse:
    form = forms.AliasForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.alias_add, service_user=case.service_user),
        title="Add an alias",
        submit="Add alias",
        done=lambda alias: f"Alias {alias} added",
    )


@case_view("addresses/add/", name="address_add", change=True, perm="people.add_serviceuseraddress")
def address_add(request: AuthenticatedRequest, case: Any) -> HttpResponse:
    form = forms.ServiceUserAddressForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        lambda: services.service_user_address_add(
            actor=request.user,
            case=case,
            service_user=case.service_user,
            address=form.address_values(),
            address_type=form.cleaned_data["address_type"],
            start_date=form.cleaned_data["start_date"],
        ),
        title="Add an address",
        submit="Add address",
        done="Address added",
        hint="A service user can have several current addresses, such as the address given and where they actually stay.",
    )


@case_view("addresses/<int:use_id>/end/", name="address_end", change=True, perm="people.change_serviceuseraddress")
def address_end(request: AuthenticatedRequest, case: Any, use_id: int) -> HttpResponse:
    use = get_current_address(request, case, use_id)
    form = forms.EndAddressForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        lambda: services.service_user_address_end(actor=request.user, case=case, use=use, end_date=form.cleaned_data["end_date"]),
        title=f"No longer living at {use.address}",
        submit="Save",
        done=f"{use.address} is no longer a current address",
    )


@case_view("children/add/", name="child_add", change=True, perm="people.add_child")
def child_add(request: AuthenticatedRequest, case: Any) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    child_form = forms.ChildForm(data, prefix="child")
    where_form = forms.WhereForm(data, prefix="where", service_user=case.service_user)
    link_form = forms.ChildLinkForm(data, prefix="link")
    status_form = forms.StatusInitialForm(data, prefix="status")

    def save() -> ChildLink:
        status = model_values(status_form)
        return services.child_add(
            actor=request.user,
            case=case,
            child=model_values(child_form),
            link=model_values(link_form),
            where=where_form.cleaned_data["where"],
            address=where_form.address_values(),
            service_user_address=where_form.chosen_address(),
            status=status if status.get("start_date") else None,
        )

    offer = _offer_someone_recorded(
        request,
        case,
        CHILD,
        [child_form, where_form, link_form, status_form],
        link=lambda child: services.child_link_add(actor=request.user, case=case, child=child, **model_values(link_form)),
    )
    if offer is not None:
        return offer
    return question_page(
        request,
        case,
        [child_form, where_form, link_form, status_form],
        save,
        title="Add a child",
        submit="Add child",
        done=lambda link: f"{link.child} added",
        sections=["About the child", "Where the child lives", "The service user and the child", "Children's social care"],
    )


@dataclass(frozen=True)
class Kind:
    """A kind of person who may already be recorded: how to find them and where they are shown."""

    noun: str
    field: str
    model: str
    link_perm: str
    find: Callable[..., list[selectors.PossibleDuplicate]]
    page: Callable[[Any, Any], str]


CHILD = Kind("child", "child", "people.Child", "people.add_childlink", selectors.possible_duplicate_children, _child_page)
ADULT = Kind(
    "person",
    "adult",
    "people.OtherAdult",
    "people.add_adultlink",
    selectors.possible_duplicate_adults,
    lambda case, adult: case.get_absolute_url(),
)


def _offer_someone_recorded(
    request: AuthenticatedRequest, case: Any, kind: Kind, page_forms: list[Any], *, link: Callable[[Any], Any]
) -> HttpResponse | None:
    """Before a new child or adult is recorded, the people the user can see with the same or a
    similar name and date of birth ("Is this the same child?"): the officer links one of them, or
    carries on with a new record (None: the caller saves as usual). Nothing is chosen for them. An
    answer naming someone not offered is refused, logged, as a record the user may not see."""
    if request.method != "POST" or request.POST.get("same-answer") == "new":
        return None
    if not all([f.is_valid() for f in page_forms]):  # noqa: C419 - every form validated, every error shown
        return None
    new_person = page_forms[0].instance
    named = {"first_name": new_person.first_name, "last_name": new_person.last_name, "date_of_birth": new_person.date_of_birth}
    if selectors.already_on_case(case, kind.field, **named) is not None:
        return None  # the same person twice on the case: saving refuses it, with the error summary
    found = kind.find(request.user, case=case, **named)
    offered = {str(f.person.pk): f.person for f in found}
    answer = request.POST.get("same-answer")
    if answer and answer not in offered:
        refuse(request, object_type=kind.model, object_id=answer, reason="not offered as the same person")
        raise RecordNotFound("record not found or restricted")
    if not found:
        return None
    form = forms.SamePersonForm(
        request.POST if answer is not None else None,
        prefix="same",
        people=offered.values(),
        noun=kind.noun,
        new_label=f"No, add {new_person}{forms.born(new_person)}{',' if forms.born(new_person) else ''} as a new {kind.noun}",
    )
    if answer is not None:
        existing = offered.get(answer)
        if existing is not None:
            require_perm(request, kind.link_perm, object_type=kind.model, object_id=existing.pk)
        if existing is not None and save_forms([form], lambda: link(existing)) is not None:
            messages.success(request, f"{existing} linked to {case.service_user}")
            return redirect(kind.page(case, existing))
    carried = [
        (name, value) for name, values in request.POST.lists() if not name.startswith(("same-", "csrf")) for value in values
    ]
    return render(
        request,
        "people/same_person.html",
        {
            "case": case,
            "form": form,
            "found": found,
            "new_person": new_person,
            "kind": kind,
            "carried": carried,
            "title": f"Is this the same {kind.noun}?",
            "tab": "overview",
        },
    )


@case_view("children/find/", name="child_find", change=True, perm="people.add_childlink")
def child_find(request: AuthenticatedRequest, case: Any) -> HttpResponse:
    """Find a child already recorded on another case, to link rather than record them twice."""
    form = forms.FindChildForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        found = selectors.find_children(
            request.user,
            q=form.cleaned_data["q"],
            date_of_birth=form.cleaned_data["date_of_birth"],
            exclude_service_user=case.service_user,
        )
        results = list(found[:20])
    return render(request, "people/child_find.html", {"case": case, "form": form, "results": results, "tab": "overview"})


@case_view("children/find/<int:child_id>/link/", name="child_link_existing", change=True, perm="people.add_childlink")
def child_link_existing(request: AuthenticatedRequest, case: Any, child_id: int) -> HttpResponse:
    child = get_visible_child(request, child_id)
    form = forms.ChildLinkForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.child_link_add, child=child),
        title=f"Link {child} to {case.service_user}",
        submit="Link child",
        done=f"{child} linked to {case.service_user}",
        then=_child_page(case, child),
    )


@case_view("children/<int:child_id>/", name="child")
def child_detail(request: HttpRequest, case: Any, child_id: int) -> HttpResponse:
    link = get_child_link(request, case, child_id)
    child = link.child
    return render(
        request,
        "people/child_detail.html",
        {
            "case": case,
            "link": link,
            "child": child,
            "tab": "overview",
            "statuses": child.statuses.select_related("local_authority"),
            "variants": child.name_variants.all(),
            "whereabouts": list(child.whereabouts.all()),
            **others_linked_to(request.user, child, link),
            "child_flags": flags.for_children([child.pk]),
        },
    )


@case_view("children/<int:child_id>/edit/", name="child_edit", change=True, perm="people.change_child")
def child_edit(request: AuthenticatedRequest, case: Any, child_id: int) -> HttpResponse:
    link = get_child_link(request, case, child_id)
    form = forms.ChildForm(request.POST or None, instance=Child.objects.get(pk=link.child_id))
    return question_page(
        request,
        case,
        [form],
        service=partial(services.child_update, child=link.child),
        title=f"Edit {link.child}",
        submit="Save child",
        done=lambda child: f"{child} saved",
        then=_child_page(case, link.child),
    )


@case_view("children/<int:child_id>/address/", name="child_address", change=True, perm="people.change_child")
def child_address(request: AuthenticatedRequest, case: Any, child_id: int) -> HttpResponse:
    """Where the child lives now: the responsible council follows, and registered cases get a review due."""
    link = get_child_link(request, case, child_id)
    form = forms.WhereForm(request.POST or None, service_user=case.service_user)
    return question_page(
        request,
        case,
        [form],
        lambda: services.child_address_change(
            actor=request.user,
            case=case,
            child=link.child,
            where=form.cleaned_data["where"],
            address=form.address_values(),
            service_user_address=form.chosen_address(),
        ),
        title=f"Change where {link.child} lives",
        submit="Save address",
        done=lambda child: f"Address of {child} changed",
        then=_child_page(case, link.child),
    )


@case_view("children/<int:child_id>/relationship/", name="child_link_edit", change=True, perm="people.change_childlink")
def child_link_edit(request: AuthenticatedRequest, case: Any, child_id: int) -> HttpResponse:
    link = get_child_link(request, case, child_id)
    form = forms.ChildLinkForm(request.POST or None, instance=ChildLink.objects.get(pk=link.pk))
    return question_page(
        request,
        case,
        [form],
        service=partial(services.child_link_update, link=link),
        title=f"{case.service_user} and {link.child}",
        submit="Save relationship",
        done="Relationship saved",
        then=_child_page(case, link.child),
    )


@case_view("children/<int:child_id>/status/add/", name="child_status_add", change=True, perm="people.add_socialcarestatus")
def child_status_add(request: AuthenticatedRequest, case: Any, child_id: int) -> HttpResponse:
    link = get_child_link(request, case, child_id)
    form = forms.StatusForm(request.POST or None, initial={"local_authority": link.child.responsible_local_authority})
    return question_page(
        request,
        case,
        [form],
        service=partial(services.status_add, child=link.child),
        title=f"Children's social care status for {link.child}",
        submit="Record status",
        done=lambda status: f"Status recorded: {status}",
        then=_child_page(case, link.child),
    )


@case_view("children/<int:child_id>/names/add/", name="child_variant_add", change=True, perm="people.add_childnamevariant")
def child_variant_add(request: AuthenticatedRequest, case: Any, child_id: int) -> HttpResponse:
    link = get_child_link(request, case, child_id)
    form = forms.ChildNameVariantForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=partial(services.child_name_variant_add, child=link.child),
        title=f"Another name or spelling for {link.child}",
        submit="Add name",
        done=lambda variant: f"Other name {variant} added",
        then=_child_page(case, link.child),
    )


@case_view("children/<int:child_id>/missing/", name="child_missing", change=True, perm="people.add_childwhereabouts")
def child_missing(request: AuthenticatedRequest, case: Any, child_id: int) -> HttpResponse:
    """The child's whereabouts are unknown: a flag on the child and a step on every case they are linked to."""
    link = get_child_link(request, case, child_id)
    return question_page(
        request,
        case,
        [forms.ChildMissingForm(request.POST or None)],
        service=partial(services.child_missing, child=link.child),
        title=f"Record that {link.child}’s whereabouts are unknown",
        submit="Save",
        done=f"{link.child}’s whereabouts recorded as unknown",
        then=_child_page(case, link.child),
        hint="Tell children’s social care and the police straight away. The case shows this step until the child is found.",
    )


@case_view("children/<int:child_id>/found/", name="child_found", change=True, perm="people.change_childwhereabouts")
def child_found(request: AuthenticatedRequest, case: Any, child_id: int) -> HttpResponse:
    """The child has been found: the flag and the step end."""
    link = get_child_link(request, case, child_id)
    if not link.child.whereabouts.filter(found_on__isnull=True).exists():
        messages.info(request, f"{link.child} is not recorded as missing")
        return redirect(_child_page(case, link.child))
    return question_page(
        request,
        case,
        [forms.ChildFoundForm(request.POST or None)],
        service=partial(services.child_found, child=link.child),
        title=f"Record that {link.child} has been found",
        submit="Save",
        done=f"{link.child} recorded as found",
        then=_child_page(case, link.child),
    )


@case_view("adults/add/", name="adult_add", change=True, perm="people.add_otheradult")
def adult_add(request: AuthenticatedRequest, case: Any) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    adult_form = forms.AdultForm(data, prefix="adult")
    link_form = forms.AdultLinkForm(data, prefix="link")
    where_form = forms.WhereForm(data, prefix="where", service_user=case.service_user, who="they")
    offer = _offer_someone_recorded(
        request,
        case,
        ADULT,
        [adult_form, link_form, where_form],
        link=lambda adult: services.adult_link_add(actor=request.user, case=case, adult=adult, **model_values(link_form)),
    )
    if offer is not None:
        return offer
    return question_page(
        request,
        case,
        [adult_form, link_form, where_form],
        lambda: services.adult_add(
            actor=request.user,
            case=case,
            adult=model_values(adult_form),
            link=model_values(link_form),
            where=where_form.cleaned_data["where"],
            address=where_form.address_values(),
            service_user_address=where_form.chosen_address(),
        ),
        title="Add another adult",
        submit="Add adult",
        done=lambda link: f"{link.adult} added",
        sections=["About the adult", "Their relationship to the service user", "Where they live"],
    )


@case_view("adults/<int:adult_id>/edit/", name="adult_edit", change=True, perm="people.change_otheradult")
def adult_edit(request: AuthenticatedRequest, case: Any, adult_id: int) -> HttpResponse:
    link = get_adult_link(request, case, adult_id)
    data = request.POST if request.method == "POST" else None
    adult_form = forms.AdultForm(data, prefix="adult", instance=OtherAdult.objects.get(pk=adult_id))
    link_form = forms.AdultLinkForm(data, prefix="link", instance=AdultLink.objects.get(pk=link.pk))

    def save() -> AdultLink:
        services.adult_update(actor=request.user, case=case, adult=link.adult, **model_values(adult_form))
        return services.adult_link_update(actor=request.user, case=case, link=link, **model_values(link_form))

    return question_page(
        request,
        case,
        [adult_form, link_form],
        save,
        title=f"Edit {link.adult}",
        submit="Save",
        done=f"{link.adult} saved",
        sections=["About the adult", "Their relationship to the service user"],
    )


@case_view("adults/<int:adult_id>/children/add/", name="adult_child_link_add", change=True, perm="people.add_adultchildlink")
def adult_child_link_add(request: AuthenticatedRequest, case: Any, adult_id: int) -> HttpResponse:
    link = get_adult_link(request, case, adult_id)
    form = forms.AdultChildLinkForm(request.POST or None, children=selectors.children_of(case.service_user))

    def save() -> Any:
        values = model_values(form)
        child = values.pop("child")
        return services.adult_child_link_add(actor=request.user, case=case, adult=link.adult, child=child, **values)

    return question_page(
        request,
        case,
        [form],
        save,
        title=f"Link {link.adult} to a child",
        submit="Save link",
        done=lambda saved: f"{saved.adult} linked to {saved.child}",
    )


@case_view(
    "adults/<int:adult_id>/children/<int:link_id>/remove/",
    name="adult_child_link_remove",
    change=True,
    perm="people.delete_adultchildlink",
)
def adult_child_link_remove(request: AuthenticatedRequest, case: Any, adult_id: int, link_id: int) -> HttpResponse:
    adult_link = get_adult_link(request, case, adult_id)
    link = get_adult_child_link(request, case, adult_link.adult, link_id)
    if request.method == "POST":
        services.adult_child_link_remove(actor=request.user, case=case, link=link)
        messages.success(request, f"{link.adult} is no longer linked to {link.child}")
        return redirect(case.get_absolute_url())
    return render(request, "people/confirm_remove.html", {"case": case, "link": link, "tab": "overview"})
