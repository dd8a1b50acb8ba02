from django.urls import path

from safeguard.people import views as people

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/family/", views.case_family, name="family"),
    path("<int:pk>/history/", views.case_history, name="history"),
    path("<int:pk>/allocation/", views.case_allocate, name="allocate"),
    path("<int:pk>/orders/add/", views.order_form, name="order_add"),
    path("<int:pk>/orders/<int:order_id>/edit/", views.order_form, name="order_edit"),
    path("<int:pk>/service-user/edit/", people.service_user_edit, name="service_user_edit"),
    path("<int:pk>/aliases/add/", people.alias_add, name="alias_add"),
    path("<int:pk>/addresses/add/", people.address_add, name="address_add"),
    path("<int:pk>/addresses/<int:use_id>/end/", people.address_end, name="address_end"),
    path("<int:pk>/children/add/", people.child_add, name="child_add"),
    path("<int:pk>/children/find/", people.child_find, name="child_find"),
    path("<int:pk>/children/find/<int:child_id>/link/", people.child_link_existing, name="child_link_existing"),
    path("<int:pk>/children/<int:child_id>/", people.child_detail, name="child"),
    path("<int:pk>/children/<int:child_id>/edit/", people.child_edit, name="child_edit"),
    path("<int:pk>/children/<int:child_id>/relationship/", people.child_link_edit, name="child_link_edit"),
    path("<int:pk>/children/<int:child_id>/status/add/", people.child_status_add, name="child_status_add"),
    path("<int:pk>/children/<int:child_id>/names/add/", people.child_variant_add, name="child_variant_add"),
    path("<int:pk>/adults/add/", people.adult_add, name="adult_add"),
    path("<int:pk>/adults/<int:adult_id>/edit/", people.adult_edit, name="adult_edit"),
    path("<int:pk>/adults/<int:adult_id>/children/add/", people.adult_child_link_add, name="adult_child_link_add"),
    path(
        "<int:pk>/adults/<int:adult_id>/children/<int:link_id>/remove/",
        people.adult_child_link_remove,
        name="adult_child_link_remove",
    ),
]
