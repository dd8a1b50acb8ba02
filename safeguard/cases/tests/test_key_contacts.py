"""The case's one list of key contacts (West Mercia 2.5): added, changed and ended through the pages,
validated as people type, never deleted, and offered to other pages to choose instead of typing."""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from safeguard.cases import reach, services
from safeguard.cases.forms import ChaseForm
from safeguard.cases.models import KeyContact
from safeguard.core.models import AccessLog, AuditEvent

D = datetime.date
EMPTY = {"csrfmiddlewaretoken": "sent by every browser"}


def errors_in(html: str) -> list[str]:
    """The inline error messages of a page, in order."""
    found = re.findall(r'govuk-error-message">\s*<span class="govuk-visually-hidden">Error:</span>(.*?)</p>', html, re.S)
    return [message.strip().replace("&#x27;", "'") for message in found]


@pytest.fixture
def case(world, make_case, fixed_today):
    return make_case(first_name="Darren", last_name="Holt", children=2)


@pytest.fixture
def children(case):
    return [link.child for link in case.service_user.child_links.order_by("pk")]


def add_social_worker(world, case, children=(), **values):
    return services.key_contact_add(
        actor=world["officer1"],
        case=case,
        kind=values.pop("kind", KeyContact.Kind.SOCIAL_WORKER),
        name=values.pop("name", "Jane Aldridge"),
        organisation=values.pop("organisation", "Worcestershire Children First"),
        children=list(children),
        **values,
    )


# --- adding, through the page -------------------------------------------------------------------


