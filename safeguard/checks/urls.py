"""Checks pages under a case: checklist, requests for information, police checks, notifications,
significant events, contradictions, whereabouts."""

from safeguard.core.urls import case_path

from . import views

app_name = "checks"

urlpatterns = [
    case_path("checks/", views.case_checks, name="index"),
    case_path("checks/checklist/new/", views.checklist_new, name="checklist_new"),
    case_path("checks/requests/prepare/", views.requests_prepare, name="requests_prepare"),
    case_path("checks/requests/<int:request_id>/", views.request_detail, name="request"),
    case_path("checks/requests/<int:request_id>/print/", views.request_print, name="request_print"),
    case_path("checks/requests/<int:request_id>/pdf/", views.request_pdf, name="request_pdf"),
    case_path("checks/requests/<int:request_id>/send/", views.request_send, name="request_send"),
    case_path("checks/requests/<int:request_id>/chase/", views.request_chase, name="request_chase"),
    case_path("checks/requests/<int:request_id>/answer/", views.request_answer, name="request_answer"),
    case_path("checks/requests/<int:request_id>/withdraw/", views.request_withdraw, name="request_withdraw"),
    case_path("checks/police/new/", views.police_new, name="police_new"),
    case_path("checks/police/<int:check_id>/", views.police_detail, name="police"),
    case_path("checks/police/<int:check_id>/send/", views.police_send, name="police_send"),
    case_path("checks/police/<int:check_id>/chase/", views.police_chase, name="police_chase"),
    case_path("checks/police/<int:check_id>/answer/", views.police_answer, name="police_answer"),
    case_path("checks/notifications/new/", views.notification_new, name="notification_new"),
    case_path("checks/notifications/<int:notification_id>/", views.notification_detail, name="notification"),
    case_path("checks/notifications/<int:notification_id>/print/", views.notification_print, name="notification_print"),
    case_path("checks/notifications/<int:notification_id>/pdf/", views.notification_pdf, name="notification_pdf"),
    case_path("checks/notifications/<int:notification_id>/send/", views.notification_send, name="notification_send"),
    case_path(
        "checks/notifications/<int:notification_id>/acknowledge/",
        views.notification_acknowledge,
        name="notification_acknowledge",
    ),
    case_path("checks/events/new/", views.event_new, name="event_new"),
    case_path("checks/events/<int:event_id>/no-check/", views.event_no_check, name="event_no_check"),
    case_path("checks/contradictions/<int:contradiction_id>/", views.contradiction_detail, name="contradiction"),
    case_path("checks/whereabouts/", views.whereabouts, name="whereabouts"),
]
