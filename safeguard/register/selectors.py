"""Reads for the register: current registrations, flags, and the monthly report."""

import calendar
import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Least

from safeguard.accounts.models import Area, Team
from safeguard.cases.access import visible_cases
from safeguard.cases.models import Case as SupervisionCase
from safeguard.core import clock, deadlines, registry
from safeguard.people.models import Child, ChildLink
from safeguard.people.selectors import children_of

from .models import Category, LegalHold, Registration, Review, ReviewTrigger


def active_registrations() -> QuerySet[Registration]:
    return Registration.objects.filter(ended_on__isnull=True)


def case_register(case: Any) -> dict[str, Any]:
    """What a case's Register tab shows."""
    registrations = case.registrations.select_related("registered_by").prefetch_related(
        "children", "reviews__reviewer", "reviews__countersigned_by"
    )
    return {
        "active": [r for r in registrations if r.ended_on is None],
        "ended": [r for r in registrations if r.ended_on is not None],
        "triggers": case.review_triggers.filter(resolved_by__isnull=True),
        "holds": case.legal_holds.select_related("placed_by"),
        "notes": case.notes.select_related("author")[:20],
        "target_days": deadlines.rule("registration_target").length,
    }


def children_to_name(case: Any, registration: Registration) -> list[Child]:
    """The case's children a registration could name at its review and does not yet (none for a risk
    to unspecified children, which names no child)."""
    if registration.category == Category.RISK_UNSPECIFIED:
        return []
    named = set(registration.children.values_list("pk", flat=True))
    return [child for child in children_of(case.service_user) if child.pk not in named]


def children_to_keep(children: list[Child], *, case: Any, registration: Registration) -> set[int]:
    """Children whose details must stay after this de-registration: linked to another open case, named
    in another active registration, or linked to a case under legal hold."""
    ids = [c.pk for c in children]
    other_cases = SupervisionCase.objects.filter(status=SupervisionCase.Status.OPEN).exclude(pk=case.pk)
    keep = set(ChildLink.objects.filter(child_id__in=ids, service_user__cases__in=other_cases).values_list("child_id", flat=True))
    keep |= set(
        Registration.objects.filter(ended_on__isnull=True, children__in=ids)
        .exclude(pk=registration.pk)
        .values_list("children", flat=True)
    )
    held_cases = LegalHold.objects.filter(lifted_on__isnull=True).values("case_id")
    keep |= set(ChildLink.objects.filter(child_id__in=ids, service_user__cases__in=held_cases).values_list("child_id", flat=True))
    return keep & set(ids)


def active_hold(case: Any) -> LegalHold | None:
    return LegalHold.objects.filter(case=case, lifted_on__isnull=True).first()


def deregistration_preview(*, case: Any, registration: Registration) -> dict[str, Any]:
    """Which of the registration's children would be erased and which kept, any legal hold, and the
    copies the service sent outside about the children to be erased."""
    children = list(registration.children.all())
    keep = children_to_keep(children, case=case, registration=registration)
    erase = [c for c in children if c.pk not in keep]
    return {
        "erase": erase,
        "keep": [c for c in children if c.pk in keep],
        "hold": active_hold(case),
        "outside": registry.copies_outside(case, erase),  # what other apps sent out about them
    }


def _last_review(on_or_before: datetime.date | None = None) -> Subquery:
    """The date of a registration's latest review, as a correlated subquery: unlike an aggregate it
    needs no GROUP BY over every registration, so a page of 50 costs 50 look-ups."""
    reviews = Review.objects.filter(registration=OuterRef("pk"))
    if on_or_before is not None:
        reviews = reviews.filter(reviewed_on__lte=on_or_before)
    return Subquery(reviews.order_by("-reviewed_on").values("reviewed_on")[:1])


def applies_to(registration_recorded: Any) -> Q:
    """The changes of circumstances that call for a review of a registration recorded at
    `registration_recorded` (a datetime, or a reference to one): those recorded while it was on
    record, whenever they happened (a change learnt of late is due from the day it happened). A change
    left unresolved by a registration that has since ended does not carry over to a new one.

    The register, the monthly report and the "Review the registration now" step all use this."""
    return Q(created_at__gte=registration_recorded)


def trigger_applies(trigger: ReviewTrigger, registration: Registration) -> bool:
    """`applies_to` for records already loaded."""
    return trigger.created_at >= registration.created_at


def with_review_due(registrations: QuerySet[Registration], as_of: datetime.date) -> QuerySet[Registration]:
    """Annotate when each registration's review was due as things stood on `as_of`, and whether it
    was then overdue (`overdue_rank` 0, so overdue sorts first).

    A review is due on the date the last review (or the registration) set, or on the day of a change
    of circumstances (`applies_to`) not yet reviewed by `as_of`, whichever is sooner: the due date of
    the "Review the registration now" step, overdue, like it, from the day after. For a past date the reviews
    and changes recorded since are set aside, so last month's report says what was due last month.
    """
    if as_of >= clock.today():
        by_plan: Any = F("next_review_due")
    else:
        set_by_review = (
            Review.objects.filter(registration=OuterRef("pk"), reviewed_on__lte=as_of)
            .order_by("-reviewed_on", "-pk")
            .values("next_review_due")[:1]
        )
        by_plan = Coalesce(Subquery(set_by_review), "first_review_due", "next_review_due")
    change = (
        ReviewTrigger.objects.filter(case=OuterRef("case_id"), occurred_on__lte=as_of)
        .filter(applies_to(OuterRef("created_at")))
        .filter(Q(resolved_by__isnull=True) | Q(resolved_by__reviewed_on__gt=as_of))
        .order_by("occurred_on")
        .values("occurred_on")[:1]
    )
    return registrations.annotate(due_by_plan=by_plan, due_by_change=Subquery(change)).annotate(
        review_due=Least("due_by_plan", Coalesce("due_by_change", "due_by_plan")),
        overdue_rank=Case(
            When(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of), review_due__lt=as_of, then=Value(0)), default=Value(1)
        ),
    )


