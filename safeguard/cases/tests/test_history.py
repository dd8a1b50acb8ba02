"""A case's History tab reads in plain English: what happened, by whom and when, grouped by day,
filterable by kind, paginated, in a fixed number of queries."""

import datetime
import re
import zoneinfo

import pytest
import time_machine

from safeguard.core import audit
from safeguard.core.models import AuditEvent, DeadlineRule
from safeguard.people import services as people_services
from safeguard.referrals import services as referral_services
from safeguard.register import services as register_services
from safeguard.testing import council

D = datetime.date
LONDON = zoneinfo.ZoneInfo("Europe/London")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def text_of(response) -> str:
    """The words of the page's main content, tags removed and spaces collapsed."""
    html = response.content.decode().split('id="main-content"')[1]
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def at(day: int, hour: int, minute: int = 0):
    return time_machine.travel(datetime.datetime(2026, 11, day, hour, minute, tzinfo=LONDON), tick=False)


@pytest.fixture
def registered(world, make_case, fixed_today):
    """A registered case whose review Janet Cole (the line manager) countersigned on Friday 27 November."""
    manager = world["manager1"]
    manager.first_name, manager.last_name = "Janet", "Cole"
    manager.save()
    case = make_case(first_name="Gary", last_name="Stone", children=1)
    child = case.service_user.child_links.get().child
    registration = register_services.register_case(
        actor=world["officer1"],
        case=case,
        category="linked_child",
        trigger_date=D(2026, 11, 20),
        registered_on=D(2026, 11, 23),
        children=[child],
        reason="Child on a child-protection plan",
    )
    with at(25, 11):
        review = register_services.review_record(
            actor=world["officer1"],
            case=case,
            registration=registration,
            reviewed_on=D(2026, 11, 25),
            what_changed="Nothing of note",
            decision="continue",
        )
    with at(27, 14, 5):
        register_services.review_countersign(actor=manager, case=case, review=review)
    return case


def test_history_reads_in_plain_english(client, world, registered):
    client.force_login(world["officer1"])
    response = client.get(f"/cases/{registered.pk}/history/")
    page = response.content.decode()
    words = text_of(response)
    assert "Registration review countersigned by Janet Cole" in words
    assert "Friday 27 November 2026" in words  # the day it happened, as a heading
    assert "2:05pm" in words
    assert "Countersigned on: 27 November 2026" in words  # a field's label, a date as pages show it
    assert "Decision: Continue the registration" in words  # a choice shows its label
    for debugger in ["register.countersign", "countersigned_by", "countersigned_on", "linked_child"]:
        assert debugger not in page, debugger
    assert not ISO_DATE.search(words), ISO_DATE.search(words)
    assert "modified_by" not in page and "Created by" not in words


def test_a_change_reads_from_before_to_after(client, world, make_case, fixed_today):
    case = make_case(children=1)
    people_services.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, rosh_level="high")
    client.force_login(world["officer1"])
    words = text_of(client.get(f"/cases/{case.pk}/history/"))
    assert re.search(r"Risk of serious harm[^:]* changed from \(blank\) to High", words) or re.search(
        r"changed from [A-Za-z() ]+ to High", words
    ), words


def test_a_list_of_choices_reads_as_its_labels(client, world, make_case, fixed_today):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    referral_services.referral_make(
        actor=world["officer1"],
        case=case,
        children=[child],
        made_on=D(2026, 11, 23),
        referred_to="csc",
        local_authority=council(),
        police_force="",
        concern="He threw a hammer.",
        harms=["neglect", "physical"],
        risk_level="high",
        response_wanted="section_47",
        urgency="routine",
        routine_reason="A section 47 enquiry is already open.",
        immediate_call_to="",
        immediate_call_at=None,
        channel="email",
        contact="MASH duty desk",
        discussed_with=None,
        not_discussed_reason="absent",
    )
    client.force_login(world["officer1"])
    response = client.get(f"/cases/{case.pk}/history/")
    words = text_of(response)
    assert "Referral made" in words
    assert "Nature of the harm: Neglect, Physical abuse" in words
    assert "['neglect'" not in response.content.decode() and "harms" not in response.content.decode()