def test_an_officer_adds_a_social_worker_for_one_child_with_messy_phone_and_email(client, world, case, children):
    client.force_login(world["officer1"])
    path = f"/cases/{case.pk}/key-contacts/add/"
    form = client.get(path).content.decode()
    assert "Add a key contact" in form and "checked" not in form  # nothing answered on a new contact
    response = client.post(
        path,
        {
            "kind": "social_worker",
            "name": "  Jane   Aldridge ",
            "role": "Senior social worker",
            "organisation": "Worcestershire Children First",
            "phone": " 01905  555-0101 ",
            "email": " jane.aldridge@worcestershire.example ",
            "children": [children[1].pk],
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/key-contacts/"
    contact = KeyContact.objects.get()
    assert (contact.name, contact.phone, contact.email) == (
        "Jane Aldridge",
        "01905 555-0101",
        "jane.aldridge@worcestershire.example",
    )
    assert list(contact.children.all()) == [children[1]]
    event = AuditEvent.objects.get(action="key_contact.add")
    assert event.case_id == case.pk and event.actor == world["officer1"]
    page = client.get(f"/cases/{case.pk}/key-contacts/").content.decode()
    for shown in ("Jane Aldridge", "Senior social worker", "Worcestershire Children First", "Social worker", "01905 555-0101"):
        assert shown in page
    assert str(children[1]) in page and "23 November 2026" in page  # since it was added
    overview = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Jane Aldridge" in overview and f"/cases/{case.pk}/key-contacts/" in overview


def test_an_empty_form_says_what_to_answer_and_saves_nothing(client, world, case):
    client.force_login(world["officer1"])
    page = client.post(f"/cases/{case.pk}/key-contacts/add/", EMPTY).content.decode()
    assert errors_in(page) == ["Select the kind of key contact", "Enter their name", "Enter the organisation they work for"]
    assert not KeyContact.objects.exists()


@pytest.mark.parametrize(
    ("phone", "email", "messages"),
    [
        ("01905 555 O101", "", [reach.PHONE_MESSAGE]),  # a letter O for a zero
        ("12345", "", [reach.PHONE_MESSAGE]),
        ("", "jane.aldridge@", [reach.EMAIL_MESSAGE]),
        ("", "Jane <jane@wcf.example>", [reach.EMAIL_MESSAGE]),
        ("0" * 41, "", ["Phone number must be 40 characters or fewer"]),
    ],
)
def test_a_phone_number_or_email_address_that_cannot_be_used_is_refused(client, world, case, phone, email, messages):
    client.force_login(world["officer1"])
    data = {"kind": "school_dsl", "name": "Anita Shah", "organisation": "St John's", "phone": phone, "email": email}
    response = client.post(f"/cases/{case.pk}/key-contacts/add/", data)
    assert response.status_code == 200
    assert errors_in(response.content.decode()) == messages
    assert not KeyContact.objects.exists()


@pytest.mark.parametrize(
    "typed",
    ["01905 555 0101", "01905-555-0101", "(01905) 555 0101", "+44 (0)1905 555 0101", "07700 900982", "01905 555 0101 ext 204"],
)
def test_numbers_as_people_type_them_are_accepted(typed):
    assert reach.is_phone(typed)
    reach.validate_phone(typed)


def test_the_service_refuses_a_bad_number_and_another_cases_child(world, case, make_case):
    other = make_case(last_name="Other", children=1)
    with pytest.raises(ValidationError) as raised:
        add_social_worker(world, case, phone="call the office", email="nobody")
    assert raised.value.message_dict == {"phone": [reach.PHONE_MESSAGE], "email": [reach.EMAIL_MESSAGE]}
    with pytest.raises(ValidationError) as raised:
        add_social_worker(world, case, children=[other.service_user.child_links.get().child])
    assert raised.value.message_dict == {"children": ["Only children linked to this case can be named"]}
    assert not KeyContact.objects.exists()


def test_a_co_ordinator_added_on_the_general_page_needs_the_date_and_a_way_to_reach_them(client, world, case):
    client.force_login(world["officer1"])
    data = {"kind": "prison_cp_coordinator", "name": "Sam Patel", "organisation": "HMP Hewell"}
    page = client.post(f"/cases/{case.pk}/key-contacts/add/", data).content.decode()
    assert errors_in(page) == ["Enter a phone number or email address for the co-ordinator", "Enter date you contacted them"]
    assert 'id="id_phone-error"' in page  # on the first way to reach them, not on "other contact details"
    assert not KeyContact.objects.exists()


# --- the prison co-ordinator's page keeps its one box, stored where it belongs ---------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("01527 785000", {"phone": "01527 785000", "email": "", "contact_details": ""}),
        (" sam.patel@justice.gov.uk", {"phone": "", "email": "sam.patel@justice.gov.uk", "contact_details": ""}),
        ("Wing B office, ask for Sam", {"phone": "", "email": "", "contact_details": "Wing B office, ask for Sam"}),
    ],
)
def test_the_co_ordinators_one_box_is_kept_as_a_phone_an_email_or_other_details(client, world, case, typed, stored):
    client.force_login(world["officer1"])
    data = {"organisation": "HMP Hewell", "name": "Sam Patel", "contact_details": typed}
    data |= {"contacted_on_day": "20", "contacted_on_month": "11", "contacted_on_year": "2026"}
    assert client.post(f"/cases/{case.pk}/key-contacts/prison/add/", data).status_code == 302
    contact = KeyContact.objects.get()
    assert contact.kind == KeyContact.Kind.PRISON_CP_COORDINATOR
    assert {name: getattr(contact, name) for name in stored} == stored


def test_the_one_box_of_contacts_already_recorded_moves_to_phone_or_email(world, case):
    """Migration 0009's data step, run on contacts as the one box left them."""
    migration = importlib.import_module("safeguard.cases.migrations.0009_key_contact_kinds")
    boxes = ["01527 785000 ext 12", "sam.patel@justice.gov.uk", "Sam on 01527 785000 or by email", ""]
    contacts = [
        KeyContact.objects.create(
            case=case, kind="prison_cp_coordinator", organisation="HMP Hewell", name=f"Co-ordinator {i}", contact_details=box
        )
        for i, box in enumerate(boxes)
    ]
    migration.split_contact_details(apps, None)
    after = [KeyContact.objects.values_list("phone", "email", "contact_details").get(pk=c.pk) for c in contacts]
    assert after == [
        ("01527 785000 ext 12", "", ""),
        ("", "sam.patel@justice.gov.uk", ""),
        ("", "", "Sam on 01527 785000 or by email"),
        ("", "", ""),
    ]
    migration.join_contact_details(apps, None)  # and back again
    assert [KeyContact.objects.get(pk=c.pk).contact_details for c in contacts] == boxes


# --- changing and ending ------------------------------------------------------------------------


