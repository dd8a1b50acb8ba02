"""The Home visits tab and a visit's pages: who lives or stays at each address, recording a visit
through its page (errors shown, nothing saved), the links a visit with concerns offers, the manager's
decision page, and query counts that do not grow with the visits."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.people import services as people
from safeguard.testing import form_values
from safeguard.visits import services
from safeguard.visits.models import HomeVisit, NoVisitReason

from .conftest import child, home

D = datetime.date


def count_queries(client, path) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _stays(world, case):
    return people.service_user_address_add(
        actor=world["officer1"],
        case=case,
        service_user=case.service_user,
        address=child(case, "Kayleigh").address,
        address_type="stays",
    )


def test_the_tab_shows_every_current_address_and_who_lives_there(client, world, visit_case, visit):
    _stays(world, visit_case)
    people.adult_add(
        actor=world["officer1"],
        case=visit_case,
        adult={"first_name": "Stacey", "last_name": "Price"},
        link={"relationship": "ex_partner", "lives_with": False},
        where="service_user",
        service_user_address=child(visit_case, "Kayleigh").address,
    )
    visit()
    client.force_login(world["officer1"])
    _, html = count_queries(client, f"/cases/{visit_case.pk}/visits/")
    assert "1 High Street" in html and "9 Elm Road" in html
    assert "Tyler Holt (lives with)" in html and "Kayleigh Holt (regular contact)" in html
    assert "known to stay here" in html and "Not visited" in html  # 9 Elm Road, where Kayleigh lives
    assert "Stacey Price (ex-partner)" in html and "20 November 2026" in html


def test_the_tab_and_the_visit_page_run_a_constant_number_of_queries(client, world, visit_case, visit):
    client.force_login(world["officer1"])
    first = visit(concerns="Worried")
    tab = f"/cases/{visit_case.pk}/visits/"
    small, _ = count_queries(client, tab)
    page_small, _ = count_queries(client, f"{tab}{first.pk}/")
    use = _stays(world, visit_case)
    for day in range(1, 12):
        last = visit(visited_on=D(2026, 11, day), address=use.address if day % 2 else home(visit_case))
    services.reason_record(actor=world["officer1"], case=visit_case, reason="Away")
    large, html = count_queries(client, tab)
    page_large, _ = count_queries(client, f"{tab}{last.pk}/")
    assert small == large
    assert page_small == page_large
    assert html.count("Lives with her mother") == 12


def test_recording_a_visit_through_its_page(client, world, visit_case):
    client.force_login(world["officer1"])
    use = visit_case.service_user.addresses.get()
    tyler, kayleigh = child(visit_case, "Tyler"), child(visit_case, "Kayleigh")
    path = f"/cases/{visit_case.pk}/visits/new/{use.pk}/"
    html = client.get(path).content.decode()
    assert html.index("Tyler Holt: lives at this address") < html.index("Kayleigh Holt")
    assert " checked" not in html  # nothing answered for the officer
    answers = {
        "visited_on_day": "20",
        "visited_on_month": "11",
        "visited_on_year": "2026",
        "consent_given": "True",
        "consent_by": "Darren Holt",
        "present": "Darren and Tyler",
        f"child_{tyler.pk}_seen": "True",
        f"child_{tyler.pk}_presentation": "Quiet, would not look at his father",
        f"child_{kayleigh.pk}_seen": "False",
        f"child_{kayleigh.pk}_not_seen_reason": "At her mother's",
        "concerns": "Tyler flinched when Darren raised his voice",
    }
    response = client.post(path, answers)
    visit = HomeVisit.objects.get()
    assert response.status_code == 302 and response.url == f"/cases/{visit_case.pk}/visits/{visit.pk}/"
    page = client.get(response.url).content.decode()
    assert "Quiet, would not look at his father" in page and "At her mother&#x27;s" in page
    assert f'href="/cases/{visit_case.pk}/referrals/new/"' in page and f'href="/cases/{visit_case.pk}/record/new/"' in page


def test_errors_are_shown_and_nothing_is_saved(client, world, visit_case):
    client.force_login(world["officer1"])
    use = visit_case.service_user.addresses.get()
    tyler = child(visit_case, "Tyler")
    response = client.post(
        f"/cases/{visit_case.pk}/visits/new/{use.pk}/",
        {"visited_on_day": "31", "visited_on_month": "2", "visited_on_year": "2026", "consent_by": "Darren"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Select yes if the householder consented to the visit" in html
    assert not HomeVisit.objects.exists()
    response = client.post(
        f"/cases/{visit_case.pk}/visits/new/{use.pk}/",
        {
            "visited_on_day": "20",
            "visited_on_month": "11",
            "visited_on_year": "2026",
            "consent_given": "True",
            "consent_by": "Darren",
            f"child_{tyler.pk}_seen": "True",
        },
    )
    html = response.content.decode()
    assert "Describe Tyler Holt&#x27;s presentation and demeanour" in html and "Select yes if Kayleigh Holt was seen" in html
    assert not HomeVisit.objects.exists()


def test_a_visit_without_concerns_offers_no_referral(client, world, visit_case, visit):
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{visit_case.pk}/visits/{visit().pk}/").content.decode()
    assert "Make a referral" not in page


def test_the_reason_and_the_managers_decision_through_their_pages(client, world, visit_case, fixed_today):
    client.force_login(world["officer1"])
    response = client.post(f"/cases/{visit_case.pk}/visits/reasons/new/", {"reason": "He was in hospital"})
    assert response.status_code == 302
    reason = NoVisitReason.objects.get()
    decide = f"/cases/{visit_case.pk}/visits/reasons/{reason.pk}/decide/"
    assert client.get(decide).status_code == 403  # an officer does not agree their own reason
    client.force_login(world["manager1"])
    html = client.get(decide).content.decode()
    assert "He was in hospital" in html
    values = form_values(html) | {"agreed": "True", "decided_on_day": "23", "decided_on_month": "11", "decided_on_year": "2026"}
    assert client.post(decide, values).status_code == 302
    reason.refresh_from_db()
    assert reason.agreed and reason.decided_by == world["manager1"]
    assert "Agreed" in client.get(f"/cases/{visit_case.pk}/visits/").content.decode()
