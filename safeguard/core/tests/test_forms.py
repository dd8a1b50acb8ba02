import datetime

import pytest
from django.core.exceptions import ValidationError

from safeguard.core.forms import GovukDateField, name_key, normalise_name


@pytest.fixture
def field():
    return GovukDateField(label="Date of birth", past_only=True)


@pytest.mark.parametrize(
    "parts,expected",
    [
        (["27", "3", "1990"], datetime.date(1990, 3, 27)),
        ([" 7 ", "03", "1990"], datetime.date(1990, 3, 7)),
        (["7", "Mar", "1990"], datetime.date(1990, 3, 7)),
        (["7", "march", "1990"], datetime.date(1990, 3, 7)),
        (["29", "2", "2024"], datetime.date(2024, 2, 29)),
    ],
)
def test_real_dates_typed_several_ways_are_read(field, parts, expected, fixed_today):
    assert field.clean(parts) == expected


@pytest.mark.parametrize(
    "parts,message",
    [
        (["31", "2", "1990"], "Date of birth must be a real date"),
        (["29", "2", "2023"], "Date of birth must be a real date"),
        (["", "3", "1990"], "Date of birth must include a day"),
        (["1", "", ""], "Date of birth must include a month and year"),
        (["1", "13", "1990"], "Date of birth must be a real date"),
        (["1", "3", "90"], "Date of birth must be a real date"),
        (["x", "3", "1990"], "Date of birth must be a real date"),
        (["1", "3", "1850"], "Date of birth must be after 1900"),
        (["24", "11", "2026"], "Date of birth must be today or in the past"),
        (["", "", ""], "Enter date of birth"),
    ],
)
def test_bad_dates_get_govuk_messages(field, parts, message, fixed_today):
    with pytest.raises(ValidationError) as error:
        field.clean(parts)
    assert error.value.messages == [message]


def test_optional_blank_date_is_none():
    assert GovukDateField(required=False).clean(["", "", ""]) is None


def test_names_are_tidied_and_keyed():
    assert normalise_name("  Mary\u00a0 Jane  ") == "Mary Jane"
    assert name_key("O\u2019Neil") == name_key("o neil") == name_key("ONEIL") == "oneil"
    assert name_key("Zoë") == "zoe"
