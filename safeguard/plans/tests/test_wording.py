"""The vague-phrase rule on its own: what "says no more than liaise with children's services" means."""

import pytest
from django.core.exceptions import ValidationError

from safeguard.plans import wording

VAGUE = [
    "Liaise with children's services",
    "liaise with Childrens Services.",
    "Liaise with children’s services",
    "LIAISE WITH SOCIAL SERVICES",
    "Liaison with Children Service",  # the Jersey review's words
    "Work with social care",
    "Monitor contact with children",
    "Keep children's services informed",
    "Continue to liaise",
    "Continue to liaise with CSC re Tyler",
    "Liaise with the social worker as required",
    "OM to liaise with children's social care and monitor contact",
]


@pytest.mark.parametrize("text", VAGUE)
def test_an_objective_that_says_no_more_than_liaise_is_refused(text):
    with pytest.raises(ValidationError) as refused:
        wording.check("work", text)
    assert "what you will do, with whom, how often and for which children" in refused.value.message_dict["work"][0]


@pytest.mark.parametrize(
    "text",
    [
        wording.GOOD_EXAMPLE,
        "Visit the home monthly to see Tyler and Kayleigh",
        "Complete the domestic abuse programme with Wayne and tell the social worker his attendance each week",
    ],
)
def test_an_objective_that_says_what_the_officer_will_do_is_accepted(text):
    assert wording.check("work", text) == text.strip()


@pytest.mark.parametrize("text", ["Keep children's services informed", "Liaise with social worker monthly", "As required"])
def test_how_social_care_is_kept_informed_must_say_how_and_when(text):
    with pytest.raises(ValidationError) as refused:
        wording.check("informing", text)
    assert "how and when" in refused.value.message_dict["informing"][0]


def test_informing_may_talk_about_the_social_worker_when_it_says_how_and_when():
    assert wording.check("informing", "Email the social worker after each home visit")
    assert wording.check("informing", "Phone CSC every Friday with attendance")
