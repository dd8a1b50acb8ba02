"""Urgency is checked against the content: a referral whose harm, level of risk and response wanted
point to a grave concern cannot be routine without a recorded reason. Which combinations point to a
grave concern is configuration (SAFEGUARD["GRAVE_CONCERN"])."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from safeguard.people import services as people
from safeguard.referrals.models import Referral

from .conftest import TODAY

D = datetime.date


@pytest.fixture
def five_year_old(world, referral_case):
    return people.child_add(
        actor=world["officer1"],
        case=referral_case,
        where="service_user",
        child={"first_name": "Tyler", "last_name": "Holt", "date_of_birth": D(2021, 6, 1)},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
    ).child


def grave_routine(make_referral, child, **overrides):
    values = {"harms": ["physical"], "risk_level": "high", "response_wanted": "section_47", "urgency": "routine"}
    return make_referral(children=[child], **{**values, "routine_reason": "", **overrides})


def test_physical_harm_to_a_five_year_old_with_high_risk_and_section_47_is_not_routine_without_a_reason(
    make_referral, five_year_old
):
    with pytest.raises(ValidationError) as error:
        grave_routine(make_referral, five_year_old)
    [message] = error.value.message_dict["routine_reason"]
    assert message.startswith("Give a reason for making this referral routine:")
    assert "physical abuse" in message and "a child under 8" in message and "a section 47 enquiry wanted" in message
    assert not Referral.objects.exists()

    referral = grave_routine(
        make_referral, five_year_old, routine_reason="Children's social care opened a section 47 enquiry yesterday"
    )
    assert referral.routine_reason == "Children's social care opened a section 47 enquiry yesterday"


def test_a_grave_referral_needs_no_reason_and_keeps_none(make_referral, five_year_old):
    referral = grave_routine(
        make_referral,
        five_year_old,
        urgency="grave",
        immediate_call_to="Police on 999",
        immediate_call_at=datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC),
        routine_reason="typed, then grave was chosen",
    )
    assert referral.routine_reason == ""


def test_content_that_points_to_no_grave_concern_may_be_routine(make_referral, five_year_old):
    referral = grave_routine(make_referral, five_year_old, harms=["neglect"], risk_level="medium", response_wanted="assessment")
    assert referral.urgency == "routine"


@pytest.mark.parametrize(
    ("overrides", "words"),
    [
        (
            {"harms": ["neglect"], "risk_level": "immediate", "response_wanted": "assessment"},
            "immediate risk of significant harm",
        ),
        ({"harms": ["neglect"], "risk_level": "medium", "response_wanted": "protection"}, "immediate protection wanted"),
    ],
)
def test_an_immediate_risk_or_protection_is_grave_whatever_the_age(make_referral, referral_case, overrides, words):
    older = referral_case.service_user.child_links.all()[1].child
    with pytest.raises(ValidationError, match=words):
        grave_routine(make_referral, older, **overrides)


def test_which_combinations_are_grave_is_configuration(make_referral, five_year_old, settings):
    settings.SAFEGUARD = {
        **settings.SAFEGUARD,
        "GRAVE_CONCERN": [{"harms": ["physical"], "risk_level": ["high"], "response_wanted": ["section_47"], "child_under": 5}],
    }
    assert grave_routine(make_referral, five_year_old).routine_reason == ""  # five is not under 5 here
    settings.SAFEGUARD = {**settings.SAFEGUARD, "GRAVE_CONCERN": [{"response_wanted": ["section_47"]}]}
    with pytest.raises(ValidationError, match="a section 47 enquiry wanted"):
        grave_routine(make_referral, five_year_old, harms=["neglect"], risk_level="low")


def test_an_unborn_child_counts_as_under_any_age(world, referral_case, make_referral):
    unborn = people.child_add(
        actor=world["officer1"],
        case=referral_case,
        where="service_user",
        child={"first_name": "Baby", "last_name": "Holt", "expected_date_of_delivery": TODAY + datetime.timedelta(days=60)},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
    ).child
    with pytest.raises(ValidationError, match="a child under 8"):
        grave_routine(make_referral, unborn)


def test_the_form_asks_for_the_reason_under_routine_and_the_page_and_history_show_it(client, world, referral_case, five_year_old):
    client.force_login(world["officer1"])
    url = f"/cases/{referral_case.pk}/referrals/new/"
    data = {
        "children": [five_year_old.pk],
        "concern": "Tyler had a burn on his hand; Darren said he held it to the cooker.",
        "harms": ["physical"],
        "risk_level": "high",
        "response_wanted": "section_47",
        "urgency": "routine",
        "referred_to": "csc",
        "local_authority": five_year_old.responsible_local_authority.pk,
        "channel": "email",
        "made_on_day": "23",
        "made_on_month": "11",
        "made_on_year": "2026",
        "not_discussed_reason": "absent",
    }
    page = client.post(url, data).content.decode()
    assert "There is a problem" in page
    summary = page[page.index("govuk-error-summary") :]
    assert 'href="#id_routine_reason"' in summary and "Give a reason for making this referral routine:" in summary
    assert not Referral.objects.exists()
    # The reason is asked under "Routine", a GOV.UK conditional reveal.
    routine = re.search(r'<input[^>]*name="urgency"[^>]*value="routine"[^>]*>', page)
    assert routine and "data-aria-controls=" in routine[0]
    target = re.search(r'data-aria-controls="([^"]+)"', routine[0])
    assert target
    assert (
        routine.start() < page.index(f'id="{target[1]}"') < page.index('name="routine_reason"') < page.index('name="referred_to"')
    )

    reason = "A section 47 enquiry on Tyler is already open; this adds the burn to it."
    response = client.post(url, {**data, "routine_reason": reason})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.routine_reason == reason
    detail = client.get(f"/cases/{referral_case.pk}/referrals/{referral.pk}/").content.decode()
    assert "Why routine" in detail and reason in detail
    history = client.get(f"/cases/{referral_case.pk}/history/").content.decode()
    assert reason in history
