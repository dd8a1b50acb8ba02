"""The disclosure bundle: a copy of their own record for the service user (a subject access request),
as a PDF and as a page to print. It holds only the general, disclosable part of the record, the same
whoever produces it; it counts what it withholds under each heading and says nothing else about it;
children other than the service user's own are not named; every production is logged."""

import datetime
import re
import shutil
import subprocess

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from safeguard.cases import services as cases
from safeguard.core.models import AccessLog, AuditEvent
from safeguard.people import services as people
from safeguard.record import services
from safeguard.record.disclosure import Withheld, bundle
from safeguard.record.models import Disclosure

from .conftest import at

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils' pdftotext is not installed")

GENERAL = "Talked about finding work at the canal depot"
# Each withheld entry: its text, who it was with, its day, and its distinctive words: none of them
# may reach the bundle.
WITHHELD = {
    "restricted": (
        "Strategy discussion about bruising, section 47 enquiry",
        "DC Pellow, police",
        4,
        "Strategy bruising 47 Pellow police",
    ),
    "victim": ("Mrs Ashworth fears reprisal if he returns", "Liaison officer, Ashworth family", 6, "Ashworth reprisal Liaison"),
    "third_party": (
        "Neighbour reported shouting through the wall",
        "Gwen Tranter, next door",
        8,
        "Neighbour shouting Gwen Tranter",
    ),
}
THREE_WITHHELD = "3 items were withheld: 1 restricted child-protection material, 1 victim information, 1 third-party information"


def _new(case):
    return f"/cases/{case.pk}/record/disclosure/new/"


def _answers(fmt="html", requested_by="Darren Holt", day="20", month="11", year="2026"):
    return {
        "requested_by": requested_by,
        "requested_on_day": day,
        "requested_on_month": month,
        "requested_on_year": year,
        "format": fmt,
    }


def _produce(client, case, fmt="html", **answers):
    return client.post(_new(case), _answers(fmt, **answers), follow=True)


def _words(text):
    return " ".join(text.split())


def _pdf_text(content):
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603, S607
    return _words(result.stdout.decode())


def _html_text(response):
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    body = response.content.decode().split("<body>", 1)[1]
    return _words(re.sub(r"<[^>]+>", " ", body).replace("&quot;", '"').replace("&#x27;", "'"))


def _bundle_text(client, case, fmt, **answers):
    response = _produce(client, case, fmt, **answers)
    if fmt == "pdf":
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        return _pdf_text(response.content)
    return _html_text(response)


@pytest.fixture
def decide(world, record_case):
    """Record a manager's decision on the case (general and disclosable unless told) on a day of November."""

    def make(day, decision, *, kind="decision", section="general", not_for_disclosure=False):
        return services.decision_record(
            actor=world["manager1"],
            case=record_case,
            kind=kind,
            decided_on=datetime.date(2026, 11, day),
            decision=decision,
            section=section,
            not_for_disclosure=not_for_disclosure,
        )

    return make


@pytest.fixture
def one_of_each(write):
    """One entry in each section: general (disclosed), restricted, victim and third-party."""
    write(GENERAL, when=at(10))
    for section, (text, who, day, _) in WITHHELD.items():
        write(text, section=section, with_whom="other", with_other=who, when=at(day, 15))


@needs_pdftotext
@pytest.mark.parametrize("fmt", ["pdf", "html"])
@pytest.mark.parametrize("producer", ["manager1", "info1"])
def test_the_bundle_holds_only_the_general_entry_and_counts_the_rest(client, world, record_case, one_of_each, fmt, producer):
    """The acceptance test: the line manager reads every section, the information officer only the
    general and third-party ones; both produce the same bundle, with only the general entry."""
    client.force_login(world[producer])
    text = _bundle_text(client, record_case, fmt)
    assert GENERAL in text
    assert "Darren Holt" in text and record_case.service_user.crn in text and "17 May 1985" in text
    assert THREE_WITHHELD in text
    for heading in ("Restricted: child-protection material", "Victim information", "Third-party information"):
        assert f"{heading} 1" in text
    assert "Marked not for disclosure 0" in text
    for _, _, day, words in WITHHELD.values():
        for word in words.split():
            assert not re.search(rf"\b{word}\b", text, re.IGNORECASE), (word, text)
        assert not re.search(rf"\b{day} November 2026\b", text)
    assert "15:00" not in text
    assert "earlier versions it replaced are not disclosed" in text
    assert Disclosure.objects.get().withheld == {
        "restricted": 1,
        "victim": 1,
        "third_party": 1,
        "not_for_disclosure": 0,
        "children_names": 0,
        "contact_details": 0,
    }


