"""Bad ids and parameters are refusals (404, or the form's error), never 500s."""

import pytest

from safeguard.core.models import AccessLog

HUGE = "9" * 20


@pytest.fixture
def case(make_case):
    return make_case(children=2)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("checks/notifications/new/", {"kind": "involvement", "local_authority": HUGE, "children": [HUGE]}),
        ("register/new/", {"category": "linked_child", "children": [HUGE]}),
        ("children/add/", {"first_name": "A", "last_name": "B", "where": "new", "line_1": "1 Road", "local_authority": HUGE}),
        ("adults/add/", {"first_name": "A", "last_name": "B", "where": "new", "line_1": "1 Road", "local_authority": HUGE}),
        ("checks/requests/prepare/", {"event": "abc"}),
        ("checks/requests/prepare/", {"event": HUGE}),
        ("allocation/", {"team": HUGE, "case_holder": HUGE}),
        ("referrals/new/", {"children": [HUGE], "local_authority": HUGE, "discussed_with": HUGE}),
        ("referrals/new/", {"contact_chosen": HUGE}),
        ("meetings/new/", {"chair_chosen": "abc", "children": [HUGE]}),
        ("key-contacts/add/", {"kind": "social_worker", "name": "A", "organisation": "B", "children": [HUGE, "abc"]}),
    ],
)
def test_a_huge_or_malformed_id_is_refused_not_a_server_error(client, world, case, path, data):
    client.force_login(world["manager1"])  # may use every one of these pages
    response = client.post(f"/cases/{case.pk}/{path}", data)
    assert response.status_code in (200, 404), response.status_code  # the form with its error, or not found
    if response.status_code == 200:
        assert "govuk-error-summary" in response.content.decode()
    else:
        assert AccessLog.objects.filter(user=world["manager1"], outcome="refused").exists()  # a refusal, logged
