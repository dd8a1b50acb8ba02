import re

import pytest

from safeguard.referrals.models import Referral


@pytest.fixture
def form_data(referral_case):
    child = referral_case.service_user.child_links.first().child
    return {
        "children": [child.pk],
        "concern": "Bruising seen on the child's arm.",
        "harms": ["physical"],
        "risk_level": "high",
        "response_wanted": "section_47",
        "urgency": "routine",
        "routine_reason": "A section 47 enquiry is already open; this adds to it.",
        "referred_to": "csc",
        "local_authority": child.responsible_local_authority.pk,
        "channel": "phone",
        "contact": "Duty social worker",
        "made_on_day": "23",
        "made_on_month": "11",
        "made_on_year": "2026",
        "not_discussed_reason": "absent",
    }


def test_a_referral_with_no_response_wanted_or_child_is_refused(client, world, referral_case, form_data):
    client.force_login(world["officer1"])
    data = {**form_data, "response_wanted": "", "children": []}
    data.pop("children")
    page = client.post(f"/cases/{referral_case.pk}/referrals/new/", data).content.decode()
    assert "Say what response you want from children&#x27;s social care or the police" in page
    assert "Choose the child or children the referral is about" in page
    assert "Bruising seen on the child" in page  # what was typed is kept
    assert not Referral.objects.exists()


def test_grave_concern_needs_the_call_first(client, world, referral_case, form_data):
    client.force_login(world["officer1"])
    page = client.post(f"/cases/{referral_case.pk}/referrals/new/", {**form_data, "urgency": "grave"}).content.decode()
    assert "record first who you called and when" in page
    assert not Referral.objects.exists()
    response = client.post(
        f"/cases/{referral_case.pk}/referrals/new/",
        {
            **form_data,
            "urgency": "grave",
            "immediate_call_to": "Police on 999",
            "immediate_call_date_day": "23",
            "immediate_call_date_month": "11",
            "immediate_call_date_year": "2026",
            "immediate_call_time": "9.05",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.immediate_call_at is not None
    assert referral.immediate_call_at.hour in (9, 9) and referral.followup_due_on is not None


def test_referral_from_another_team_is_not_found(client, world, make_case, make_referral):
    theirs = make_case(children=1, team=world.south, holder=world["officer2"])
    referral = make_referral(case=theirs, actor=world["officer2"])
    client.force_login(world["officer1"])
    assert client.get(f"/cases/{theirs.pk}/referrals/{referral.pk}/").status_code == 404


def _token(html: str) -> str:
    found = re.search(r'name="submission" value="([^"]+)"', html)
    assert found, "the form carries no one-time token"
    return found[1]


def test_a_referral_sent_twice_is_saved_once(client, world, referral_case, form_data):
    """A double click, or the page sent again: the form's one-time token saves it once, and the second
    send goes where the first went."""
    client.force_login(world["officer1"])
    path = f"/cases/{referral_case.pk}/referrals/new/"
    token = _token(client.get(path).content.decode())
    first = client.post(path, {**form_data, "submission": token})
    second = client.post(path, {**form_data, "submission": token}, follow=True)
    assert first.status_code == 302 and Referral.objects.count() == 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert "Already saved: the form was sent twice, and saved once" in second.content.decode()
    other = _token(client.get(path).content.decode())
    assert other != token  # a new form is a new referral
    assert client.post(path, {**form_data, "submission": other}).status_code == 302
    assert Referral.objects.count() == 2


def test_a_page_shown_again_with_errors_keeps_its_token(client, world, referral_case, form_data):
    client.force_login(world["officer1"])
    path = f"/cases/{referral_case.pk}/referrals/new/"
    token = "t" * 32
    page = client.post(path, {**form_data, "concern": "", "submission": token}).content.decode()
    assert f'name="submission" value="{token}"' in page and not Referral.objects.exists()


def test_the_immediate_call_is_asked_under_a_grave_concern(client, world, referral_case):
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{referral_case.pk}/referrals/new/").content.decode()
    grave = re.search(r'<input[^>]*name="urgency"[^>]*value="grave"[^>]*data-aria-controls="([^"]+)"', page)
    assert grave, "the grave answer reveals nothing"
    revealed = page[page.index(f'id="{grave[1]}"') :]
    assert revealed.index('name="immediate_call_to"') < revealed.index('name="urgency"')  # inside, before the next answer
    assert page.count('name="immediate_call_to"') == 1 and "Who did you call at once? (optional)" not in page