def test_the_selection_does_not_depend_on_who_produces_it(world, record_case, one_of_each):
    """The same bundle for the case holder who reads everything and an information officer: the
    selection reads nothing of the user (it is not even given one)."""
    made = bundle(record_case)
    assert [part for item in made.items for _, part in item.parts] == [GENERAL]
    assert made.withheld.sentence() == THREE_WITHHELD


def test_an_entry_or_decision_marked_not_for_disclosure_is_withheld_and_counted(client, world, record_case, write, decide):
    write("Said he would keep the appointment", when=at(10))
    write("Manager's view of his credibility", not_for_disclosure=True, when=at(11))
    decide(12, "Visit jointly with the social worker")
    decide(13, "Consider a strategy meeting request", kind="supervision", not_for_disclosure=True)
    client.force_login(world["officer1"])
    text = _html_text(_produce(client, record_case))
    assert "Said he would keep the appointment" in text and "Visit jointly with the social worker" in text
    assert "credibility" not in text and "strategy meeting" not in text
    assert "2 items were withheld: 2 marked not for disclosure" in text
    assert "Marked not for disclosure 2" in text
    assert Disclosure.objects.get().disclosed == 2


def test_each_heading_counts_its_own_items_once(record_case, write, decide):
    """1 restricted (also marked not for disclosure: counted once, under its section), 2 victim, 3
    third-party, 4 marked not for disclosure (one a decision)."""
    write("R", section="restricted", not_for_disclosure=True)
    for section, count in (("victim", 2), ("third_party", 3), ("general", 3)):
        for _ in range(count):
            write("Withheld", section=section, not_for_disclosure=section == "general")
    decide(12, "Withheld", not_for_disclosure=True)
    made = bundle(record_case)
    assert made.items == []
    assert made.withheld.sentence() == (
        "10 items were withheld: 1 restricted child-protection material, 2 victim information, "
        "3 third-party information, 4 marked not for disclosure"
    )
    assert made.withheld.rows == [
        ("Restricted: child-protection material", 1),
        ("Victim information", 2),
        ("Third-party information", 3),
        ("Marked not for disclosure", 4),
    ]


def test_an_amended_entry_is_disclosed_only_as_its_latest_version(client, world, record_case, write):
    entry = write("Met at the office on Monday", when=at(10))
    services.entry_amend(
        actor=world["officer1"], case=record_case, entry=entry, reason="Wrong day", text="Met at the office on Tuesday"
    )
    moved = write("He named the address of the refuge", when=at(11))
    services.entry_amend(actor=world["officer1"], case=record_case, entry=moved, reason="Victim information", section="victim")
    client.force_login(world["officer1"])
    text = _html_text(_produce(client, record_case))
    assert "Met at the office on Tuesday" in text and "amended: this is the latest version" in text
    assert "Monday" not in text and "Wrong day" not in text
    assert "refuge" not in text
    assert "1 item was withheld: 1 victim information" in text  # the moved entry, counted once


def test_a_child_not_the_service_users_own_is_not_named(client, world, record_case, make_case, write):
    """Jayden is the child of Darren's partner, on her own case: linked to Darren's case only through
    her. Darren's own children (Tyler) are named."""
    theirs = make_case(first_name="Sharon", last_name="Price")
    jayden = people.child_add(
        actor=world["officer1"],
        case=theirs,
        where="service_user",
        child={"first_name": "Jayden", "last_name": "Price", "date_of_birth": datetime.date(2016, 4, 1)},
        link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
    ).child
    sharon = people.adult_add(
        actor=world["officer1"],
        case=record_case,
        adult={"first_name": "Sharon", "last_name": "Price"},
        link={"relationship": "partner", "lives_with": False},
    ).adult
    people.adult_child_link_add(
        actor=world["officer1"], case=record_case, adult=sharon, child=jayden, relationship="parent", contact="lives_with"
    )
    tyler = record_case.service_user.child_links.get(child__first_name="Tyler").child
    write("Collected Jayden Price and Tyler from school; JAYDEN  PRICE was upset and Jayden's coat was torn", when=at(10))
    write("Took Tyler to the park", with_whom="child", child=tyler, when=at(11))
    write("Visited Sharon", with_whom="adult", adult=sharon, when=at(12))
    client.force_login(world["officer1"])
    text = _html_text(_produce(client, record_case))
    assert "Collected [a child] and Tyler from school; [a child] was upset and [a child]'s coat was torn" in text
    assert "Jayden" not in text and "JAYDEN" not in text
    assert "Who with Tyler Holt" in text and "Who with Sharon Price" in text
    assert "The name of 1 child was withheld" in text
    assert Disclosure.objects.get().withheld["children_names"] == 1