def register_rows(
    user: Any, *, area: Any = None, team: Any = None, category: str = "", review_overdue: bool = False
) -> QuerySet[Registration]:
    today = clock.today()
    rows = active_registrations().filter(case__in=visible_cases(user).values("pk"))
    if area is not None:
        rows = rows.filter(case__team__area=area)
    if team is not None:
        rows = rows.filter(case__team=team)
    if category:
        rows = rows.filter(category=category)
    rows = with_review_due(rows, today)
    if review_overdue:
        rows = rows.filter(**{"overdue_rank": 0})  # an annotation
    return (
        rows.select_related("case__service_user", "case__team__area", "case__case_holder", "registered_by")
        .prefetch_related("children")
        .annotate(last_review=_last_review())
        .order_by("review_due", "case__service_user__last_name_key", "pk")
    )


def register_counts(rows: QuerySet[Registration]) -> dict[str, int]:
    """How many rows `register_rows` gives, and how many of them have the review overdue (one query)."""
    return rows.order_by().aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(overdue_rank=0)))


def due_after_change(registration: Registration) -> bool:
    """Whether the review is due because of a change of circumstances (needs `with_review_due`)."""
    change = getattr(registration, "due_by_change", None)
    return change is not None and change <= registration.due_by_plan  # type: ignore[attr-defined]


@dataclass
class ReportRow:
    registration: Registration

    @property
    def overdue(self) -> bool:
        return bool(getattr(self.registration, "overdue_rank", 1) == 0)

    @property
    def values(self) -> list[str]:
        r = self.registration
        return [
            r.case.service_user.full_name,
            r.case.service_user.crn,
            str(r.case.team.area),
            str(r.case.team),
            str(r.case.case_holder or ""),
            r.get_category_display(),
            ", ".join(str(c) for c in r.children.all()) or "None named",
            f"{r.registered_on:%d/%m/%Y}",
            f"{last:%d/%m/%Y}" if (last := getattr(r, "last_review", None)) else "Not yet reviewed",
            f"{getattr(r, 'review_due', r.next_review_due):%d/%m/%Y}"
            + (" (change of circumstances)" if due_after_change(r) else ""),
            "Overdue" if self.overdue else "",
            f"{r.ended_on:%d/%m/%Y}" if r.ended_on else "",
        ]


REPORT_COLUMNS = [
    "Service user",
    "CRN",
    "Area",
    "Team",
    "Case holder",
    "Category",
    "Linked children",
    "Registered",
    "Last review",
    "Next review due",
    "Review overdue",
    "De-registered",
]


def month_bounds(month: str) -> tuple[datetime.date, datetime.date]:
    year, number = (int(part) for part in month.split("-"))
    if not 1 <= number <= 12:
        raise ValueError("month must be 01 to 12")
    return datetime.date(year, number, 1), datetime.date(year, number, calendar.monthrange(year, number)[1])


@dataclass
class MonthlyReport:
    """Every case registered at any time in the month, overdue reviews first (West Mercia 5.4).

    Ordered in the database so the page can show it a page at a time and the CSV can stream it: the
    page, the CSV and the PDF list the same rows in the same order."""

    month: str
    registrations: QuerySet[Registration]

    @cached_property
    def counts(self) -> dict[str, int]:
        return self.registrations.order_by().aggregate(total=Count("pk"), overdue=Count("pk", filter=Q(overdue_rank=0)))

    @property
    def total(self) -> int:
        return self.counts["total"]

    @property
    def overdue(self) -> int:
        return self.counts["overdue"]

    def rows(self, registrations: Iterable[Registration] | None = None) -> Iterator[ReportRow]:
        """All rows (in chunks, for any size), or the rows of the given slice of `registrations`."""
        source = self.registrations.iterator(chunk_size=1000) if registrations is None else registrations
        return (ReportRow(r) for r in source)


def monthly_report(
    registrations: QuerySet[Registration], month: str, *, area: Area | None = None, team: Team | None = None
) -> MonthlyReport:
    """A review is overdue when its due date passed before the end of the month (or before today,
    for the current month) without a review."""
    start, end = month_bounds(month)
    as_of = min(end, clock.today())
    rows = registrations.filter(registered_on__lte=end).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    if area is not None:
        rows = rows.filter(case__team__area=area)
    if team is not None:
        rows = rows.filter(case__team=team)
    rows = (
        with_review_due(rows, as_of)
        .select_related("case__service_user", "case__team__area", "case__case_holder")
        .prefetch_related("children")
        .annotate(
            last_review=_last_review(on_or_before=end),
        )
        .order_by("overdue_rank", "case__team__area__name", "case__team__name", "case__service_user__last_name_key", "pk")
    )
    return MonthlyReport(month, rows)


def visible_registrations(user: Any) -> QuerySet[Registration]:
    return Registration.objects.filter(case__in=visible_cases(user).values("pk"))


def awaiting_deregistration(cases: QuerySet[Any], limit: int = 200) -> list[Registration]:
    """Registrations of these cases whose de-registration was asked for and not yet confirmed,
    longest waiting first (what the information officer confirms, West Mercia 5.3)."""
    waiting = Registration.objects.filter(case__in=cases, ended_on__isnull=True, deregistration_asked_on__isnull=False)
    return list(
        waiting.select_related("case__service_user", "deregistration_asked_by").order_by("deregistration_asked_on", "pk")[:limit]
    )
