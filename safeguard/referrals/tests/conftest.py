import datetime

import pytest

from safeguard.referrals import services
from safeguard.testing import council

D = datetime.date
TODAY = D(2026, 11, 23)


def referral_values(**overrides) -> dict:
    values = {
        "referred_to": "csc",
        "local_authority": council(),
        "police_force": "",
        "concern": "He threw a hammer towards Kayleigh.",
        "harms": ["physical"],
        "risk_level": "high",
        "response_wanted": "section_47",
        "urgency": "routine",
        # Physical harm, high risk and a section 47 enquiry point to a grave concern: routine needs a reason.
        "routine_reason": "Children's social care already has an open section 47 enquiry; this adds to it.",
        "immediate_call_to": "",
        "immediate_call_at": None,
        "channel": "email",
        "contact": "MASH duty desk",
        "discussed_with": None,
        "not_discussed_reason": "absent",
    }
    values.update(overrides)
    return values


@pytest.fixture
def referral_case(world, make_case, fixed_today):
    return make_case(first_name="Darren", last_name="Holt", children=2)


@pytest.fixture
def make_referral(world, referral_case):
    def make(case=None, made_on=TODAY, actor=None, **overrides):
        case = case or referral_case
        children = overrides.pop("children", None)
        if children is None:
            children = [link.child for link in case.service_user.child_links.all()[:1]]
        return services.referral_make(
            actor=actor or world["officer1"], case=case, children=children, made_on=made_on, **referral_values(**overrides)
        )

    return make
