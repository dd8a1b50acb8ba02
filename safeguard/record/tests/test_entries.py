"""The contact log: entries are written, amended as new versions with a reason, never changed or
deleted; each section is read only by those the rule allows, on every page that could show it."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.core.models import AuditEvent
from safeguard.record import services
from safeguard.record.models import ContactEntry, ContentChanged

from .conftest import at

SECRET = "Tyler disclosed bruising to his teacher"


def test_an_amended_entry_keeps_both_versions_and_shows_the_reason(client, world, record_case, write):
    first = write("Phoned Darren about the home visit")
    second = services.entry_amend(
        actor=world["officer1"],
        case=record_case,
        entry=first,
        reason="Wrong day of the visit",
        text="Phoned Darren about the home visit on Tuesday",
    )
    first.refresh_from_db()
    assert (first.current, second.current) == (False, True)
    assert (second.entry_id, second.number) == (first.pk, 2)
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{record_case.pk}/record/entries/{second.pk}/").content.decode()
    assert "Phoned Darren about the home visit on Tuesday" in page
    assert "Phoned Darren about the home visit</" in page.replace("<br>", "")  # the earlier version, whole
    assert "Wrong day of the visit" in page and "Version 1 (replaced)" in page and "Version 2 (latest)" in page
    assert "What happened" in page.split("What the amendment changed")[1][:200]
    timeline = client.get(f"/cases/{record_case.pk}/record/").content.decode()
    assert timeline.count("Phoned Darren about the home visit") == 1  # only the current version


def test_a_version_is_never_saved_again_or_deleted(world, write):
    entry = write("Text as written")
    entry.text = "Text rewritten"
    with pytest.raises(ContentChanged):
        entry.save()
    with pytest.raises(ContentChanged):
        entry.delete()
    assert ContactEntry.objects.get(pk=entry.pk).text == "Text as written"


def test_an_amendment_needs_a_reason_and_a_change_and_the_latest_version(world, record_case, write):
    entry = write("Said he was moving")
    with pytest.raises(ValidationError) as no_reason:
        services.entry_amend(actor=world["officer1"], case=record_case, entry=entry, reason=" ", text="Said he moved")
    assert "reason" in no_reason.value.message_dict
    with pytest.raises(ValidationError, match="Nothing has changed"):
        services.entry_amend(actor=world["officer1"], case=record_case, entry=entry, reason="Typo")
    services.entry_amend(actor=world["officer1"], case=record_case, entry=entry, reason="Typo", text="Said he moved")
    with pytest.raises(ValidationError, match="amended since you opened it"):
        services.entry_amend(actor=world["officer1"], case=record_case, entry=entry, reason="Again", text="Said he had moved")
    assert ContactEntry.objects.filter(case=record_case).count() == 2


def test_who_it_was_with_must_be_named_and_on_the_case(world, record_case, make_case, write):
    with pytest.raises(ValidationError) as unnamed:
        write("Spoke to the school", with_whom="other")
    assert "with_other" in unnamed.value.message_dict
    other_child = make_case(children=1).service_user.child_links.get().child
    with pytest.raises(ValidationError) as elsewhere:
        write("Spoke to a child", with_whom="child", child=other_child)
    assert "children" in elsewhere.value.message_dict
    with pytest.raises(ValidationError) as future:
        write("Not yet", when=at(24))
    assert "contact_at" in future.value.message_dict
    assert not ContactEntry.objects.exists()


def _audit_trail(client):
    response = client.get("/audit-trail/")
    return response.content.decode() if response.status_code == 200 else ""


def _pages(client, case, entry, words):
    base = f"/cases/{case.pk}/"
    export = client.get(base + "record/", {"format": "csv"})
    return {
        "export": b"".join(export.streaming_content).decode() if export.status_code == 200 else "",
        "timeline": client.get(base + "record/").content.decode(),
        "search": client.get(base + "record/", {"words": words}).content.decode(),
        "history": client.get(base + "history/").content.decode(),
        "audit trail": _audit_trail(client),
        "entry": client.get(base + f"record/entries/{entry.pk}/"),
    }


@pytest.mark.parametrize(
    ("section", "readers", "others"),
    [
        ("restricted", ["officer1", "manager1", "lead1"], ["pso1", "trainee1", "reception1", "risk1", "info1", "victim1"]),
        ("victim", ["officer1", "manager1", "lead1", "victim1"], ["pso1", "reception1", "risk1", "info1"]),
        ("third_party", ["officer1", "manager1", "lead1", "pso1", "risk1", "info1"], ["reception1", "trainee1", "victim1"]),
    ],
)
def test_each_section_is_read_only_by_those_the_rule_allows(client, world, record_case, write, section, readers, others):
    entry = write(SECRET, section=section, actor=world["manager1"], children=[])
    for username in readers:
        client.force_login(world[username])
        pages = _pages(client, record_case, entry, "bruising")
        assert SECRET in pages["timeline"] and SECRET in pages["search"] and SECRET in pages["export"], username
        assert pages["entry"].status_code == 200, username
        assert "Contact entry written" in pages["history"], username
        assert username != "lead1" or "Contact entry written" in pages["audit trail"]
    for username in others:
        client.force_login(world[username])
        pages = _pages(client, record_case, entry, "bruising")
        for name in ("timeline", "search", "history", "audit trail", "export"):
            assert "disclosed bruising" not in pages[name], (username, name)
        assert "Phone call" not in pages["timeline"] + pages["export"] and "Contact entry written" not in pages["history"], (
            username
        )
        assert "Contact entry written" not in pages["audit trail"], username
        assert pages["entry"].status_code == 404, username


def test_the_text_of_an_entry_never_goes_into_the_audit_trail(world, record_case, write):
    entry = write(SECRET, section="restricted")
    services.entry_amend(actor=world["officer1"], case=record_case, entry=entry, reason="Wording", text=SECRET + " on Monday")
    events = AuditEvent.objects.filter(object_type="record.ContactEntry")
    assert events.count() == 2 and all(e.section == "restricted" for e in events)
    assert not any("bruising" in str(e.changes) or "Wording" in str(e.changes) for e in events)


def test_the_writer_of_a_restricted_entry_reads_it(client, world, record_case, write):
    entry = write(SECRET, section="restricted", actor=world["pso1"])
    client.force_login(world["pso1"])
    assert client.get(f"/cases/{record_case.pk}/record/entries/{entry.pk}/").status_code == 200


def test_the_timeline_runs_a_constant_number_of_queries(client, world, record_case, write):
    client.force_login(world["officer1"])
    path = f"/cases/{record_case.pk}/record/"
    write("One entry")
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    for day in range(1, 20):
        write(f"Entry {day}", when=at(day, 9), section="restricted" if day % 3 else "general")
    with CaptureQueriesContext(connection) as many:
        html = client.get(path).content.decode()
    assert len(few) == len(many)
    assert "Page 1 of 1" not in html and "Entry 19" in html
    with CaptureQueriesContext(connection) as second:
        assert "Entry 1<" in client.get(path, {"page": 2}).content.decode().replace("\n", "").replace("</p>", "<")
    assert len(second) == len(many)


def test_the_timeline_filters_by_section_child_period_and_words(client, world, record_case, write):
    tyler = record_case.service_user.child_links.get(child__first_name="Tyler").child
    write("Spoke about Tyler's school", children=[tyler], when=at(2))
    write("Rent arrears discussed", when=at(10))
    write("Third party said he drinks", section="third_party", when=at(12))
    client.force_login(world["officer1"])
    path = f"/cases/{record_case.pk}/record/"

    def shown(**query):
        html = client.get(path, query).content.decode()
        return [text for text in ("Tyler&#x27;s school", "Rent arrears", "he drinks") if text in html]

    assert shown() == ["Tyler&#x27;s school", "Rent arrears", "he drinks"]
    assert shown(child=tyler.pk) == ["Tyler&#x27;s school"]
    assert shown(section="third_party") == ["he drinks"]
    assert shown(words="RENT arrears") == ["Rent arrears"]
    assert shown(since_day="5", since_month="11", since_year="2026", until_day="11", until_month="11", until_year="2026") == [
        "Rent arrears"
    ]
    assert shown(kind="Manager decisions") == []


def test_an_entry_marked_restricted_by_an_amendment_hides_its_earlier_versions(client, world, record_case, write):
    first = write("Said the school rang about the children")
    services.entry_amend(actor=world["officer1"], case=record_case, entry=first, reason="Source is a child", section="restricted")
    client.force_login(world["pso1"])
    assert client.get(f"/cases/{record_case.pk}/record/entries/{first.pk}/").status_code == 404
    assert "school rang" not in client.get(f"/cases/{record_case.pk}/record/").content.decode()
    client.force_login(world["officer1"])
    assert "school rang" in client.get(f"/cases/{record_case.pk}/record/entries/{first.pk}/").content.decode()


def test_the_case_itself_is_on_the_timeline_opened_allocated_and_its_notes(client, world, record_case, write):
    write("First appointment", when=at(21))
    client.force_login(world["officer1"])
    html = client.get(f"/cases/{record_case.pk}/record/").content.decode()
    assert "Case opened" in html and "Allocated to" in html and "First appointment" in html
    assert "Case opened" in client.get(f"/cases/{record_case.pk}/record/", {"kind": "Case"}).content.decode()
    assert "First appointment" not in client.get(f"/cases/{record_case.pk}/record/", {"kind": "Case"}).content.decode()


def test_a_contact_later_today_is_refused_on_its_time_question(client, world, record_case):
    client.force_login(world["officer1"])
    answers = {
        "contact_on_day": "23",
        "contact_on_month": "11",
        "contact_on_year": "2026",
        "contact_time": "4pm",  # the clock says 10am
        "kind": "phone",
        "with_whom": "service_user",
        "text": "Rang him",
        "section": "general",
        "disclosable": "True",
    }
    page = client.post(f"/cases/{record_case.pk}/record/new/", answers).content.decode()
    assert 'href="#id_contact_time"' in page and "The time of the contact must be now or in the past" in page
    assert not ContactEntry.objects.exists()
    answers["contact_time"] = "9.45am"
    assert client.post(f"/cases/{record_case.pk}/record/new/", answers).status_code == 302
    assert ContactEntry.objects.get().contact_at.hour == 9


def make_other_contact(world):
    from safeguard.cases import services as cases
    from safeguard.testing import make_case

    elsewhere = make_case(world=world, first_name="Other", last_name="Case")
    return cases.key_contact_add(
        actor=world["officer1"], case=elsewhere, kind="social_worker", name="Someone", organisation="Else"
    )


def test_a_transfer_is_on_the_timeline_with_its_reason(client, world, record_case):
    from safeguard.cases import services as cases

    cases.case_allocate(
        actor=world["manager1"],
        case=record_case,
        team=world.north,
        case_holder=world["pso1"],
        line_manager=world["manager1"],
        reason="Officer on long-term leave",
    )
    client.force_login(world["manager1"])
    html = client.get(f"/cases/{record_case.pk}/record/").content.decode()
    assert f"Transferred to {world['pso1']}, North" in html and f"Allocated to {world['officer1']}, North" in html
    assert "Officer on long-term leave" in html
    assert html.count("Case opened") == 1  # the first allocation does not repeat the opening


def test_the_timeline_filters_by_key_contact(client, world, record_case, write):
    from safeguard.cases import services as cases

    jane = cases.key_contact_add(
        actor=world["officer1"], case=record_case, kind="social_worker", name="Jane Aldridge", organisation="Worcestershire"
    )
    write("Rang Jane about the core group", with_whom="key_contact", key_contact=jane)
    write("Reporting appointment")
    client.force_login(world["officer1"])
    html = client.get(f"/cases/{record_case.pk}/record/", {"contact": jane.pk}).content.decode()
    assert "Rang Jane" in html and "Reporting appointment" not in html and "Case opened" not in html
    other = make_other_contact(world)
    assert "Select a valid choice" in client.get(f"/cases/{record_case.pk}/record/", {"contact": other.pk}).content.decode()
