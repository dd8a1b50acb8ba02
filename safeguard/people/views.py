"""Pages about the people on a case: service user details, aliases, addresses, children, adults.

Every view gets its case through `core.access.case_view` and each person's record through the case
(`people.access`), so nothing here is reachable outside a case the user may see.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from safeguard.core import flags
from safeguard.core.access import case_view
from safeguard.core.forms import model_values
from safeguard.core.views import form_page, save_forms

from . import selectors, services
from .access import get_adult_child_link, get_adult_link, get_child_link, get_current_address, get_visible_child
from .forms import (
    AdultChildLinkForm,
    AdultForm,
    AdultLinkForm,
    AliasForm,
    ChildForm,
    ChildLinkForm,
    ChildNameVariantForm,
    EndAddressForm,
    FindChildForm,
    ServiceUserAddressForm,
    ServiceUserForm,
    StatusForm,
    StatusInitialForm,
    WhereForm,
)
from .models import AdultLink, Child, ChildLink, OtherAdult, ServiceUser


def _saved(request: HttpRequest, message: str, to: str, *args: int) -> HttpResponse:
    messages.success(request, message)
    return redirect(to, *args)


@case_view(change=True, perm="people.change_serviceuser")
def service_user_edit(request: HttpRequest, case: Any) -> HttpResponse:
    form = ServiceUserForm(request.POST or None, instance=ServiceUser.objects.get(pk=case.service_user_id))
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.service_user_update(
                actor=request.user, case=case, service_user=case.service_user, **model_values(form)
            ),
        )
        if saved is not None:
            return _saved(request, "Service user details saved", "cases:detail", case.pk)
    return form_page(request, case, [form], "Edit service user details", "Save details")


@case_view(change=True, perm="people.add_alias")
def alias_add(request: HttpRequest, case: Any) -> HttpResponse:
    form = AliasForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.alias_add(actor=request.user, case=case, service_user=case.service_user, **model_values(form)),
        )
        if saved is not None:
            return _saved(request, f"Alias {saved} added", "cases:detail", case.pk)
    return form_page(request, case, [form], "Add an alias", "Add alias")


@case_view(change=True, perm="people.add_serviceuseraddress")
def address_add(request: HttpRequest, case: Any) -> HttpResponse:
    form = ServiceUserAddressForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.service_user_address_add(
                actor=request.user,
                case=case,
                service_user=case.service_user,
                address=form.address_values(),
                address_type=form.cleaned_data["address_type"],
                start_date=form.cleaned_data["start_date"],
            ),
        )
        if saved is not None:
            return _saved(request, "Address added", "cases:detail", case.pk)
    return form_page(
        request,
        case,
        [form],
        "Add an address",
        "Add address",
        hint="A service user can have several current addresses, such as the address given and where they actually stay.",
    )


@case_view(change=True, perm="people.change_serviceuseraddress")
def address_end(request: HttpRequest, case: Any, use_id: int) -> HttpResponse:
    use = get_current_address(request, case, use_id)
    form = EndAddressForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.service_user_address_end(
                actor=request.user, case=case, use=use, end_date=form.cleaned_data["end_date"]
            ),
        )
        if saved is not None:
            return _saved(request, f"{use.address} is no longer a current address", "cases:detail", case.pk)
    return form_page(request, case, [form], f"No longer living at {use.address}", "Save")


@case_view(change=True, perm="people.add_child")
def child_add(request: HttpRequest, case: Any) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    child_form = ChildForm(data, prefix="child")
    where_form = WhereForm(data, prefix="where", initial={"where": "service_user"})
    link_form = ChildLinkForm(data, prefix="link")
    status_form = StatusInitialForm(data, prefix="status")
    if data is not None:

        def save() -> ChildLink:
            status = model_values(status_form)
            return services.child_add(
                actor=request.user,
                case=case,
                child=model_values(child_form),
                link=model_values(link_form),
                where=where_form.cleaned_data["where"],
                address=where_form.address_values(),
                status=status if status.get("start_date") else None,
            )

        saved = save_forms([child_form, where_form, link_form, status_form], save)
        if saved is not None:
            return _saved(request, f"{saved.child} added", "cases:detail", case.pk)
    return form_page(
        request,
        case,
        [child_form, where_form, link_form, status_form],
        "Add a child",
        "Add child",
        sections=["About the child", "Where the child lives", "The service user and the child", "Children's social care"],
    )


@case_view()
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
            "adult_links": child.adult_links.select_related("adult"),
            "other_links": child.service_user_links.exclude(pk=link.pk).select_related("service_user"),
            "child_flags": flags.for_children([child.pk]),
        },
    )


@case_view(change=True, perm="people.change_child")
def child_edit(request: HttpRequest, case: Any, child_id: int) -> HttpResponse:
    link = get_child_link(request, case, child_id)
    form = ChildForm(request.POST or None, instance=Child.objects.get(pk=link.child_id))
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.child_update(actor=request.user, case=case, child=link.child, **model_values(form))
        )
        if saved is not None:
            return _saved(request, f"{saved} saved", "people:child", case.pk, child_id)
    return form_page(request, case, [form], f"Edit {link.child}", "Save child")


@case_view(change=True, perm="people.change_child")
def child_address(request: HttpRequest, case: Any, child_id: int) -> HttpResponse:
    """Where the child lives now: the responsible council follows, and registered cases get a review due."""
    link = get_child_link(request, case, child_id)
    form = WhereForm(request.POST or None, initial={"where": "new"})
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.child_address_change(
                actor=request.user, case=case, child=link.child, where=form.cleaned_data["where"], address=form.address_values()
            ),
        )
        if saved is not None:
            return _saved(request, f"Address of {saved} changed", "people:child", case.pk, child_id)
    return form_page(request, case, [form], f"Change where {link.child} lives", "Save address")


@case_view(change=True, perm="people.change_childlink")
def child_link_edit(request: HttpRequest, case: Any, child_id: int) -> HttpResponse:
    link = get_child_link(request, case, child_id)
    form = ChildLinkForm(request.POST or None, instance=ChildLink.objects.get(pk=link.pk))
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.child_link_update(actor=request.user, case=case, link=link, **model_values(form))
        )
        if saved is not None:
            return _saved(request, "Relationship saved", "people:child", case.pk, child_id)
    return form_page(request, case, [form], f"{case.service_user} and {link.child}", "Save relationship")


@case_view(change=True, perm="people.add_socialcarestatus")
def child_status_add(request: HttpRequest, case: Any, child_id: int) -> HttpResponse:
    link = get_child_link(request, case, child_id)
    form = StatusForm(request.POST or None, initial={"local_authority": link.child.responsible_local_authority})
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.status_add(actor=request.user, case=case, child=link.child, **model_values(form))
        )
        if saved is not None:
            return _saved(request, f"Status recorded: {saved}", "people:child", case.pk, child_id)
    return form_page(request, case, [form], f"Children's social care status for {link.child}", "Record status")


@case_view(change=True, perm="people.add_childnamevariant")
def child_variant_add(request: HttpRequest, case: Any, child_id: int) -> HttpResponse:
    link = get_child_link(request, case, child_id)
    form = ChildNameVariantForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.child_name_variant_add(actor=request.user, case=case, child=link.child, **model_values(form)),
        )
        if saved is not None:
            return _saved(request, f"Other name {saved} added", "people:child", case.pk, child_id)
    return form_page(request, case, [form], f"Another name or spelling for {link.child}", "Add name")


@case_view(change=True, perm="people.add_childlink")
def child_find(request: HttpRequest, case: Any) -> HttpResponse:
    """Find a child already recorded on another case, to link rather than record them twice."""
    form = FindChildForm(request.GET if "q" in request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        results = list(
            selectors.find_children(
                request.user,
                q=form.cleaned_data["q"],
                date_of_birth=form.cleaned_data["date_of_birth"],
                exclude_service_user=case.service_user,
            )[:20]
        )
    return render(request, "people/child_find.html", {"case": case, "form": form, "results": results, "tab": "overview"})


@case_view(change=True, perm="people.add_childlink")
def child_link_existing(request: HttpRequest, case: Any, child_id: int) -> HttpResponse:
    child = get_visible_child(request, child_id)
    form = ChildLinkForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.child_link_add(actor=request.user, case=case, child=child, **model_values(form))
        )
        if saved is not None:
            return _saved(request, f"{child} linked to {case.service_user}", "people:child", case.pk, child.pk)
    return form_page(request, case, [form], f"Link {child} to {case.service_user}", "Link child")


@case_view(change=True, perm="people.add_otheradult")
def adult_add(request: HttpRequest, case: Any) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    adult_form = AdultForm(data, prefix="adult")
    link_form = AdultLinkForm(data, prefix="link")
    where_form = WhereForm(data, prefix="where", initial={"where": "service_user"})
    if data is not None:
        saved = save_forms(
            [adult_form, link_form, where_form],
            lambda: services.adult_add(
                actor=request.user,
                case=case,
                adult=model_values(adult_form),
                link=model_values(link_form),
                where=where_form.cleaned_data["where"],
                address=where_form.address_values(),
            ),
        )
        if saved is not None:
            return _saved(request, f"{saved.adult} added", "cases:detail", case.pk)
    return form_page(
        request,
        case,
        [adult_form, link_form, where_form],
        "Add another adult",
        "Add adult",
        sections=["About the adult", "Their relationship to the service user", "Where they live"],
    )


@case_view(change=True, perm="people.change_otheradult")
def adult_edit(request: HttpRequest, case: Any, adult_id: int) -> HttpResponse:
    link = get_adult_link(request, case, adult_id)
    data = request.POST if request.method == "POST" else None
    adult_form = AdultForm(data, prefix="adult", instance=OtherAdult.objects.get(pk=adult_id))
    link_form = AdultLinkForm(data, prefix="link", instance=AdultLink.objects.get(pk=link.pk))
    if data is not None:

        def save() -> AdultLink:
            services.adult_update(actor=request.user, case=case, adult=link.adult, **model_values(adult_form))
            return services.adult_link_update(actor=request.user, case=case, link=link, **model_values(link_form))

        if save_forms([adult_form, link_form], save) is not None:
            return _saved(request, f"{link.adult} saved", "cases:detail", case.pk)
    return form_page(
        request,
        case,
        [adult_form, link_form],
        f"Edit {link.adult}",
        "Save",
        sections=["About the adult", "Their relationship to the service user"],
    )


@case_view(change=True, perm="people.add_adultchildlink")
def adult_child_link_add(request: HttpRequest, case: Any, adult_id: int) -> HttpResponse:
    link = get_adult_link(request, case, adult_id)
    form = AdultChildLinkForm(request.POST or None, children=selectors.children_of(case.service_user))
    if request.method == "POST":

        def save() -> Any:
            values = model_values(form)
            child = values.pop("child")
            return services.adult_child_link_add(actor=request.user, case=case, adult=link.adult, child=child, **values)

        saved = save_forms([form], save)
        if saved is not None:
            return _saved(request, f"{saved.adult} linked to {saved.child}", "cases:detail", case.pk)
    return form_page(request, case, [form], f"Link {link.adult} to a child", "Save link")


@case_view(change=True, perm="people.delete_adultchildlink")
def adult_child_link_remove(request: HttpRequest, case: Any, adult_id: int, link_id: int) -> HttpResponse:
    adult_link = get_adult_link(request, case, adult_id)
    link = get_adult_child_link(request, case, adult_link.adult, link_id)
    if request.method == "POST":
        services.adult_child_link_remove(actor=request.user, case=case, link=link)
        return _saved(request, f"{link.adult} is no longer linked to {link.child}", "cases:detail", case.pk)
    return render(request, "people/confirm_remove.html", {"case": case, "link": link, "tab": "overview"})