def test_a_change_starts_from_what_is_on_file_and_is_audited(client, world, case, children):
    contact = add_social_worker(world, case, children=[children[0]], phone="01905 555 0101")
    client.force_login(world["officer1"])
    path = f"/cases/{case.pk}/key-contacts/{contact.pk}/change/"
    form = client.get(path).content.decode()
    assert 'value="Jane Aldridge"' in form and 'value="social_worker" checked' in form.replace("\n", "")
    data = {
        "kind": "team_manager",
        "name": "Jane Aldridge",
        "role": "Team manager",
        "organisation": "Worcestershire Children First",
        "phone": "01905 555 0102",
        "email": "",
        "children": [children[0].pk, children[1].pk],
    }
    response = client.post(path, data)
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.kind, contact.role, contact.phone) == ("team_manager", "Team manager", "01905 555 0102")
    assert set(contact.children.all()) == set(children)
    event = AuditEvent.objects.get(action="key_contact.change")
    assert event.changes["phone"] == ["01905 555 0101", "01905 555 0102"]
    assert event.changes["children"] == [[str(children[0])], sorted(str(c) for c in children)]


def test_a_change_made_meanwhile_by_someone_else_is_not_undone(client, world, case, children):
    contact = add_social_worker(world, case, children=[children[0]])
    client.force_login(world["officer1"])
    path = f"/cases/{case.pk}/key-contacts/{contact.pk}/change/"
    opened = client.get(path).content.decode()
    version, base = (re.findall(rf'name="{name}" value="([^"]+)"', opened)[0] for name in ("edit_version", "edit_base"))
    services.key_contact_change(actor=world["manager1"], case=case, contact=contact, phone="01905 555 0199")
    data: dict[str, object] = {"kind": "social_worker", "name": "Jane Aldridge", "organisation": "Worcestershire Children First"}
    data |= {"phone": "", "children": [children[1].pk], "edit_version": version, "edit_base": base}
    page = client.post(path, data).content.decode()
    assert "01905 555 0199" in page  # shown as the other person's change
    contact.refresh_from_db()
    assert contact.phone == "01905 555 0199" and list(contact.children.all()) == [children[0]]


