"""Forms for the people on a case: service user details, aliases, addresses, children, adults."""

from django.contrib import messages
from django.shortcuts import redirect, render

from safeguard.cases.access import (
    CaseNotFound,
    get_adult_link,
    get_case_for_user,
    get_child_link,
    get_visible_child,
    refuse,
    require_perm,
)
from safeguard.cases.selectors import case_overview, flagged_children
from safeguard.core.views import save_forms

from . import selectors, services
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
from .models import Child, OtherAdult, ServiceUser


def _values(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}


def _page(request, case, forms, title, submit, **extra):
    return render(request, "cases/form_page.html", {"case": case, "forms": forms, "title": title, "submit": submit, **extra})


def service_user_edit(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "people.change_serviceuser", object_type="people.ServiceUser", object_id=case.service_user_id)
    form = ServiceUserForm(request.POST or None, instance=ServiceUser.objects.get(pk=case.service_user_id))
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.service_user_update(actor=request.user, case=case, service_user=case.service_user, **_values(form)),
        )
        if saved is not None:
            messages.success(request, "Service user details saved")
            return redirect("cases:detail", pk=case.pk)
    return _page(request, case, [form], "Edit service user details", "Save details")


def alias_add(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "people.add_alias", object_type="people.Alias", object_id="new")
    form = AliasForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.alias_add(actor=request.user, case=case, service_user=case.service_user, **_values(form))
        )
        if saved is not None:
            messages.success(request, f"Alias {saved} added")
            return redirect("cases:detail", pk=case.pk)
    return _page(request, case, [form], "Add an alias", "Add alias")


def address_add(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "people.add_serviceuseraddress", object_type="people.ServiceUserAddress", object_id="new")
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
            messages.success(request, "Address added")
            return redirect("cases:detail", pk=case.pk)
    return _page(
        request,
        case,
        [form],
        "Add an address",
        "Add address",
        hint="A service user can have several current addresses, such as the address given and where they actually stay.",
    )


def child_add(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "people.add_child", object_type="people.Child", object_id="new")
    data = request.POST if request.method == "POST" else None
    child_form = ChildForm(data, prefix="child")
    where_form = WhereForm(data, prefix="where", initial={"where": "service_user"})
    link_form = ChildLinkForm(data, prefix="link")
    status_form = StatusInitialForm(data, prefix="status")
    if data is not None:

        def save():
            status = _values(status_form)
            return services.child_add(
                actor=request.user,
                case=case,
                child=_values(child_form),
                link=_values(link_form),
                where=where_form.cleaned_data["where"],
                address=where_form.address_values(),
                status=status if status.get("start_date") else None,
            )

        saved = save_forms([child_form, where_form, link_form, status_form], save)
        if saved is not None:
            messages.success(request, f"{saved.child} added")
            return redirect("cases:detail", pk=case.pk)
    return _page(
        request,
        case,
        [child_form, where_form, link_form, status_form],
        "Add a child",
        "Add child",
        sections=["About the child", "Where the child lives", "The service user and the child", "Children's social care"],
    )


def child_detail(request, pk: int, child_id: int):
    case = get_case_for_user(request, pk)
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
            "flagged": flagged_children([child.pk]),
        },
    )


def child_edit(request, pk: int, child_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    link = get_child_link(request, case, child_id)
    require_perm(request, "people.change_child", object_type="people.Child", object_id=child_id)
    form = ChildForm(request.POST or None, instance=Child.objects.get(pk=link.child_id))
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.child_update(actor=request.user, case=case, child=link.child, **_values(form))
        )
        if saved is not None:
            messages.success(request, f"{saved} saved")
            return redirect("cases:child", pk=case.pk, child_id=child_id)
    return _page(request, case, [form], f"Edit {link.child}", "Save child")


