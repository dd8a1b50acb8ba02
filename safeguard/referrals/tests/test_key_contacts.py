"""Who took a referral, and whom a chase reached, chosen from the case's key contacts instead of typed
again: stored as the typed answer would be; another case's contact is refused and nothing is saved."""

import pytest

from safeguard.cases import services as cases
from safeguard.referrals.models import Referral, ReferralChase

from .test_views import form_data  # noqa: F401 - the referral page's answers, a fixture

NOT_THIS_CASES = "Choose one of this case’s key contacts from the list, or type the name"


def social_worker(world, case, **values):
    return cases.key_contact_add(
        actor=world["officer1"],
        case=case,
        kind="social_worker",
        name=values.pop("name", "Jane Aldridge"),
        organisation="Worcestershire Children First",
        **values,
    )


@pytest.fixture
def contact(world, referral_case):
    return social_worker(world, referral_case)


def test_a_referral_taken_by_a_key_contact_stores_their_name(client, world, referral_case, form_data, contact):  # noqa: F811
    client.force_login(world["officer1"])
    path = f"/cases/{referral_case.pk}/referrals/new/"
    form = client.get(path).content.decode()
    assert f'<option value="{contact.pk}">Jane Aldridge, Social worker (Worcestershire Children First)</option>' in form
    response = client.post(path, {**form_data, "contact": "", "contact_chosen": contact.pk})
    assert response.status_code == 302
    assert Referral.objects.get().contact == "Jane Aldridge (Worcestershire Children First)"


def test_someone_not_on_the_list_is_still_typed(client, world, referral_case, form_data, contact):  # noqa: F811
    client.force_login(world["officer1"])
    assert client.post(f"/cases/{referral_case.pk}/referrals/new/", form_data).status_code == 302
    assert Referral.objects.get().contact == "Duty social worker"


def test_another_cases_contact_posted_by_hand_is_refused_and_nothing_saved(
    client,
    world,
    make_case,
    referral_case,
    form_data,  # noqa: F811
    contact,
):
    theirs = social_worker(world, make_case(last_name="Other"), name="Their Worker")
    client.force_login(world["officer1"])
    page = client.post(
        f"/cases/{referral_case.pk}/referrals/new/", {**form_data, "contact": "", "contact_chosen": theirs.pk}
    ).content.decode()
    assert NOT_THIS_CASES in page and "Their Worker" not in page
    assert not Referral.objects.exists()


def test_a_chase_reaching_a_key_contact_stores_their_name(client, world, referral_case, make_referral, contact):
    referral = make_referral()
    client.force_login(world["officer1"])
    path = f"/cases/{referral_case.pk}/referrals/{referral.pk}/chase/"
    data = {"chased_on_day": "23", "chased_on_month": "11", "chased_on_year": "2026", "method": "phone"}
    theirs = social_worker(world, referral_case, name="Lee Carter")
    cases.key_contact_end(actor=world["officer1"], case=referral_case, contact=theirs, ended_on=referral.made_on)
    assert NOT_THIS_CASES in client.post(path, {**data, "spoke_to_contact": theirs.pk}).content.decode()  # no longer involved
    assert not ReferralChase.objects.exists()
    assert client.post(path, {**data, "spoke_to_contact": contact.pk}).status_code == 302
    assert ReferralChase.objects.get().spoke_to == "Jane Aldridge (Worcestershire Children First)"
