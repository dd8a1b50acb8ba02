"""Every app's records on the case's one timeline: the checks, referrals, register and meetings apps
each declare a timeline provider, so the Record tab shows what each recorded, filtered by its kind,
in a number of queries that does not grow with the records."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.checks import services as checks
from safeguard.checks.models import CHECKLIST_QUESTIONS
from safeguard.core import registry
from safeguard.meetings import services as meetings
from safeguard.people import services as people
from safeguard.referrals import services as referrals
from safeguard.referrals.tests.conftest import referral_values
from safeguard.register import services as register
from safeguard.testing import council

D = datetime.date
TODAY = D(2026, 11, 23)  # fixed_today


def _case_with_a_child_on_a_plan(world, make_case, first: str, child: str):
    case = make_case(first_name=first, last_name="Holt")
    on_plan = people.child_add(
        actor=world["officer1"],
        case=case,
        where="service_user",
        child={"first_name": child, "last_name": "Holt", "date_of_birth": D(2019, 2, 14)},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
        status={"status": "cpp", "category": "neglect", "start_date": D(2026, 10, 1), "local_authority": council()},
    ).child
    return case, on_plan


@pytest.fixture
def family(world, make_case, fixed_today):
    """Darren Holt's case in North, held by officer1: Tyler, on a child-protection plan."""
    return _case_with_a_child_on_a_plan(world, make_case, "Darren", "Tyler")


def _checklist(world, case, day):
    answers: dict[str, bool | str] = {name: name == "living_with_children" for name, _, _ in CHECKLIST_QUESTIONS}
    answers["living_with_children_details"] = "His son"
    checks.checklist_record(actor=world["officer1"], case=case, stage="start_of_order", asked_on=day, answers=answers)


def _request(world, case, day, tyler):
    [request] = checks.requests_prepare(actor=world["officer1"], case=case)
    checks.request_send(actor=world["officer1"], case=case, request=request, sent_on=day, channel="portal", recipient="MASH")
    checks.request_chase(actor=world["officer1"], case=case, request=request, chased_on=day, method="phone", spoke_to="Duty")
    checks.request_answer(
        actor=world["officer1"],
        case=case,
        request=request,
        answered_on=day,
        service_user_known=True,
        children={tyler.pk: {"known": "known", "status": "cpp", "category": "neglect"}},
    )


def _police(world, case, day):
    check = checks.police_check_prepare(actor=world["officer1"], case=case, police_force="West Mercia Police")
    checks.police_check_send(actor=world["officer1"], case=case, check=check, sent_on=day, channel="phone", recipient="PPU")
    checks.police_check_answer(
        actor=world["officer1"], case=case, check=check, answered_on=day, callouts=False, child_intelligence=False
    )


def _notification(world, case, day, tyler):
    notification = checks.notification_prepare(
        actor=world["officer1"], case=case, kind="involvement", local_authority=council(), children=[tyler]
    )
    checks.notification_send(
        actor=world["officer1"], case=case, notification=notification, sent_on=day, channel="portal", recipient="Key worker"
    )


def _referral(world, case, day, tyler):
    referral = referrals.referral_make(actor=world["officer1"], case=case, children=[tyler], made_on=day, **referral_values())
    referrals.referral_chase(actor=world["officer1"], case=case, referral=referral, chased_on=day, method="phone")


def _registration(world, case, day, tyler, category="linked_child"):
    registration = register.register_case(
        actor=world["officer1"],
        case=case,
        category=category,
        trigger_date=day,
        registered_on=day,
        children=[] if category == "risk_unspecified" else [tyler],
        reason="Child on a plan",
    )
    register.review_record(
        actor=world["officer1"], case=case, registration=registration, reviewed_on=day, what_changed="None", decision="continue"
    )


def _meeting(world, case, day, tyler, kind="core_group"):
    meeting = meetings.meeting_record(
        actor=world["officer1"], case=case, kind=kind, children=[tyler], held_on=day, convened_by="Worcestershire"
    )
    meetings.minutes_received(actor=world["officer1"], case=case, meeting=meeting, minutes_received_on=day)


def fill(world, case, tyler, how_many: int = 1) -> None:
    """`how_many` of each kind of record (as many registrations as there are categories to hold)."""
    categories = ["linked_child", "risk_identified", "concerns", "risk_unspecified"]
    kinds = ["core_group", "strategy", "professionals", "child_in_need", "mappa"]
    for i in range(how_many):
        day = TODAY - datetime.timedelta(days=30 - i)
        _checklist(world, case, day)
        _police(world, case, day)
        _notification(world, case, day, tyler)
        _referral(world, case, day, tyler)
        _meeting(world, case, day, tyler, kinds[i])
        if i < len(categories):
            _registration(world, case, day, tyler, categories[i])
    _request(world, case, TODAY - datetime.timedelta(days=20), tyler)