def child_link_edit(request, pk: int, child_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    link = get_child_link(request, case, child_id)
    require_perm(request, "people.change_childlink", object_type="people.ChildLink", object_id=link.pk)
    form = ChildLinkForm(request.POST or None, instance=link.__class__.objects.get(pk=link.pk))
    if request.method == "POST":
        saved = save_forms([form], lambda: services.child_link_update(actor=request.user, case=case, link=link, **_values(form)))
        if saved is not None:
            messages.success(request, "Relationship saved")
            return redirect("cases:child", pk=case.pk, child_id=child_id)
    return _page(request, case, [form], f"{case.service_user} and {link.child}", "Save relationship")


def child_status_add(request, pk: int, child_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    link = get_child_link(request, case, child_id)
    require_perm(request, "people.add_socialcarestatus", object_type="people.SocialCareStatus", object_id="new")
    form = StatusForm(request.POST or None, initial={"local_authority": link.child.responsible_local_authority})
    if request.method == "POST":
        saved = save_forms([form], lambda: services.status_add(actor=request.user, case=case, child=link.child, **_values(form)))
        if saved is not None:
            messages.success(request, f"Status recorded: {saved}")
            return redirect("cases:child", pk=case.pk, child_id=child_id)
    return _page(request, case, [form], f"Children's social care status for {link.child}", "Record status")


def child_variant_add(request, pk: int, child_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    link = get_child_link(request, case, child_id)
    require_perm(request, "people.add_childnamevariant", object_type="people.ChildNameVariant", object_id="new")
    form = ChildNameVariantForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms(
            [form], lambda: services.child_name_variant_add(actor=request.user, case=case, child=link.child, **_values(form))
        )
        if saved is not None:
            messages.success(request, f"Other name {saved} added")
            return redirect("cases:child", pk=case.pk, child_id=child_id)
    return _page(request, case, [form], f"Another name or spelling for {link.child}", "Add name")


def adult_add(request, pk: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "people.add_otheradult", object_type="people.OtherAdult", object_id="new")
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
                adult=_values(adult_form),
                link=_values(link_form),
                where=where_form.cleaned_data["where"],
                address=where_form.address_values(),
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved.adult} added")
            return redirect("cases:detail", pk=case.pk)
    return _page(
        request,
        case,
        [adult_form, link_form, where_form],
        "Add another adult",
        "Add adult",
        sections=["About the adult", "Their relationship to the service user", "Where they live"],
    )


def adult_edit(request, pk: int, adult_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    link = get_adult_link(request, case, adult_id)
    require_perm(request, "people.change_otheradult", object_type="people.OtherAdult", object_id=adult_id)
    data = request.POST if request.method == "POST" else None
    adult_form = AdultForm(data, prefix="adult", instance=OtherAdult.objects.get(pk=adult_id))
    link_form = AdultLinkForm(data, prefix="link", instance=link.__class__.objects.get(pk=link.pk))
    if data is not None:

        def save():
            services.adult_update(actor=request.user, case=case, adult=link.adult, **_values(adult_form))
            return services.adult_link_update(actor=request.user, case=case, link=link, **_values(link_form))

        if save_forms([adult_form, link_form], save) is not None:
            messages.success(request, f"{link.adult} saved")
            return redirect("cases:detail", pk=case.pk)
    return _page(
        request,
        case,
        [adult_form, link_form],
        f"Edit {link.adult}",
        "Save",
        sections=["About the adult", "Their relationship to the service user"],
    )


def adult_child_link_add(request, pk: int, adult_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    link = get_adult_link(request, case, adult_id)
    require_perm(request, "people.add_adultchildlink", object_type="people.AdultChildLink", object_id="new")
    children = case_overview(case).children
    form = AdultChildLinkForm(request.POST or None, children=children)
    if request.method == "POST":

        def save():
            values = _values(form)
            child = values.pop("child")
            return services.adult_child_link_add(actor=request.user, case=case, adult=link.adult, child=child, **values)

        saved = save_forms([form], save)
        if saved is not None:
            messages.success(request, f"{saved.adult} linked to {saved.child}")
            return redirect("cases:detail", pk=case.pk)
    return _page(request, case, [form], f"Link {link.adult} to a child", "Save link")


def child_find(request, pk: int):
    """Find a child already recorded on another case, to link rather than record them twice."""
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "people.add_childlink", object_type="people.ChildLink", object_id="new")
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


def child_link_existing(request, pk: int, child_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "people.add_childlink", object_type="people.ChildLink", object_id="new")
    child = get_visible_child(request, child_id)
    form = ChildLinkForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms([form], lambda: services.child_link_add(actor=request.user, case=case, child=child, **_values(form)))
        if saved is not None:
            messages.success(request, f"{child} linked to {case.service_user}")
            return redirect("cases:child", pk=case.pk, child_id=child.pk)
    return _page(request, case, [form], f"Link {child} to {case.service_user}", "Link child")


def address_end(request, pk: int, use_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    require_perm(request, "people.change_serviceuseraddress", object_type="people.ServiceUserAddress", object_id=use_id)
    use = case.service_user.addresses.filter(pk=use_id, end_date__isnull=True).select_related("address").first()
    if use is None:
        refuse(request, object_type="people.ServiceUserAddress", object_id=use_id, reason=f"not a current address of case {pk}")
        raise CaseNotFound("record not found or restricted")
    form = EndAddressForm(request.POST or None)
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.service_user_address_end(
                actor=request.user, case=case, use=use, end_date=form.cleaned_data["end_date"]
            ),
        )
        if saved is not None:
            messages.success(request, f"{use.address} is no longer a current address")
            return redirect("cases:detail", pk=case.pk)
    return _page(request, case, [form], f"No longer living at {use.address}", "Save")


def adult_child_link_remove(request, pk: int, adult_id: int, link_id: int):
    case = get_case_for_user(request, pk, for_change=True)
    adult_link = get_adult_link(request, case, adult_id)
    require_perm(request, "people.delete_adultchildlink", object_type="people.AdultChildLink", object_id=link_id)
    link = adult_link.adult.child_links.filter(pk=link_id, child__service_user_links__service_user=case.service_user).first()
    if link is None:
        refuse(request, object_type="people.AdultChildLink", object_id=link_id, reason=f"not on case {pk}")
        raise CaseNotFound("record not found or restricted")
    if request.method == "POST":
        services.adult_child_link_remove(actor=request.user, case=case, link=link)
        messages.success(request, f"{link.adult} is no longer linked to {link.child}")
        return redirect("cases:detail", pk=case.pk)
    return render(request, "people/confirm_remove.html", {"case": case, "link": link, "tab": "overview"})


def child_address(request, pk: int, child_id: int):
    """Where the child lives now: the responsible council follows, and registered cases get a review due."""
    case = get_case_for_user(request, pk, for_change=True)
    link = get_child_link(request, case, child_id)
    require_perm(request, "people.change_child", object_type="people.Child", object_id=child_id)
    form = WhereForm(request.POST or None, initial={"where": "new"})
    if request.method == "POST":
        saved = save_forms(
            [form],
            lambda: services.child_address_change(
                actor=request.user, case=case, child=link.child, where=form.cleaned_data["where"], address=form.address_values()
            ),
        )
        if saved is not None:
            messages.success(request, f"Address of {saved} changed")
            return redirect("cases:child", pk=case.pk, child_id=child_id)
    return _page(request, case, [form], f"Change where {link.child} lives", "Save address")
