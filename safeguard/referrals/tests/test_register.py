"""The referral register: counts equal the rows, the CSV equals the page, queries stay constant."""

import datetime
import re

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from safeguard.referrals import selectors, services
from safeguard.referrals.models import Referral, ReferralEscalation
from safeguard.testing import council, csv_rows

D = datetime.date
TODAY = D(2026, 11, 23)


def build(world, make_case, make_referral, n: int) -> None:
    """n referrals across two teams and two councils, in every state."""
    cases = [make_case(children=1), make_case(children=1, team=world.south, holder=world["officer2"])]
    for i in range(n):
        case = cases[i % 2]
        officer = world["officer1"] if case.team == world.north else world["officer2"]
        authority = council("Worcestershire" if i % 3 else "Herefordshire")
        referral = make_referral(
            case=case, actor=officer, made_on=D(2026, 9, 1) + datetime.timedelta(days=(i * 2) % 80), local_authority=authority
        )
        state = i % 6
        if state == 1:  # answered on time, accepted
            services.referral_answer(
                actor=officer,
                case=case,
                referral=referral,
                answered_on=min(referral.due_on, D(2026, 11, 23)),
                outcome="cin",
                accepted=True,
            )
        elif state == 2:  # answered late
            services.referral_answer(
                actor=officer,
                case=case,
                referral=referral,
                answered_on=min(referral.due_on + datetime.timedelta(days=3), D(2026, 11, 23)),
                outcome="nfa",
                accepted=True,
            )
        elif state == 3:  # disputed
            services.referral_answer(
                actor=officer,
                case=case,
                referral=referral,
                answered_on=min(referral.due_on, D(2026, 11, 23)),
                outcome="nfa",
                accepted=False,
                dispute_reason="Risk not understood",
            )
        elif state == 4:  # escalated by hand
            services.referral_escalate(
                actor=officer,
                case=case,
                referral=referral,
                level="line_manager",
                escalated_on=min(referral.due_on, D(2026, 11, 23)),
                escalated_to=world["manager1"],
            )


def db_count(status: str, today=TODAY) -> int:
    referrals = Referral.objects.all()
    escalated_by_hand = ReferralEscalation.objects.values("referral_id")
    return {
        "total": referrals.count(),
        "on_time": referrals.filter(answered_on__isnull=False, answered_on__lte=F("due_on")).count(),
        "late": referrals.filter(answered_on__gt=F("due_on")).count(),
        "unanswered": referrals.filter(answered_on__isnull=True).count(),
        "escalated": (
            referrals.filter(answered_on__isnull=True, escalate_on__lte=today)
            | referrals.filter(answered_on__isnull=True, pk__in=escalated_by_hand)
        )
        .distinct()
        .count(),
        "disputed": referrals.filter(outcome_accepted=False).count(),
    }[status]


def shown_counts(page: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r'data-status="(\w+)">(\d+)<', page)}


def test_counts_equal_the_rows_for_every_filter(client, world, make_case, make_referral):
    build(world, make_case, make_referral, 30)
    client.force_login(world["lead1"])
    page = client.get("/referrals/").content.decode()
    counts = shown_counts(page)
    assert counts["total"] == 30
    for status in ["on_time", "late", "unanswered", "escalated", "disputed"]:
        expected = db_count(status)
        assert counts[status] == expected, status
        rows = csv_rows(client.get("/referrals/", {"status": status, "format": "csv"}))
        assert len(rows) - 1 == expected, status
    assert 0 < counts["escalated"] < 30 and counts["disputed"] == 5


def test_filters_combine_and_the_csv_matches_the_page(client, world, make_case, make_referral):
    build(world, make_case, make_referral, 30)
    client.force_login(world["lead1"])
    filters = {"team": world.north.pk, "local_authority": council("Worcestershire").pk}
    page = client.get("/referrals/", filters).content.decode()
    expected = Referral.objects.filter(case__team=world.north, local_authority__name="Worcestershire").count()
    assert shown_counts(page)["total"] == expected
    rows = csv_rows(client.get("/referrals/", {**filters, "format": "csv"}))
    header, body = rows[0], rows[1:]
    assert len(body) == expected
    assert header == selectors.COLUMNS
    # The page stacks the same values in fewer cells (to fit a screen): every CSV column, each once.
    page_header = re.findall(r'<th scope="col" class="govuk-table__header">([^<]+)</th>', page)
    assert page_header == [heading for heading, _ in selectors.PAGE_COLUMNS]
    assert sorted(i for _, parts in selectors.PAGE_COLUMNS for i, _ in parts) == list(range(len(selectors.COLUMNS)))
    assert all(row[3] == "North" and "Worcestershire" in row[5] for row in body)
    period = client.get(
        "/referrals/",
        {
            "date_from_day": "1",
            "date_from_month": "10",
            "date_from_year": "2026",
            "date_to_day": "31",
            "date_to_month": "10",
            "date_to_year": "2026",
        },
    ).content.decode()
    assert shown_counts(period)["total"] == Referral.objects.filter(made_on__month=10).count()


def test_managers_see_only_their_teams(client, world, make_case, make_referral):
    build(world, make_case, make_referral, 12)
    client.force_login(world["manager1"])
    assert shown_counts(client.get("/referrals/").content.decode())["total"] == 6
    client.force_login(world["officer1"])
    assert client.get("/referrals/").status_code == 403


@pytest.mark.parametrize("fmt", ["", "csv"])
def test_register_queries_do_not_grow(client, world, make_case, make_referral, fmt):
    client.force_login(world["lead1"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/referrals/", {"format": fmt} if fmt else {})
        assert response.status_code == 200
        return len(queries)

    build(world, make_case, make_referral, 10)
    small = count()
    build(world, make_case, make_referral, 90)
    assert Referral.objects.count() == 100
    assert count() == small