def test_a_key_contact_is_named_with_their_organisation_never_their_phone(client, world, record_case, write):
    contact = cases.key_contact_add(
        actor=world["officer1"],
        case=record_case,
        kind="prison_cp_coordinator",
        organisation="HMP Hewell",
        name="Pat Quinn",
        contact_details="01527 785000",
        contacted_on=datetime.date(2026, 11, 2),
    )
    write("Pat said to call back on 01527785000 next week", with_whom="key_contact", key_contact=contact, when=at(10))
    client.force_login(world["officer1"])
    text = _html_text(_produce(client, record_case))
    assert "Who with Pat Quinn, HMP Hewell" in text
    assert "785000" not in text and "Pat said to call back on [contact details withheld] next week" in text
    assert "The contact details of 1 key contact were withheld" in text


def test_producing_the_file_is_logged_with_who_when_and_for_whom(client, world, record_case, one_of_each):
    client.force_login(world["officer1"])
    response = _produce(client, record_case, requested_by="Hartley Law, solicitors")
    assert response.redirect_chain[0][0].startswith(f"/cases/{record_case.pk}/record/disclosure/")
    logged = Disclosure.objects.get()
    assert (logged.case, logged.produced_by, logged.requested_by) == (record_case, world["officer1"], "Hartley Law, solicitors")
    assert (logged.requested_on, logged.format, logged.disclosed) == (datetime.date(2026, 11, 20), "html", 1)
    event = AuditEvent.objects.get(action="disclosure.produce")
    assert (event.actor, event.object_id, event.case_id) == (world["officer1"], str(logged.pk), record_case.pk)
    assert AccessLog.objects.filter(object_type="record.Disclosure", object_id=str(logged.pk), outcome="granted").count() == 1
    # The History tab says who asked and what was produced; the counts by section stay off it (they
    # would tell its readers who may not read restricted or victim material that there is some).
    assert event.changes["withheld"] == [None, "(kept on the record)"]
    client.force_login(world["pso1"])
    history = _words(re.sub(r"<[^>]+>", " ", client.get(f"/cases/{record_case.pk}/history/").content.decode()))
    assert "Copy of the record produced for the service user (a subject access request) by Officer1" in history
    assert "Who asked for it: Hartley Law, solicitors" in history and "Format: Web page" in history
    assert "Items withheld, by heading: (kept on the record)" in history and "Items disclosed: 1" in history
    client.force_login(world["officer1"])
    listed = client.get(f"/cases/{record_case.pk}/record/disclosures/").content.decode()
    assert "Hartley Law, solicitors" in listed and world["officer1"].get_full_name() in listed
    assert THREE_WITHHELD in listed


def test_the_logged_bundle_is_produced_again_as_it_was_given(client, world, record_case, write, fixed_today):
    entry = write("First said he lived alone", when=at(10))
    client.force_login(world["officer1"])
    first = _produce(client, record_case)
    page = first.content.decode()
    assert "data-print" in page and "js/print.js" in page and "http" not in page.split("<body>")[0]
    assert f'href="/cases/{record_case.pk}/record/disclosures/">Back' in page
    given = _html_text(first)
    fixed_today.shift(datetime.timedelta(minutes=5))
    services.entry_amend(actor=world["officer1"], case=record_case, entry=entry, reason="Correction", text="Lives with Sharon")
    write("A later entry", when=at(23, 10))
    logged = Disclosure.objects.get()
    again = _html_text(client.get(f"/cases/{record_case.pk}/record/disclosure/{logged.pk}/"))
    assert again == given and "First said he lived alone" in again and "later entry" not in again
    assert AccessLog.objects.filter(object_type="record.Disclosure", object_id=str(logged.pk), outcome="granted").count() == 2
    assert Disclosure.objects.count() == 1


@needs_pdftotext
def test_the_logged_pdf_downloads_again(client, world, record_case, one_of_each):
    client.force_login(world["lead1"])
    first = _produce(client, record_case, "pdf")
    logged = Disclosure.objects.get()
    again = client.get(f"/cases/{record_case.pk}/record/disclosure/{logged.pk}/")
    assert again["Content-Disposition"].startswith("attachment") and ".pdf" in again["Content-Disposition"]
    assert _pdf_text(again.content) == _pdf_text(first.content)