def test_long_change_lists_fold_behind_details(client, world, registered):
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{registered.pk}/history/").content.decode()
    assert '<details class="govuk-details' in page
    assert re.search(r"Show \d+ (changes|details)", page)


def test_events_are_grouped_by_day_newest_first(client, world, registered):
    client.force_login(world["officer1"])
    words = text_of(client.get(f"/cases/{registered.pk}/history/"))
    friday, wednesday, monday = (
        words.index("Friday 27 November 2026"),
        words.index("Wednesday 25 November 2026"),
        words.index("Monday 23 November 2026"),
    )
    assert friday < wednesday < monday
    assert words.count("Monday 23 November 2026") == 1  # one heading for the day, however many events
    assert friday < words.index("Registration review countersigned") < wednesday


def test_filter_by_kind(client, world, registered):
    client.force_login(world["officer1"])
    everything = client.get(f"/cases/{registered.pk}/history/")
    assert '<select class="govuk-select" id="kind" name="kind"' in everything.content.decode()
    assert "Child added" in text_of(everything)
    register_only = text_of(client.get(f"/cases/{registered.pk}/history/", {"kind": "register"}))
    assert "Registration review countersigned" in register_only
    assert "Child added" not in register_only
    people_only = text_of(client.get(f"/cases/{registered.pk}/history/", {"kind": "people"}))
    assert "Child added" in people_only and "Registration review countersigned" not in people_only
    nonsense = client.get(f"/cases/{registered.pk}/history/", {"kind": "nonsense"})
    assert nonsense.status_code == 200 and "Child added" in text_of(nonsense)  # an unknown kind shows everything


def record_events(case, actor, count: int) -> None:
    child = case.service_user.child_links.first().child
    for i in range(count):
        audit.record(
            actor=actor, action="child.update", obj=child, case=case, changes={"school": [f"School {i}", f"School {i + 1}"]}
        )


def test_history_is_paginated_and_keeps_the_filter(client, world, make_case, fixed_today):
    case = make_case(children=1)
    record_events(case, world["officer1"], 60)
    client.force_login(world["officer1"])
    first = client.get(f"/cases/{case.pk}/history/", {"kind": "people"}).content.decode()
    assert "Page 1 of 3" in first  # 67 events about people, 25 a page
    assert first.count('class="moj-timeline__item"') == 25
    assert "kind=people&amp;page=2" in first
    last = client.get(f"/cases/{case.pk}/history/", {"kind": "people", "page": 3}).content.decode()
    assert "Page 3 of 3" in last and last.count('class="moj-timeline__item"') == 17
    assert "Case opened" not in last


def count_history_queries(client, case, django_assert_max_num_queries, limit: int) -> None:
    with django_assert_max_num_queries(limit):
        assert client.get(f"/cases/{case.pk}/history/").status_code == 200


@pytest.mark.parametrize("events", [10, 60])
def test_history_queries_do_not_grow_with_events(client, world, make_case, fixed_today, django_assert_max_num_queries, events):
    case = make_case(children=3, adults=1)
    record_events(case, world["officer1"], events)
    client.force_login(world["officer1"])
    # session, user, case, tabs, flags (meetings: up to 5), count, page
    count_history_queries(client, case, django_assert_max_num_queries, 14)


def test_an_app_that_declares_no_wording_reads_from_its_models_names(client, world, make_case, fixed_today):
    """Core declares no wording for deadline rules: the fallback is built from the model's name and
    its fields' names."""
    case = make_case()
    rule = DeadlineRule.objects.get(name="register_review")
    audit.record(
        actor=world["officer1"],
        action="rule.something_new",
        obj=rule,
        case=case,
        changes={"length": [None, 4], "unit": [None, "months"]},
    )
    audit.record(actor=world["officer1"], action="rule.tweak", obj=rule, case=case, changes={"length": [4, 5]})
    client.force_login(world["officer1"])
    words = text_of(client.get(f"/cases/{case.pk}/history/"))
    assert "Deadline rule added" in words and "Deadline rule changed" in words
    assert "Length: 4" in words and "Unit: Months" in words
    assert "Length changed from 4 to 5" in words
    assert "rule.something_new" not in words
    assert AuditEvent.objects.filter(case_id=case.pk, action="rule.tweak").exists()
