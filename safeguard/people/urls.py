"""Pages about the people on a case: the service user, aliases, addresses, children, other adults."""

from safeguard.core.urls import case_path

from . import views

app_name = "people"

urlpatterns = [
    case_path("service-user/edit/", views.service_user_edit, name="service_user_edit"),
    case_path("aliases/add/", views.alias_add, name="alias_add"),
    case_path("addresses/add/", views.address_add, name="address_add"),
    case_path("addresses/<int:use_id>/end/", views.address_end, name="address_end"),
    case_path("children/add/", views.child_add, name="child_add"),
    case_path("children/find/", views.child_find, name="child_find"),
    case_path("children/find/<int:child_id>/link/", views.child_link_existing, name="child_link_existing"),
    case_path("children/<int:child_id>/", views.child_detail, name="child"),
    case_path("children/<int:child_id>/edit/", views.child_edit, name="child_edit"),
    case_path("children/<int:child_id>/address/", views.child_address, name="child_address"),
    case_path("children/<int:child_id>/relationship/", views.child_link_edit, name="child_link_edit"),
    case_path("children/<int:child_id>/status/add/", views.child_status_add, name="child_status_add"),
    case_path("children/<int:child_id>/names/add/", views.child_variant_add, name="child_variant_add"),
    case_path("adults/add/", views.adult_add, name="adult_add"),
    case_path("adults/<int:adult_id>/edit/", views.adult_edit, name="adult_edit"),
    case_path("adults/<int:adult_id>/children/add/", views.adult_child_link_add, name="adult_child_link_add"),
    case_path(
        "adults/<int:adult_id>/children/<int:link_id>/remove/", views.adult_child_link_remove, name="adult_child_link_remove"
    ),
]