@pytest.mark.parametrize("username", ["pso1", "reception1"])
def test_without_the_permission_the_file_is_refused_and_nothing_logged(client, world, record_case, one_of_each, username):
    services.disclosure_produce(
        actor=world["officer1"], case=record_case, requested_by="Darren", requested_on=datetime.date(2026, 11, 20), format="html"
    )
    logged = Disclosure.objects.get()
    client.force_login(world[username])
    base = f"/cases/{record_case.pk}/record/"
    assert client.get(_new(record_case)).status_code == 403
    assert client.post(_new(record_case), _answers()).status_code == 403
    assert client.get(f"{base}disclosure/{logged.pk}/").status_code == 403
    assert client.get(f"{base}disclosures/").status_code == 403
    assert Disclosure.objects.count() == 1
    assert not AccessLog.objects.filter(object_type="record.Disclosure", outcome="granted").exists()
    assert AccessLog.objects.filter(user=world[username], outcome="refused").count() == 4
    timeline = client.get(base).content.decode()
    assert "Produce the file for the service user" not in timeline and "Files produced" not in timeline


def test_the_record_tab_offers_the_file_to_those_who_may_produce_it(client, world, record_case):
    client.force_login(world["info1"])
    timeline = client.get(f"/cases/{record_case.pk}/record/").content.decode()
    assert f'href="/cases/{record_case.pk}/record/disclosure/new/"' in timeline
    assert f'href="/cases/{record_case.pk}/record/disclosures/"' in timeline
    page = client.get(_new(record_case)).content.decode()
    assert "Produce the file for the service user" in page and "logged on the case" in page


@pytest.mark.parametrize(
    ("answers", "messages"),
    [
        ({"requested_by": " "}, ["Enter who asked for the file"]),
        ({"day": "24"}, ["must be today or in the past"]),
        ({"fmt": ""}, ["Select how to produce it"]),
        ({"requested_by": "", "day": "", "month": "", "year": ""}, ["Enter who asked for the file", "Enter date of the request"]),
    ],
)
def test_bad_answers_show_the_error_summary_and_nothing_is_logged(client, world, record_case, write, answers, messages):
    write(GENERAL)
    client.force_login(world["officer1"])
    response = _produce(client, record_case, **answers)
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html and "<title>Error: " in html
    for message in messages:
        assert message in html
    assert GENERAL not in html
    assert not Disclosure.objects.exists() and not AuditEvent.objects.filter(action="disclosure.produce").exists()


def test_the_service_refuses_a_request_from_the_future(world, record_case):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as future:
        services.disclosure_produce(
            actor=world["officer1"],
            case=record_case,
            requested_by="Darren",
            requested_on=datetime.date(2026, 11, 24),
            format="pdf",
        )
    assert "requested_on" in future.value.message_dict
    assert not Disclosure.objects.exists()


def test_producing_the_html_runs_a_constant_number_of_queries(client, world, record_case, write, decide):
    tyler = record_case.service_user.child_links.get(child__first_name="Tyler").child
    client.force_login(world["officer1"])

    def produce():
        with CaptureQueriesContext(connection) as queries:
            response = _produce(client, record_case)
        assert response.status_code == 200
        return len(queries)

    for day in (1, 2):
        write(f"Entry {day}", when=at(day), children=[tyler])
    few = produce()
    sections = ["general", "restricted", "victim", "third_party"]
    for day in range(3, 21):
        write(f"Entry {day}", when=at(day), section=sections[day % 4], with_whom="child", child=tyler)
        if day % 5 == 0:
            decide(day, f"Decision {day}")
    many = produce()
    assert few == many, (few, many)
    # The first two entries, the general ones of days 4, 8 … 20, and four decisions.
    assert Disclosure.objects.order_by("-produced_at", "-pk")[0].disclosed == 2 + 5 + 4


def test_withheld_reads_in_words():
    assert Withheld(items={"victim": 1}).sentence() == "1 item was withheld: 1 victim information"
    assert Withheld(items={}).sentence() == "No items were withheld"
    assert Withheld(items={"restricted": 2}, children=2).redactions() == ["The names of 2 children were withheld"]
    assert Withheld.from_log({"restricted": 2, "children_names": "x"}).as_log()["children_names"] == 0
