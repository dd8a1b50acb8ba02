"""Outstanding register steps (a provider for core.tasks): register promptly, review on time, review
now after a change of circumstances, countersign."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Max, Prefetch, Q
from django.urls import reverse

from safeguard.cases.models import Order
from safeguard.core.tasks import Due, Task
from safeguard.people.models import ON_A_PLAN, Child, ChildLink
from safeguard.people.selectors import links_to_children_with_status

from .models import Category, Registration, Review, ReviewTrigger
from .selectors import trigger_applies

# Reviews that, once overdue, are brought to team admin to follow up (West Mercia 5.1).
REVIEW_KINDS = ("register_review", "register_review_now")


def register_tasks(by_id: Mapping[int, Any], due: Due, today: datetime.date) -> list[Task]:
    ids = list(by_id)
    found: list[Task] = []
    registrations: dict[int, list[Registration]] = {}
    for loaded in Registration.objects.filter(case_id__in=ids, ended_on__isnull=True).prefetch_related(
        Prefetch("reviews", queryset=Review.objects.filter(countersigned_on__isnull=True), to_attr="unsigned"),
        Prefetch("children", queryset=Child.objects.only("pk"), to_attr="named"),
    ):
        registrations.setdefault(loaded.case_id, []).append(loaded)
    triggers: dict[int, list[ReviewTrigger]] = {}
    for trigger in ReviewTrigger.objects.filter(case_id__in=ids, resolved_by__isnull=True):
        triggers.setdefault(trigger.case_id, []).append(trigger)
    last_order_ended = _last_order_ended(ids)
    person_to_case = {case.service_user_id: case.pk for case in by_id.values()}
    on_plan: dict[int, list[ChildLink]] = {}
    for link in links_to_children_with_status(person_to_case, ON_A_PLAN):
        on_plan.setdefault(person_to_case[link.service_user_id], []).append(link)

    for case_id, case in by_id.items():
        active = registrations.get(case_id, [])
        categories = {r.category for r in active}
        register_url = reverse("register:case", args=[case_id])
        # A child on a plan is on the register once an active registration names them (any category).
        named = {child.pk for r in active for child in getattr(r, "named", [])}
        links = [link for link in on_plan.get(case_id, []) if link.child_id not in named]
        if links:
            since = max([s.start_date for link in links for s in link.child.statuses.all()] + [case.opened_on])
            linked = next((r for r in active if r.category == Category.LINKED_CHILD), None)
            found.append(
                Task(
                    case,
                    "Name the child in the registration: on a plan or looked after"
                    if linked is not None
                    else "Register the case: linked to a child on a plan or looked after",
                    due("registration_target", since, case),
                    reverse("register:review_new", args=[case_id, linked.pk])
                    if linked is not None
                    else reverse("register:register_new", args=[case_id]),
                    "register_needed",
                    detail=", ".join(str(link.child) for link in links),
                    rule="register.linked_child_on_plan",
                    fact="; ".join(f"{link.child}: {link.child.get_csc_status_display().lower()}" for link in links),
                )
            )
        if case.service_user.risk_to_unspecified_children and Category.RISK_UNSPECIFIED not in categories:
            found.append(
                Task(
                    case,
                    "Register the case: risk to unspecified children",
                    due(
                        "registration_target",
                        max(case.service_user.risk_to_children_marked_on or case.opened_on, case.opened_on),
                        case,
                    ),
                    reverse("register:register_new", args=[case_id]),
                    "register_needed",
                    rule="register.risk_unspecified",
                    fact="Recorded as posing a risk to children generally",
                )
            )
        for registration in active:
            ended = last_order_ended.get(case_id)
            if ended is not None and registration.deregistration_asked_on is None:
                found.append(
                    Task(
                        case,
                        "Consider de-registration: the last order has ended",
                        ended,
                        reverse("register:deregister", args=[case_id, registration.pk]),
                        "register_last_order_ended",
                        detail=f"{registration.get_category_display()}: ask the information officer to de-register, "
                        "or record a review saying why the registration continues",
                        rule="register.last_order_ended",
                        fact=f"The last order ended on {ended:%d/%m/%Y}",
                    )
                )
            found.append(
                Task(
                    case,
                    f"Review the registration ({registration.get_category_display().lower()})",
                    registration.next_review_due,
                    reverse("register:review_new", args=[case_id, registration.pk]),
                    "register_review",
                    rule="register.review",
                    fact=f"{registration.get_category_display()} registration of {registration.registered_on:%d/%m/%Y}",
                )
            )
            for review in getattr(registration, "unsigned", []):
                found.append(
                    Task(
                        case,
                        "Countersign the register review",
                        review.reviewed_on,
                        register_url,
                        "register_countersign",
                        needs_manager=True,
                        detail=str(review),
                        rule="register.countersign",
                        fact=f"{review} not countersigned",
                    )
                )
        for trigger in triggers.get(case_id, []):
            # Only a registration on record when the change was recorded is reviewed for it (the
            # register counts the same ones overdue, selectors.applies_to).
            to_review = next((r for r in active if trigger_applies(trigger, r)), None)
            if to_review is None:
                continue
            found.append(
                Task(
                    case,
                    f"Review the registration now: {trigger.get_reason_display().lower()}",
                    trigger.occurred_on,
                    reverse("register:review_new", args=[case_id, to_review.pk]),
                    "register_review_now",
                    detail=trigger.description,
                    rule="register.review_now",
                    fact=f"{trigger.get_reason_display()} on {trigger.occurred_on:%d/%m/%Y}"
                    + (f": {trigger.description}" if trigger.description else ""),
                )
            )
    return found


def _last_order_ended(case_ids: list[int]) -> dict[int, datetime.date]:
    """For each case whose every order has ended, the day the last one ended (one query)."""
    rows = (
        Order.objects.filter(case_id__in=case_ids)
        .values("case_id")
        .annotate(still_open=Count("pk", filter=Q(ended_on__isnull=True)), last=Max("ended_on"))
        .filter(still_open=0)
    )
    return {row["case_id"]: row["last"] for row in rows if row["last"] is not None}
