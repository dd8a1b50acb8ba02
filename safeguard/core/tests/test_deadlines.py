"""The deadline engine: working days, bank holidays of each nation, months, configurable rules."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from safeguard.core import deadlines
from safeguard.core.deadlines import add, add_working_days, due_date, is_working_day, working_days_between
from safeguard.core.models import DeadlineRule

D = datetime.date


@pytest.mark.parametrize(
    "start,days,expected",
    [
        (D(2026, 11, 23), 1, D(2026, 11, 24)),  # Monday → Tuesday
        (D(2026, 11, 27), 1, D(2026, 11, 30)),  # Friday → Monday
        (D(2026, 11, 28), 1, D(2026, 11, 30)),  # Saturday → Monday
        (D(2026, 11, 23), 10, D(2026, 12, 7)),  # two full weeks
        (D(2026, 4, 2), 1, D(2026, 4, 7)),  # Thursday before Easter: Good Friday and Easter Monday skipped
        (D(2027, 3, 24), 3, D(2027, 3, 31)),  # Easter 2027: 26 and 29 March
        (D(2026, 12, 24), 1, D(2026, 12, 29)),  # Christmas Friday, Boxing Day Saturday → observed Monday 28th
        (D(2026, 12, 18), 10, D(2027, 1, 6)),  # across Christmas and New Year
        (D(2027, 12, 24), 1, D(2027, 12, 29)),  # Christmas on Saturday: substitute days 27 and 28
        (D(2026, 11, 28), 0, D(2026, 11, 30)),  # zero days from a Saturday: the next working day
    ],
)
def test_working_days_in_england(start, days, expected):
    assert add_working_days(start, days, "England") == expected


def test_nations_have_their_own_bank_holidays():
    assert not is_working_day(D(2027, 1, 4), "Scotland")  # New Year holiday (observed)
    assert is_working_day(D(2027, 1, 4), "England")
    assert not is_working_day(D(2026, 3, 17), "Northern Ireland")  # St Patrick's Day
    assert is_working_day(D(2026, 3, 17), "England")
    assert not is_working_day(D(2025, 5, 9), "Jersey") and is_working_day(D(2025, 5, 9), "England")  # Liberation Day
    assert not is_working_day(D(2026, 8, 3), "Scotland") and is_working_day(D(2026, 8, 3), "England")


@pytest.mark.parametrize(
    "start,months,expected",
    [
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2027, 11, 30), 3, D(2028, 2, 29)),  # leap year
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 8, 31), 4, D(2026, 12, 31)),
        (D(2026, 10, 31), 6, D(2027, 4, 30)),
        (D(2026, 5, 15), 4, D(2026, 9, 15)),
    ],
)
def test_months_clamp_to_month_end(start, months, expected):
    assert add(start, months, "months") == expected


def test_calendar_days_ignore_weekends():
    assert add(D(2026, 11, 27), 7, "calendar_days") == D(2026, 12, 4)


def test_working_days_between_counts_both_ways():
    assert working_days_between(D(2026, 12, 18), D(2027, 1, 6), "England") == 10
    assert working_days_between(D(2027, 1, 6), D(2026, 12, 18), "England") == -10
    assert working_days_between(D(2026, 11, 23), D(2026, 11, 23)) == 0


def test_every_named_rule_exists_with_its_default(db):
    names = set(DeadlineRule.objects.values_list("name", flat=True))
    assert names >= {
        "request_for_information_reply",
        "police_check_reply",
        "referral_reply",
        "referral_written_followup",
        "core_assessment",
        "first_core_group",
        "first_review_conference",
        "review_conference",
        "registration_target",
        "register_review",
        "home_visit_registered",
    }
    assert due_date("first_review_conference", D(2026, 11, 30)) == D(2027, 2, 28)
    assert due_date("core_assessment", D(2026, 11, 23)) == add_working_days(D(2026, 11, 23), 35)
    assert due_date("registration_target", D(2026, 11, 23)) == D(2026, 11, 30)


def test_an_administrators_change_is_used_and_survives_migrate(db):
    DeadlineRule.objects.filter(name="request_for_information_reply").update(length=15)
    assert due_date("request_for_information_reply", D(2026, 11, 23)) == D(2026, 12, 14)
    assert deadlines.ensure_rules() == 0
    assert DeadlineRule.objects.get(name="request_for_information_reply").length == 15


def test_due_date_command(db):
    out = StringIO()
    call_command("due_date", "request_for_information_reply", "2026-12-18", stdout=out)
    assert out.getvalue().strip() == "2027-01-06"
    out = StringIO()
    call_command("due_date", "request_for_information_reply", "2026-12-18", "--nation", "Scotland", stdout=out)
    assert out.getvalue().strip() == "2027-01-07"  # 4 January is a holiday in Scotland
    with pytest.raises(CommandError, match="No deadline rule"):
        call_command("due_date", "no_such_rule", "2026-12-18")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("due_date", "referral_reply", "18/12/2026")