def test_no_longer_involved_keeps_the_contact_on_the_list_and_stops_offering_them(client, world, case):
    contact = add_social_worker(world, case, contacted_on=D(2026, 11, 2))
    client.force_login(world["officer1"])
    path = f"/cases/{case.pk}/key-contacts/{contact.pk}/end/"
    assert errors_in(client.post(path, EMPTY).content.decode()) == ["Enter date they stopped being involved"]
    before = {"ended_on_day": "1", "ended_on_month": "11", "ended_on_year": "2026"}
    assert errors_in(client.post(path, before).content.decode()) == [
        "The date they stopped being involved must be on or after the date you first contacted them"
    ]
    future = {"ended_on_day": "24", "ended_on_month": "11", "ended_on_year": "2026"}
    assert errors_in(client.post(path, future).content.decode()) == [
        "Date they stopped being involved must be today or in the past"
    ]
    assert KeyContact.objects.get().ended_on is None
    response = client.post(path, {"ended_on_day": "20", "ended_on_month": "11", "ended_on_year": "2026"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.ended_on == D(2026, 11, 20)
    page = client.get(f"/cases/{case.pk}/key-contacts/").content.decode()
    assert "Jane Aldridge" in page and "No longer involved" in page and "20 November 2026" in page
    assert path not in page  # no second ending offered
    assert "Jane Aldridge" not in client.get(f"/cases/{case.pk}/").content.decode()  # the overview lists those involved
    again = client.post(path, {"ended_on_day": "21", "ended_on_month": "11", "ended_on_year": "2026"}).content.decode()
    assert "Jane Aldridge has not been involved since 20 November 2026" in again
    assert "spoke_to_contact" not in ChaseForm(case=case, methods=[("phone", "Phone")]).fields  # no one left to offer
    assert KeyContact.objects.count() == 1  # never deleted


def test_another_cases_contact_is_refused_and_logged_on_every_contact_page(client, world, case, make_case):
    other = make_case(last_name="Other")
    theirs = add_social_worker(world, other)
    client.force_login(world["officer1"])  # may see and change both cases
    for page in ("change", "end"):
        path = f"/cases/{case.pk}/key-contacts/{theirs.pk}/{page}/"
        for method in ("get", "post"):
            before = AccessLog.objects.filter(user=world["officer1"], object_type="cases.KeyContact").count()
            response = getattr(client, method)(path, {"name": "Changed", "ended_on_day": "20"} if method == "post" else {})
            assert response.status_code == 404 and "restricted" in response.content.decode().lower()
            assert AccessLog.objects.filter(user=world["officer1"], object_type="cases.KeyContact").count() == before + 1
    theirs.refresh_from_db()
    assert theirs.name == "Jane Aldridge" and theirs.ended_on is None


def test_roles_that_only_read_see_the_list_without_changes(client, world, case):
    add_social_worker(world, case)
    client.force_login(world["reception1"])  # reads case records; changes only the case itself
    page = client.get(f"/cases/{case.pk}/key-contacts/").content.decode()
    assert "Jane Aldridge" in page and "Add a key contact" not in page and "/change/" not in page
    assert client.get(f"/cases/{case.pk}/key-contacts/add/").status_code in (403, 404)


# --- chosen instead of typed ----------------------------------------------------------------------


def chase_form(case, **data):
    return ChaseForm(
        {"chased_on_day": "23", "chased_on_month": "11", "chased_on_year": "2026", "method": "phone", **data},
        case=case,
        methods=[("phone", "Phone")],
    )


def test_a_chosen_contact_answers_the_typed_question_with_their_name(world, case):
    contact = add_social_worker(world, case)
    form = chase_form(case, spoke_to_contact=str(contact.pk))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["spoke_to"] == "Jane Aldridge (Worcestershire Children First)"
    assert form.fields["spoke_to"].label == "Or type who you chased"


def test_only_the_cases_current_contacts_are_offered_and_none_is_chosen(world, case, make_case):
    ours = add_social_worker(world, case)
    ended = add_social_worker(world, case, name="Lee Carter")
    services.key_contact_end(actor=world["officer1"], case=case, contact=ended, ended_on=D(2026, 11, 20))
    theirs = add_social_worker(world, make_case(last_name="Other"), name="Their Worker")
    field = chase_form(case).fields["spoke_to_contact"]
    assert list(field.queryset) == [ours] and field.initial is None
    for refused in (ended, theirs):
        form = chase_form(case, spoke_to_contact=str(refused.pk))
        assert not form.is_valid()
        assert form.errors["spoke_to_contact"] == ["Choose one of this case’s key contacts from the list, or type the name"]
    for nonsense in ("abc", "9" * 20, "-1"):
        assert not chase_form(case, spoke_to_contact=nonsense).is_valid()


def test_typing_another_name_as_well_as_choosing_a_contact_is_asked_about(world, case):
    contact = add_social_worker(world, case)
    form = chase_form(case, spoke_to_contact=str(contact.pk), spoke_to="Someone else")
    assert not form.is_valid()
    assert form.errors["spoke_to"] == [
        "You chose Jane Aldridge from the key contacts: clear this box, or select no key contact to type a name"
    ]
    same = chase_form(case, spoke_to_contact=str(contact.pk), spoke_to="jane aldridge (worcestershire children first)")
    assert same.is_valid()


def test_without_contacts_the_question_is_typed_as_before_and_a_posted_contact_is_refused(world, case, make_case):
    form = chase_form(case, spoke_to="Duty desk")
    assert "spoke_to_contact" not in form.fields and form.fields["spoke_to"].label == "Who did you chase?"
    assert form.is_valid() and form.cleaned_data["spoke_to"] == "Duty desk"
    theirs = add_social_worker(world, make_case(last_name="Other"))
    refused = chase_form(case, spoke_to_contact=str(theirs.pk))
    assert not refused.is_valid()
    assert refused.non_field_errors() == ["Choose one of this case’s key contacts from the list, or type the name"]


def test_a_contact_too_long_to_fit_the_typed_answer_is_named_alone(world, case):
    contact = add_social_worker(world, case, name="Jane Aldridge-" + "A" * 60, organisation="O" * 150)
    form = chase_form(case, spoke_to_contact=str(contact.pk))
    assert len(contact.described) > 200  # what the chase may hold
    assert form.is_valid() and form.cleaned_data["spoke_to"] == contact.name
