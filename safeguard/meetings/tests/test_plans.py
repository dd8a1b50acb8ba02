"""Minutes checked for accuracy (WM 4.4), plans on file and shared (HMIP 2014 2.26), the end of a
plan, and "no invitation" as a finding on the case and the register (HMIP 2014 2.39)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safeguard.core import flags
from safeguard.meetings import services
from safeguard.meetings.models import Meeting, ProtectionPlan
from safeguard.register import services as register

from .conftest import on, steps

D = datetime.date
K = Meeting.Kind


def children(case):
    return [link.child for link in case.service_user.child_links.order_by("pk")]


def case_flags(case):
    case.refresh_from_db()
    flags.attach_to_cases([case])
    return [flag.label for flag in case.flags]


def test_minutes_received_are_a_step_until_checked_and_an_error_needs_its_correction(world, meeting_case, hold):
    meeting = hold(K.CORE_GROUP, D(2026, 11, 12))
    officer = world["officer1"]
    with pytest.raises(ValidationError):  # nothing to check before the minutes come
        services.minutes_checked(
            actor=officer, case=meeting_case, meeting=meeting, minutes_checked_on=D(2026, 11, 20), minutes_accurate=True
        )
    services.minutes_received(actor=officer, case=meeting_case, meeting=meeting, minutes_received_on=D(2026, 11, 19))
    [step] = steps(meeting_case, "meetings.minutes_checked")
    assert step.due_on == D(2026, 11, 19) and step.is_overdue
    with pytest.raises(ValidationError) as refused:
        services.minutes_checked(
            actor=officer, case=meeting_case, meeting=meeting, minutes_checked_on=D(2026, 11, 20), minutes_accurate=False
        )
    assert "minutes_correction" in refused.value.message_dict
    meeting.refresh_from_db()
    assert meeting.minutes_checked_on is None
    services.minutes_checked(
        actor=officer,
        case=meeting_case,
        meeting=meeting,
        minutes_checked_on=D(2026, 11, 20),
        minutes_accurate=False,
        minutes_correction="  Action 3 is the social worker's, not probation's  ",
    )
    meeting.refresh_from_db()
    assert meeting.minutes_correction == "Action 3 is the social worker's, not probation's"
    assert steps(meeting_case, "meetings.minutes_checked") == []


def test_a_child_on_a_plan_needs_the_plan_on_file_and_the_risk_plan_shared(world, meeting_case, hold, fixed_today):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)
    tyler, kayleigh = children(meeting_case)
    [on_file] = steps(meeting_case, "meetings.plan_on_file")
    [shared] = steps(meeting_case, "meetings.risk_plan_shared")
    # 10 working days from the plan's start on 2 November
    assert on_file.due_on == shared.due_on == D(2026, 11, 16)
    assert "Tyler Garside (since 02/11/2026)" in on_file.fact and "Kayleigh Garside" in on_file.fact
    assert "Plans not on file" in case_flags(meeting_case)

    officer = world["officer1"]
    with pytest.raises(ValidationError) as refused:
        services.protection_plan_add(
            actor=officer, case=meeting_case, children=[tyler], made_on=D(2026, 11, 2), category="neglect",
            received_on=D(2026, 11, 10), probation_role="   ",
        )  # fmt: skip
    assert "probation_role" in refused.value.message_dict and not ProtectionPlan.objects.exists()
    services.protection_plan_add(
        actor=officer, case=meeting_case, children=[tyler], made_on=D(2026, 11, 2), category="neglect",
        received_on=D(2026, 11, 10), probation_role="Home visits monthly; tell the social worker of any breach",
    )  # fmt: skip
    [on_file] = steps(meeting_case, "meetings.plan_on_file")
    assert "Kayleigh Garside" in on_file.fact and "Tyler" not in on_file.fact
    services.protection_plan_add(
        actor=officer, case=meeting_case, children=[kayleigh], made_on=D(2026, 11, 2), category="neglect",
        received_on=D(2026, 11, 10), probation_role="As for Tyler",
    )  # fmt: skip
    assert steps(meeting_case, "meetings.plan_on_file") == []
    assert "Plans not on file" in case_flags(meeting_case)  # the risk-management plan is still not shared
    services.risk_plan_shared(actor=officer, case=meeting_case, shared_on=D(2026, 11, 12), shared_with="Jo Smith")
    assert steps(meeting_case, "meetings.risk_plan_shared") == []
    assert "Plans not on file" not in case_flags(meeting_case)


def test_a_copy_from_before_the_plan_began_does_not_count(world, meeting_case, hold, fixed_today):
    officer = world["officer1"]
    tyler, _ = children(meeting_case)
    services.protection_plan_add(
        actor=officer, case=meeting_case, children=[tyler], made_on=D(2025, 3, 1), category="neglect",
        received_on=D(2025, 3, 5), probation_role="An earlier plan",
    )  # fmt: skip
    services.risk_plan_shared(actor=officer, case=meeting_case, shared_on=D(2025, 3, 5), shared_with="Jo Smith")
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)
    assert "Tyler Garside" in steps(meeting_case, "meetings.plan_on_file")[0].fact
    assert steps(meeting_case, "meetings.risk_plan_shared")


def test_the_end_of_a_plan_asks_the_status_after_it(world, meeting_case, hold, fixed_today):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)
    review = hold(K.REVIEW_CONFERENCE, D(2027, 1, 28))
    with pytest.raises(ValidationError) as refused:  # the status after is asked, never assumed
        services.meeting_decision(actor=world["officer1"], case=meeting_case, meeting=review, plan_made=False)
    assert "status_after" in refused.value.message_dict
    assert all(child.csc_status == "cpp" for child in children(meeting_case))
    services.meeting_decision(
        actor=world["officer1"], case=meeting_case, meeting=review, plan_made=False, status_after="child_in_need"
    )
    assert [child.csc_status for child in children(meeting_case)] == ["child_in_need", "child_in_need"]
    # no child on a plan: nothing more to put on file, and the register's review trigger follows
    assert steps(meeting_case, "meetings.plan_on_file") == [] and steps(meeting_case, "register.review_now") == []


def test_no_invitation_when_the_core_group_was_due_is_on_the_case_and_the_register(
    client, world, meeting_case, hold, fixed_today
):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 23), plan=True)
    register.register_case(
        actor=world["officer1"], case=meeting_case, category="linked_child", trigger_date=D(2026, 11, 23),
        registered_on=D(2026, 11, 23), children=children(meeting_case), reason="Children on a plan",
    )  # fmt: skip
    fixed_today.move_to(on(D(2026, 12, 7)))  # the first core group is due by 7 December: not yet late
    assert steps(meeting_case, "meetings.no_invitation") == []
    client.force_login(world["manager1"])
    register_page = client.get(reverse("register:register")).content.decode()
    assert "Wayne" in register_page and "No invitation" not in register_page
    fixed_today.move_to(on(D(2026, 12, 8)))
    client.force_login(world["manager1"])
    [step] = steps(meeting_case, "meetings.no_invitation")
    assert step.title == "No invitation received: contact the chair" and step.due_on == D(2026, 12, 7)
    assert "No invitation" in case_flags(meeting_case)
    register_page = client.get(reverse("register:register")).content.decode()
    assert "No invitation" in register_page and "Wayne" in register_page
    overview = client.get(reverse("cases:detail", args=[meeting_case.pk])).content.decode()
    assert "No invitation" in overview, overview[overview.find("main-content") :][:6000]
    hold(K.CORE_GROUP, D(2026, 12, 9))
    assert steps(meeting_case, "meetings.no_invitation") == []
    assert "No invitation" not in case_flags(meeting_case)


def test_the_plans_pages_record_a_plan_and_the_sharing(client, world, meeting_case, hold, fixed_today):
    hold(K.INITIAL_CONFERENCE, D(2026, 11, 2), plan=True)
    tyler, _ = children(meeting_case)
    client.force_login(world["officer1"])
    new = reverse("meetings:protection_plan_new", args=[meeting_case.pk])
    html = client.post(new, {"children": [tyler.pk]}).content.decode()
    assert "govuk-error-summary" in html and "Enter probation&#x27;s role in the plan" in html
    assert not ProtectionPlan.objects.exists()
    response = client.post(
        new,
        {
            "children": [tyler.pk],
            "made_on_day": "2", "made_on_month": "11", "made_on_year": "2026",
            "category": "neglect",
            "received_on_day": "10", "received_on_month": "11", "received_on_year": "2026",
            "probation_role": "Monthly home visits",
        },
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    shared = reverse("meetings:risk_plan_shared", args=[meeting_case.pk])
    response = client.post(
        shared, {"shared_on_day": "12", "shared_on_month": "11", "shared_on_year": "2026", "shared_with": "Jo Smith"}
    )
    assert response.status_code == 302
    page = client.get(reverse("meetings:index", args=[meeting_case.pk])).content.decode()
    assert "Monthly home visits" in page and "Risk-management plan shared with Jo Smith on 12 November 2026" in page


def test_late_invitations_are_counted_on_the_tab(client, world, meeting_case, hold, fixed_today):
    hold(K.CORE_GROUP, D(2026, 11, 12), invited_on=D(2026, 11, 10))
    hold(K.STRATEGY, D(2026, 11, 16), invited_on=D(2026, 11, 2))
    hold(K.PROFESSIONALS, D(2026, 11, 18))
    client.force_login(world["officer1"])
    page = client.get(reverse("meetings:index", args=[meeting_case.pk])).content.decode()
    assert "1 of 2 invitations came late (less than 5 days before the meeting)" in page
