"""The rules page lists every rule with its source, and every step on a case says which rule and
which fact raised it."""

import pytest

from safeguard.core import registry
from safeguard.core.models import DeadlineRule
from safeguard.core.tasks import tasks_for_cases
from safeguard.testing import every_kind_of_record


def test_every_rule_is_listed_with_its_source_fact_step_and_timescale(client, world):
    client.force_login(world["officer1"])
    page = client.get("/rules/").content.decode()
    rules = registry.rules()
    assert len(rules) >= 20
    for rule in rules.values():
        card = page.split(f'id="{rule.key}"')[1].split('govuk-summary-card"')[0]
        assert rule.title.replace("'", "&#x27;") in card
        assert rule.source in card
        assert rule.step.replace("'", "&#x27;") in card
    request = page.split('id="checks.child_on_file"')[1]
    assert "2 working days after a checklist answered yes or a significant event" in request.split("</dl>")[0]


def test_every_rule_names_a_source_and_a_timescale_that_exists(db):
    timescales = set(DeadlineRule.objects.values_list("name", flat=True))
    for rule in registry.rules().values():
        assert rule.source.strip() and rule.title.strip() and rule.fact.strip() and rule.step.strip(), rule.key
        assert rule.deadline == "" or rule.deadline in timescales, rule.key


@pytest.mark.parametrize("username", ["officer1", "reception1", "admin1"])
def test_the_rules_are_procedure_that_every_signed_in_user_may_read(client, world, username):
    client.force_login(world[username])
    assert client.get("/rules/").status_code == 200


def test_a_step_on_the_case_page_says_which_rule_and_fact_raised_it(client, world, make_case, fixed_today):
    case = make_case(children=1, adults=1)
    every_kind_of_record(case, world["officer1"], world["lead1"])
    tasks = tasks_for_cases([case])[case.pk]
    assert tasks and all(task.rule in registry.rules() and task.fact for task in tasks)
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{case.pk}/checks/").content.decode()
    for task in tasks:
        assert f'href="/rules/#{task.rule}"' in page
    assert "Why: " in page
