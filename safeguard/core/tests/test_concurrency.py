"""Two people editing one record at once: the second save is refused with what the first changed,
and saving again keeps both changes (ADR 0012)."""

from django.test import Client

from safeguard.core.models import AuditEvent
from safeguard.people.models import Child
from safeguard.testing import form_values


def _open(client: Client, path: str) -> dict:
    return form_values(client.get(path).content.decode())


def test_the_second_save_on_a_changed_child_is_refused_and_both_changes_survive(world, make_case):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    Child.objects.filter(pk=child.pk).update(school="St Mary's Primary")
    start = Child.objects.get(pk=child.pk).version
    path = f"/cases/{case.pk}/children/{child.pk}/edit/"
    first, second = Client(), Client()
    first.force_login(world["officer1"])
    second.force_login(world["manager1"])
    mine, theirs = _open(first, path), _open(second, path)

    mine["school"] = "Oak Primary"
    assert first.post(path, mine).status_code == 302

    theirs["notes"] = "Attends breakfast club"
    page = second.post(path, theirs)
    html = page.content.decode()
    assert page.status_code == 200 and "Someone else changed this while you were editing it" in html
    assert "<title>Error: " in html
    child.refresh_from_db()
    assert (child.school, child.notes) == ("Oak Primary", "")  # nothing of the second save yet
    assert "Oak Primary" in html and "St Mary&#x27;s Primary" in html  # their answer and the one the form showed

    again = form_values(html)
    assert again["school"] == "Oak Primary" and again["notes"] == "Attends breakfast club"
    assert second.post(path, again).status_code == 302
    child.refresh_from_db()
    assert (child.school, child.notes) == ("Oak Primary", "Attends breakfast club")
    assert child.version == start + 2
    school = [e.changes["school"] for e in AuditEvent.objects.filter(action="child.update") if "school" in e.changes]
    assert school == [["St Mary's Primary", "Oak Primary"]]  # never blanked back


def test_the_same_field_changed_by_both_shows_both_answers_and_keeps_yours_to_decide(world, make_case):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    path = f"/cases/{case.pk}/children/{child.pk}/edit/"
    first, second = Client(), Client()
    first.force_login(world["officer1"])
    second.force_login(world["manager1"])
    mine, theirs = _open(first, path), _open(second, path)
    mine["school"], theirs["school"] = "Oak Primary", "Elm Academy"
    first.post(path, mine)
    html = second.post(path, theirs).content.decode()
    row = html[html.index('id="conflict-changes"') :]
    assert row.index("Oak Primary") < row.index("Elm Academy")  # theirs (saved), then yours
    assert form_values(html)["school"] == "Elm Academy"


def test_a_save_on_the_current_version_is_not_refused(client, world, make_case):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    path = f"/cases/{case.pk}/children/{child.pk}/edit/"
    client.force_login(world["officer1"])
    start = Child.objects.get(pk=child.pk).version
    for school in ("Oak Primary", "Elm Academy"):
        values = _open(client, path)
        values["school"] = school
        assert client.post(path, values).status_code == 302
    child.refresh_from_db()
    assert child.school == "Elm Academy" and child.version == start + 2


def test_a_tampered_version_still_cannot_undo_a_change(client, world, make_case):
    case = make_case(children=1)
    child = case.service_user.child_links.get().child
    path = f"/cases/{case.pk}/children/{child.pk}/edit/"
    client.force_login(world["officer1"])
    stale = _open(client, path)
    fresh = _open(client, path)
    fresh["school"] = "Oak Primary"
    client.post(path, fresh)
    stale["edit_base"] = "forged"
    assert "Someone else changed this" in client.post(path, stale).content.decode()
    child.refresh_from_db()
    assert child.school == "Oak Primary"
