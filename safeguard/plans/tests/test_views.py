"""The Plan tab and its pages through a real HTTP client: the "liaise with children's services"
objective is refused on the page with the guidance and the Jersey review's example, nothing saved; a
good one is added with messy dates; reviews move the date; the tab costs the same queries however many
objectives; the handover and the timeline carry the objectives."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.core import registry
from safeguard.plans import services, wording
from safeguard.plans.models import Objective, ProgressEntry
from safeguard.plans.timeline import plan_items

from .conftest import GOOD, D, moment


def _post(client, case, path, data):
    page = client.get(f"/cases/{case.pk}/plans/{path}")
    assert page.status_code == 200
    return client.post(f"/cases/{case.pk}/plans/{path}", data)


def _objective_data(child=None, **values):
    data: dict = {**GOOD, "review_on_day": "18", "review_on_month": "jan", "review_on_year": " 2027 "}
    if child is not None:
        data["children"] = [str(child.pk)]
    return data | values


def test_the_liaise_with_childrens_services_objective_is_refused_on_the_page(client, world, cp_case, child):
    client.force_login(world["officer1"])
    response = _post(client, cp_case, "objectives/new/", _objective_data(child, work="Liaise with children’s services"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "<title>Error: " in page
    assert "Say what you will do, with whom, how often and for which children" in page
    assert "anger management issues with client" in page  # the Jersey review's example, as guidance
    assert not Objective.objects.exists()


def test_a_good_objective_is_added_through_the_page(client, world, cp_case, child):
    client.force_login(world["officer1"])
    response = _post(client, cp_case, "objectives/new/", _objective_data(child))
    objective = Objective.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{cp_case.pk}/plans/objectives/{objective.pk}/"
    assert objective.review_on == D(2027, 1, 18) and list(objective.children.all()) == [child]
    tab = client.get(f"/cases/{cp_case.pk}/plans/").content.decode()
    assert "Visit the home monthly" in tab and "18 January 2027" in tab


def test_bad_input_is_an_error_never_a_crash(client, world, cp_case, child):
    client.force_login(world["officer1"])
    for data in (
        _objective_data(child, review_on_day="31", review_on_month="2", review_on_year="2027"),
        _objective_data(children=["99999999999999999999999"]),
        _objective_data(review_on_day="", review_on_month="", review_on_year=""),
        {"work": "x" * 20000},
    ):
        response = client.post(f"/cases/{cp_case.pk}/plans/objectives/new/", data)
        assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert not Objective.objects.exists()


def test_a_review_through_the_page_moves_the_date_and_ends_the_step(client, world, cp_case, add, fixed_today):
    objective = add(review_on=D(2026, 12, 7))
    fixed_today.move_to(moment(D(2026, 12, 8)))
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{cp_case.pk}/plans/objectives/{objective.pk}/").content.decode()
    assert "Review the child-protection objective" in page and "Overdue" in page
    response = _post(
        client,
        cp_case,
        f"objectives/{objective.pk}/review/",
        {
            "written_on_day": "8",
            "written_on_month": "12",
            "written_on_year": "2026",
            "text": "Tyler seen twice",
            "next_review_on_day": "8",
            "next_review_on_month": "2",
            "next_review_on_year": "2027",
        },
    )
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.review_on == D(2027, 2, 8) and ProgressEntry.objects.get().is_review
    assert "Review the child-protection objective" not in client.get(response["Location"]).content.decode()


def test_ending_and_progress_pages(client, world, cp_case, add):
    objective = add()
    client.force_login(world["officer1"])
    base = f"objectives/{objective.pk}/"
    assert (
        _post(
            client,
            cp_case,
            base + "progress/",
            {"written_on_day": "23", "written_on_month": "11", "written_on_year": "2026", "text": "Booked"},
        ).status_code
        == 302
    )
    refused = _post(client, cp_case, base + "end/", {"ended_on_day": "23", "ended_on_month": "11", "ended_on_year": "2026"})
    assert "Select whether the objective was achieved or is no longer needed" in refused.content.decode()
    done = _post(
        client,
        cp_case,
        base + "end/",
        {
            "status": "no_longer_needed",
            "ended_on_day": "23",
            "ended_on_month": "11",
            "ended_on_year": "2026",
            "end_reason": "Moved away",
        },
    )
    assert done.status_code == 302
    tab = client.get(f"/cases/{cp_case.pk}/plans/").content.decode()
    assert "Ended objectives" in tab and "Moved away" in tab and "Booked" in tab
    assert (
        _post(
            client,
            cp_case,
            base + "progress/",
            {"written_on_day": "23", "written_on_month": "11", "written_on_year": "2026", "text": "Late"},
        ).status_code
        == 200
    )
    assert ProgressEntry.objects.count() == 1


def test_the_tab_costs_the_same_queries_for_one_objective_or_several(client, world, cp_case, add):
    client.force_login(world["officer1"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/cases/{cp_case.pk}/plans/").status_code == 200
        return len(queries)

    first = add()
    services.progress_add(actor=world["officer1"], case=cp_case, objective=first, written_on=D(2026, 11, 23), text="One")
    one = count()
    for _ in range(4):
        more = add()
        services.progress_add(actor=world["officer1"], case=cp_case, objective=more, written_on=D(2026, 11, 23), text="More")
    services.objective_end(
        actor=world["officer1"], case=cp_case, objective=more, status="achieved", ended_on=D(2026, 11, 23), end_reason="Done"
    )
    assert count() == one


def test_the_handover_names_each_active_objective_and_its_next_review(world, cp_case, add):
    add(review_on=D(2027, 1, 18))
    [part] = [p for p in registry.handover_parts(cp_case) if p.title == "Sentence plan: child-protection objectives"]
    assert len(part.lines) == 1 and "Visit the home monthly" in part.lines[0] and "Next review 18 January 2027" in part.lines[0]
    assert "Email the social worker" in part.lines[0]


def test_the_timeline_shows_objectives_progress_and_reviews_in_fixed_queries(world, cp_case, add, child):
    objective = add()
    services.progress_add(actor=world["officer1"], case=cp_case, objective=objective, written_on=D(2026, 11, 23), text="One")
    with CaptureQueriesContext(connection) as queries:
        items = plan_items(cp_case)
    assert len(queries) == 3
    assert {i.title for i in items} == {
        "Child-protection objective added to the sentence plan",
        "Progress on a child-protection objective",
    }
    assert all(i.kind == "Plan" and i.children == (child.pk,) for i in items)


def test_guidance_quotes_the_jersey_review():
    assert wording.GOOD_EXAMPLE.startswith("to address anger management issues with client")
