"""A new capability is a folder that plugs in: the example app (tests/example_capability) adds a case
tab, an outstanding step and flags through the registry, editing no other app; uninstalled, it is gone."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from safeguard.core import registry
from safeguard.people import services as people_services

EXAMPLE = "tests.example_capability"


@pytest.fixture
def example_installed(settings):
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, EXAMPLE], ROOT_URLCONF=f"{EXAMPLE}.root_urls"):
        yield


@pytest.fixture
def lost_family(world, make_case, fixed_today):
    """A case with an unborn child whose service user's whereabouts are unknown."""
    case = make_case(last_name="Vance", children=1)
    people_services.child_add(
        actor=world["officer1"],
        case=case,
        where="service_user",
        child={"first_name": "", "last_name": "Vance", "expected_date_of_delivery": datetime.date(2027, 2, 1)},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
    )
    case.whereabouts_unknown_since = datetime.date(2026, 11, 20)
    case.save()
    return case


def test_an_installed_capability_adds_a_tab_a_step_and_flags(client, world, lost_family, example_installed):
    case = lost_family
    unborn = case.service_user.child_links.get(child__date_of_birth__isnull=True).child
    client.force_login(world["officer1"])
    overview = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/example-visits/">Visits (example)</a>' in overview  # the tab
    assert "Whereabouts unknown (example)" in overview  # the service user's flag, in the header
    assert "Unborn (example)" in overview  # the child's flag, on the child's row
    steps = client.get(f"/cases/{case.pk}/checks/").content.decode()
    assert "Plan a home visit (example)" in steps
    tab = client.get(f"/cases/{case.pk}/example-visits/").content.decode()
    assert 'aria-current="page" href="/cases/' + str(case.pk) + '/example-visits/"' in tab
    assert "govuk-tag--purple" in tab  # its own tag colour
    assert "Unborn (example)" in client.get(f"/cases/{case.pk}/children/{unborn.pk}/").content.decode()
    assert "Whereabouts unknown (example)" in client.get("/cases/").content.decode()  # the case list
    assert 'href="/example-visits/"' in client.get("/my-work/").content.decode()  # the service navigation


def test_the_capability_page_is_protected_like_every_case_page(client, world, lost_family, example_installed):
    client.force_login(world["officer3"])  # another area's officer
    assert client.get(f"/cases/{lost_family.pk}/example-visits/").status_code == 404


def test_uninstalled_it_is_gone(client, world, lost_family, settings):
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, EXAMPLE], ROOT_URLCONF=f"{EXAMPLE}.root_urls"):
        assert any(tab.key == "visits" for tab in registry.case_tabs())
    assert not any(tab.key == "visits" for tab in registry.case_tabs())
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{lost_family.pk}/").content.decode()
    assert "Visits (example)" not in page and "Whereabouts unknown (example)" not in page
    assert "Plan a home visit (example)" not in client.get(f"/cases/{lost_family.pk}/checks/").content.decode()


def test_two_apps_giving_the_same_words_different_colours_is_an_error(example_installed, monkeypatch):
    from django.apps import apps

    capability = getattr(apps.get_app_config("example_capability"), registry.ATTRIBUTE)
    monkeypatch.setattr(capability, "tag_colours", {"overdue": "green"})  # core says red
    registry._cache.clear()
    with pytest.raises(ImproperlyConfigured, match="overdue"):
        registry.tag_colours()
    registry._cache.clear()


def test_every_record_under_a_case_is_declared_with_a_path_that_reaches_its_case(world, make_case):
    """Every model with a foreign key to a case (directly or through a declared parent) is declared,
    and each declared path really leads to the case: a query along it finds the case's records."""
    from django.apps import apps

    declared = registry.case_records()
    ours = [config.models_module and config for config in apps.get_app_configs() if config.name.startswith("safeguard.")]
    for model in (model for config in ours if config for model in config.get_models()):
        if any(field.is_relation and field.related_model is apps.get_model("cases.Case") for field in model._meta.fields):
            assert model._meta.label in declared, f"{model._meta.label} keeps rows under a case but is not declared"
    case = make_case(children=1, adults=1)
    for label, record in declared.items():
        model = apps.get_model(label)
        model._default_manager.filter(record.belongs_to(case)).exists()  # the path is a valid lookup
    assert (
        apps.get_model("people.ChildLink")
        ._default_manager.filter(registry.case_record(apps.get_model("people.ChildLink")).belongs_to(case))
        .count()
        == 1
    )


def test_each_app_keys_its_tag_colours_on_its_own_choices_in_its_data_file(tmp_path):
    """Colours come from each app's data/tag_colours.csv: a choices value stands for its label, plain
    words for themselves, and a value its choices do not have stops the app starting."""
    from django.apps import apps

    colours = registry.tag_colours()
    assert colours["sent"] == "blue"  # checks: CheckStatus.SENT
    assert colours["child-protection plan"] == "red"  # people: CSCStatus "cpp"
    assert colours["not resolved"] == "red" and colours["overdue"] == "red"

    class Elsewhere:  # an app whose file names a value its choices lack
        name = "safeguard.checks"
        path = str(tmp_path)

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "tag_colours.csv").write_text("choices,value,colour\nmodels.CheckStatus,posted,blue\n")
    with pytest.raises(ValueError, match="posted"):
        registry.file_colours(Elsewhere)  # type: ignore[arg-type]
    assert registry.file_colours(apps.get_app_config("people"))  # the real file reads
