from django.urls import path

from safeguard.checks import views as checks
from safeguard.people import views as people
from safeguard.referrals.urls import case_urls as referral_case_urls
from safeguard.register.urls import case_urls as register_case_urls

from . import views

app_name = "cases"

checks_urls = [
    path("<int:pk>/checks/", checks.case_checks, name="checks"),
    path("<int:pk>/checks/checklist/new/", checks.checklist_new, name="checklist_new"),
    path("<int:pk>/checks/requests/prepare/", checks.requests_prepare, name="requests_prepare"),
    path("<int:pk>/checks/requests/<int:request_id>/", checks.request_detail, name="request"),
    path("<int:pk>/checks/requests/<int:request_id>/print/", checks.request_print, name="request_print"),
    path("<int:pk>/checks/requests/<int:request_id>/pdf/", checks.request_pdf, name="request_pdf"),
    path("<int:pk>/checks/requests/<int:request_id>/send/", checks.request_send, name="request_send"),
    path("<int:pk>/checks/requests/<int:request_id>/chase/", checks.request_chase, name="request_chase"),
    path("<int:pk>/checks/requests/<int:request_id>/answer/", checks.request_answer, name="request_answer"),
    path("<int:pk>/checks/requests/<int:request_id>/withdraw/", checks.request_withdraw, name="request_withdraw"),
    path("<int:pk>/checks/police/new/", checks.police_new, name="police_new"),
    path("<int:pk>/checks/police/<int:check_id>/", checks.police_detail, name="police"),
    path("<int:pk>/checks/police/<int:check_id>/send/", checks.police_send, name="police_send"),
    path("<int:pk>/checks/police/<int:check_id>/chase/", checks.police_chase, name="police_chase"),
    path("<int:pk>/checks/police/<int:check_id>/answer/", checks.police_answer, name="police_answer"),
    path("<int:pk>/checks/notifications/new/", checks.notification_new, name="notification_new"),
    path("<int:pk>/checks/notifications/<int:notification_id>/", checks.notification_detail, name="notification"),
    path("<int:pk>/checks/notifications/<int:notification_id>/print/", checks.notification_print, name="notification_print"),
    path("<int:pk>/checks/notifications/<int:notification_id>/pdf/", checks.notification_pdf, name="notification_pdf"),
    path("<int:pk>/checks/notifications/<int:notification_id>/send/", checks.notification_send, name="notification_send"),
    path(
        "<int:pk>/checks/notifications/<int:notification_id>/acknowledge/",
        checks.notification_acknowledge,
        name="notification_acknowledge",
    ),
    path("<int:pk>/checks/events/new/", checks.event_new, name="event_new"),
    path("<int:pk>/checks/events/<int:event_id>/no-check/", checks.event_no_check, name="event_no_check"),
    path("<int:pk>/checks/contradictions/<int:contradiction_id>/", checks.contradiction_detail, name="contradiction"),
    path("<int:pk>/checks/whereabouts/", checks.whereabouts, name="whereabouts"),
]

urlpatterns = (
    checks_urls
    + referral_case_urls
    + register_case_urls
    + [
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
        path("<int:pk>/children/<int:child_id>/address/", people.child_address, name="child_address"),
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
)
