"""Whom a chase of a request for information reached, chosen from the case's key contacts instead of
typed again; another case's contact is refused and nothing is saved."""

import datetime

from safeguard.cases import services as cases
from safeguard.checks import services
from safeguard.checks.models import Chase

D = datetime.date


def test_a_chase_reaching_a_key_contact_stores_their_name_and_another_cases_is_refused(client, world, make_case, family):
    request = services.requests_prepare(actor=world["officer1"], case=family)[0]
    services.request_send(
        actor=world["officer1"], case=family, request=request, sent_on=D(2026, 11, 9), channel="secure_email", recipient="MASH"
    )
    ours, theirs = (
        cases.key_contact_add(
            actor=world["officer1"], case=case, kind="social_worker", name=name, organisation="Worcestershire Children First"
        )
        for case, name in ((family, "Jane Aldridge"), (make_case(last_name="Other"), "Their Worker"))
    )
    client.force_login(world["officer1"])
    path = f"/cases/{family.pk}/checks/requests/{request.pk}/chase/"
    data = {"chased_on_day": "23", "chased_on_month": "11", "chased_on_year": "2026", "method": "phone"}
    page = client.post(path, {**data, "spoke_to_contact": theirs.pk}).content.decode()
    assert "Choose one of this case’s key contacts from the list, or type the name" in page
    assert not Chase.objects.exists()
    assert client.post(path, {**data, "spoke_to_contact": ours.pk}).status_code == 302
    assert Chase.objects.get().spoke_to == "Jane Aldridge (Worcestershire Children First)"