EVERY_APP = {
    "Checks": [
        "Safeguarding children checklist asked (start of order)",
        "Request for information sent to Worcestershire children&#x27;s services",
        "Request to Worcestershire children&#x27;s services chased",
        "Reply from Worcestershire children&#x27;s services",
        "Police check sent to West Mercia Police",
        "Reply from West Mercia Police to the police check",
        "Notification of probation involvement sent to Worcestershire children&#x27;s services",
    ],
    "Referrals": ["Referral to children&#x27;s social care (Worcestershire)", "Referral chased"],
    "Register": ["Registered on the probation child-protection register", "Registration reviewed: continue the registration"],
    "Meetings": ["Core group held", "Minutes of the core group received"],
}


def _timeline(client, case, **query) -> str:
    response = client.get(f"/cases/{case.pk}/record/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_every_apps_records_are_on_the_timeline(client, world, family):
    case, tyler = family
    fill(world, case, tyler)
    client.force_login(world["officer1"])
    page = _timeline(client, case)
    for kind, titles in EVERY_APP.items():
        for title in titles:
            assert title in page, (kind, title)
    assert f'href="/cases/{case.pk}/checks/requests/' in page and f'href="/cases/{case.pk}/meetings/' in page
    assert f'href="/cases/{case.pk}/referrals/' in page and f'href="/cases/{case.pk}/register/#registration-' in page
    assert "He threw a hammer" not in page  # the concern in the officer's words stays on the referral


@pytest.mark.parametrize("kind", sorted(EVERY_APP))
def test_filtering_by_kind_shows_only_that_apps_records(client, world, family, kind):
    case, tyler = family
    fill(world, case, tyler)
    client.force_login(world["officer1"])
    page = _timeline(client, case, kind=kind)
    for other, titles in EVERY_APP.items():
        for title in titles:
            assert (title in page) == (other == kind), (kind, title)


def test_each_provider_names_its_apps_history_kind_and_the_children(world, family):
    case, tyler = family
    fill(world, case, tyler)
    kinds = set(registry.history_kinds(case_records_only=True).values())
    items = [item for provider in registry.timeline_providers() for item in provider(case)]
    assert {item.kind for item in items} >= set(EVERY_APP) and {item.kind for item in items} <= kinds | {"Manager decisions"}
    about_tyler = [item for item in items if item.kind != "Case" and (item.kind != "Checks" or "Police" not in item.title)]
    assert all(item.children == (tyler.pk,) for item in about_tyler if "checklist" not in item.title)
    assert all(item.dated_only and item.at.hour == 0 for item in items if not item.title.startswith("Allocated to"))


def test_a_child_filter_and_a_period_narrow_every_apps_records(client, world, family):
    case, tyler = family
    fill(world, case, tyler)
    client.force_login(world["officer1"])
    by_child = _timeline(client, case, child=tyler.pk)
    assert "Referral chased" in by_child and "Core group held" in by_child and "Police check sent" not in by_child
    day = TODAY - datetime.timedelta(days=20)
    period = {"since_day": day.day, "since_month": day.month, "since_year": day.year}
    assert "Core group held" not in _timeline(client, case, **period)  # held 30 days ago
    assert "Reply from Worcestershire" in _timeline(client, case, **period)


def test_a_meeting_to_come_shows_as_booked_until_it_is_held(client, world, family, fixed_today):
    case, tyler = family
    meetings.meeting_record(
        actor=world["officer1"], case=case, kind="review_conference", children=[tyler], held_on=D(2026, 12, 7), convened_by="LA"
    )
    client.force_login(world["officer1"])
    assert "Review child-protection conference booked for 7 December 2026" in _timeline(client, case)
    fixed_today.move_to(datetime.datetime(2026, 12, 8, 9, 0, tzinfo=datetime.UTC))
    client.force_login(world["officer1"])  # a new sign-in: the clock moved past the session's timeout
    page = _timeline(client, case)
    assert "Review child-protection conference held" in page and "booked for" not in page


def test_the_timeline_runs_the_same_queries_with_one_or_five_records_of_each_kind(client, world, make_case, family):
    case, tyler = family
    fill(world, case, tyler, 1)
    big, big_child = _case_with_a_child_on_a_plan(world, make_case, "Lee", "Kai")
    fill(world, big, big_child, 5)
    client.force_login(world["officer1"])

    def count(of) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            page = _timeline(client, of)
        return len(queries), int(re.search(r'id="timeline-count">(\d+) item', page)[1])  # type: ignore[index]

    (few, small_items), (many, big_items) = count(case), count(big)
    # 13 items from one of each (a request, a police check and a referral each bring their reply or chase);
    # 51 from five of each (four registrations: one per category); each case adds its opening and allocation.
    assert (small_items, big_items) == (13 + 2, 51 + 2)
    assert few == many, (few, many)
