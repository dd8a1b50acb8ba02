"""The register: flags, review triggers, lawful erasure on de-registration, legal holds, the report."""

import csv
import datetime
import io
import re
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from safeguard.accounts import roles
from safeguard.checks import services as checks
from safeguard.checks.models import CHECKLIST_QUESTIONS
from safeguard.people import services as people
from safeguard.people.models import Child
from safeguard.referrals import services as referrals
from safeguard.register import selectors, services
from safeguard.register.models import DeregistrationRecord, Registration, ReviewTrigger
from safeguard.testing import council, deregister, make_user

D = datetime.date
NO_ANSWERS = {name: False for name, _, _ in CHECKLIST_QUESTIONS}
SURNAME = "Quenby"
DOB = D(2019, 2, 14)


@pytest.fixture
def family(world, make_case, fixed_today):
    """Gary Stone and his daughter Poppy Quenby, on a child-protection plan, with a full history."""
    case = make_case(first_name="Gary", last_name="Stone")
    officer = world["officer1"]
    link = people.child_add(
        actor=officer,
        case=case,
        where="new",
        child={"first_name": "Poppy", "last_name": SURNAME, "date_of_birth": DOB, "school": "Meadow Primary"},
        address={"line_1": "7 Larkspur Row", "town": "Worcester", "local_authority": council()},
        link={"relationship": "parent", "contact": "regular", "parental_responsibility": True},
        status={
            "status": "cpp",
            "category": "neglect",
            "start_date": D(2026, 6, 1),
            "local_authority": council(),
            "social_worker": "Jo Tranter",
            "social_worker_contact": "01905 555 0199",
        },
    )
    child = link.child
    people.child_name_variant_add(actor=officer, case=case, child=child, first_name="Poppie", last_name=SURNAME, note="School")
    request = checks.requests_prepare(actor=officer, case=case)[0]
    checks.request_send(actor=officer, case=case, request=request, sent_on=D(2026, 11, 2), channel="portal", recipient="MASH")
    checks.request_answer(
        actor=officer,
        case=case,
        request=request,
        answered_on=D(2026, 11, 9),
        service_user_known=True,
        children={child.pk: {"known": "known", "status": "cpp", "category": "neglect", "social_worker": "Jo Tranter"}},
    )
    referrals.referral_make(
        actor=officer,
        case=case,
        children=[child],
        made_on=D(2026, 11, 16),
        referred_to="csc",
        local_authority=council(),
        concern=f"Poppy {SURNAME} said she was left alone overnight.",
        harms=["neglect"],
        risk_level="high",
        response_wanted="section_47",
        urgency="routine",
        channel="email",
        not_discussed_reason="absent",
    )
    registration = services.register_case(
        actor=officer,
        case=case,
        category="linked_child",
        trigger_date=D(2026, 11, 10),
        registered_on=D(2026, 11, 20),
        children=[child],
        reason=f"Poppy {SURNAME} is on a child-protection plan for neglect",
    )
    return case, child, registration


NOV_1, NOV_2 = D(2026, 11, 1), D(2026, 11, 2)


def register(world, case, children, *, category="linked_child", trigger=NOV_1, on=NOV_2, reason="Plan"):
    """Register a case as officer1 (the service is what is under test; this only saves repetition)."""
    return services.register_case(
        actor=world["officer1"],
        case=case,
        category=category,
        trigger_date=trigger,
        registered_on=on,
        children=children,
        reason=reason,
    )


def rows_mentioning(*needles: str) -> list[tuple[str, str]]:
    """Every (table, column) in the raw database whose text holds a needle (any case)."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                for needle in needles:
                    cursor.execute(
                        f"SELECT COUNT(*) FROM {quote(table)} WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s",  # noqa: S608
                        [f"%{needle.lower()}%"],
                    )
                    if cursor.fetchone()[0]:
                        found.append((table, column.name))
    return found


def test_flags_show_on_the_service_user_the_child_and_in_search(client, world, family):
    case, child, _ = family
    client.force_login(world["officer1"])
    header = client.get(f"/cases/{case.pk}/").content.decode()
    assert "C.A.R. in household" in header and "not necessarily the risk" in header and "Flagged 20/11/2026" in header
    assert "Child at risk" in client.get(f"/cases/{case.pk}/children/{child.pk}/").content.decode()
    assert "Child at risk" in header  # on the child's row of the overview
    results = client.get("/cases/", {"q": "stone"}).content.decode()
    assert "C.A.R. in household" in results
    client.force_login(world["manager1"])  # the register itself is for managers (register/access.py)
    assert "C.A.R. in household" in client.get("/register/").content.decode()


def test_days_to_register_are_shown_and_late_ones_highlighted(client, world, family):
    case, _, registration = family
    assert registration.days_to_register == 10
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{case.pk}/register/").content.decode()
    assert "10 days" in page and "over the 7-day target" in page and 'class="sg-late"' in page


def test_a_childs_address_change_makes_a_review_due_today(client, world, family):
    case, child, _ = family
    client.force_login(world["officer1"])
    response = client.post(
        f"/cases/{case.pk}/children/{child.pk}/address/",
        {"where-where": "new", "where-line_1": "2 New Road", "where-local_authority": council("Herefordshire").pk},
    )
    assert response.status_code == 302
    trigger = ReviewTrigger.objects.get()
    assert trigger.reason == "child_address_change" and trigger.occurred_on == D(2026, 11, 23)
    page = client.get(f"/cases/{case.pk}/checks/").content.decode()
    assert "Review the registration now: a linked child&#x27;s address changed" in page
    assert "Review due now" in client.get(f"/cases/{case.pk}/register/").content.decode()


@pytest.mark.parametrize("change", ["holder", "rosh", "order", "plan", "new_child", "su_address"])
def test_each_change_of_circumstances_triggers_a_review(world, family, change):
    from safeguard.cases import services as cases

    case, child, _ = family
    officer = world["officer1"]
    if change == "holder":  # to another qualified officer (a PSO would need an approval: West Mercia 6.3)
        newcomer = make_user("officer9", roles.OFFENDER_MANAGER, world.north, None)
        cases.case_allocate(
            actor=world["manager1"], case=case, team=world.north, case_holder=newcomer, line_manager=world["manager1"]
        )
    elif change == "rosh":
        people.service_user_update(actor=officer, case=case, service_user=case.service_user, rosh_level="very_high")
    elif change == "order":
        order = cases.order_add(
            actor=officer, case=case, stage="court_order", order_type="community_order", start_date=D(2025, 1, 1)
        )
        cases.order_update(actor=officer, case=case, order=order, ended_on=D(2026, 11, 20))
    elif change == "plan":
        people.status_add(actor=officer, case=case, child=child, status="child_in_need", start_date=D(2026, 11, 21))
    elif change == "new_child":
        people.child_add(
            actor=officer,
            case=case,
            where="service_user",
            child={"first_name": "Ava", "last_name": "Stone", "date_of_birth": D(2025, 1, 1)},
            link={"relationship": "partners_child", "contact": "lives_with"},
        )
    elif change == "su_address":
        people.service_user_address_add(
            actor=officer,
            case=case,
            service_user=case.service_user,
            address={"line_1": "1 Moved Lane", "local_authority": council()},
            address_type="stays",
        )
    expected = {
        "holder": "case_holder_change",
        "rosh": "rosh_change",
        "order": "order_ended",
        "plan": "plan_ended",
        "new_child": "new_child",
        "su_address": "change_of_address",
    }[change]
    assert list(ReviewTrigger.objects.values_list("reason", flat=True)) == [expected]


def test_review_resolves_triggers_and_needs_a_different_countersigner(world, family):
    case, child, registration = family
    people.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, rosh_level="high")
    review = services.review_record(
        actor=world["officer1"],
        case=case,
        registration=registration,
        reviewed_on=D(2026, 11, 23),
        what_changed="Risk raised after new intelligence",
        decision="continue",
    )
    assert not ReviewTrigger.objects.filter(resolved_by__isnull=True).exists()
    registration.refresh_from_db()
    assert registration.next_review_due == D(2027, 3, 23)
    with pytest.raises(ValidationError):
        services.review_countersign(actor=world["officer1"], case=case, review=review)
    with pytest.raises(ValidationError):
        services.review_countersign(actor=world["manager2"], case=case, review=review)
    services.review_countersign(actor=world["manager1"], case=case, review=review)
    review.refresh_from_db()
    assert review.countersigned_by == world["manager1"]


def test_deregistration_erases_every_copy_of_the_childs_details(world, family):
    case, child, registration = family
    assert rows_mentioning(SURNAME), "the fixture should have put the child's details in several tables"
    deregister(world, case, registration, "child_left_register")
    assert rows_mentioning(SURNAME, DOB.isoformat(), "Poppie", "Larkspur", "Jo Tranter", "Meadow Primary") == []
    note = case.notes.get()
    assert note.text == "Children removed from LA CP register. Children's details removed on 23/11/26."
    record = DeregistrationRecord.objects.get()
    assert (record.children_named, record.children_erased, record.category) == (1, 1, "linked_child")
    registration.refresh_from_db()
    assert registration.ended_on == D(2026, 11, 23)
    assert case.service_user.first_name == "Gary" and rows_mentioning("Gary")  # the service user is untouched


def test_legal_hold_blocks_erasure(world, family):
    case, child, registration = family
    with pytest.raises(ValidationError):
        services.legal_hold_place(actor=world["officer1"], case=case, reason="SCR")  # not a senior manager
    services.legal_hold_place(actor=world["lead1"], case=case, reason="Serious case review ordered by the partnership")
    with pytest.raises(ValidationError, match="legal hold"):
        deregister(world, case, registration, "child_left_register")
    assert Child.objects.filter(pk=child.pk).exists() and rows_mentioning(SURNAME)
    registration.refresh_from_db()
    assert registration.ended_on is None and not DeregistrationRecord.objects.exists()


def test_a_child_linked_to_another_case_keeps_their_details(world, family, make_case):
    case, child, registration = family
    mother = make_case(first_name="Kim", last_name="Hale", team=world.south, holder=world["officer2"])
    people.child_link_add(actor=world["officer2"], case=mother, child=child, relationship="parent", contact="lives_with")
    preview = selectors.deregistration_preview(case=case, registration=registration)
    assert preview["keep"] == [child] and preview["erase"] == []
    deregister(world, case, registration, "order_ended")
    child.refresh_from_db()
    assert child.last_name == SURNAME and child.date_of_birth == DOB
    assert case.notes.get().text.startswith("Case terminated whilst children subject to LA CP register.")


def test_monthly_report_page_csv_and_pdf_agree(client, world, make_case, tmp_path, fixed_today, settings):
    for i in range(20):
        case = make_case(first_name=f"Person{i:02d}", last_name="Report", children=1)
        child = case.service_user.child_links.get().child
        registered = D(2026, 5, 1) + datetime.timedelta(days=i * 9)  # the early ones are overdue for review
        register(world, case, [child], trigger=registered, on=registered)
    client.force_login(world["lead1"])
    settings.SAFEGUARD = {**settings.SAFEGUARD, "REGISTER_REPORT_PAGE_SIZE": 8}
    page_rows, pages = [], []
    for number in (1, 2, 3):
        page = client.get("/register/report/", {"month": "2026-11", "page": number}).content.decode()
        body = page.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
        page_rows += [re.findall(r"[A-Z]\d{6}", tr)[0] for tr in body.split("<tr")[1:]]  # the CRN of each row
        pages.append(page)
    overdue = Registration.objects.filter(next_review_due__lt=D(2026, 11, 23)).count()
    assert len(page_rows) == 20 and 0 < overdue < 20
    assert f"20 registered cases, {overdue} with the review overdue" in pages[0] and "Page 3 of 3" in pages[2]
    response = client.get("/register/report/", {"month": "2026-11", "format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 21
    assert [r[1] for r in rows[1:]] == page_rows  # the same rows in the same order, page by page
    assert [r[10] for r in rows[1:]] == ["Overdue"] * overdue + [""] * (20 - overdue)  # overdue first
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(client.get("/register/report/", {"month": "2026-11", "format": "pdf"}).content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607
    for row in rows[1:]:
        assert row[1] in text  # every CRN
    assert text.count("Overdue") == overdue

    # A report too long to lay out in the browser is refused with a way forward, not a timeout.
    settings.SAFEGUARD = {**settings.SAFEGUARD, "REGISTER_REPORT_PDF_MAX_ROWS": 19}
    refused = client.get("/register/report/", {"month": "2026-11", "format": "pdf"})
    assert refused["Content-Type"].startswith("text/html")
    assert "This report has 20 rows, too many to lay out as a PDF here" in refused.content.decode()


def test_register_report_command_writes_and_emails(world, family, tmp_path, settings):
    from django.core import mail
    from django.core.management import call_command

    settings.SAFEGUARD = {**settings.SAFEGUARD, "REGISTER_REPORT_RECIPIENTS": ["area.manager@example.org"]}
    out = tmp_path / "register.csv"
    call_command(
        "register_report", "--month", "2026-11", "--format", "csv", "--output", str(out), "--email", stdout=io.StringIO()
    )
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert len(rows) == 2 and rows[1][1] == family[0].service_user.crn
    assert mail.outbox[0].to == ["area.manager@example.org"] and mail.outbox[0].attachments[0][0] == "register.csv"


def test_a_missed_review_is_listed_for_team_admin(client, world, family):
    import time_machine

    with time_machine.travel(datetime.datetime(2027, 4, 1, 10, tzinfo=datetime.UTC), tick=False):
        client.force_login(world["reception1"])
        page = client.get("/my-work/").content.decode()
    assert "Missed register reviews in your team (1)" in page and "Gary Stone" in page


def test_a_case_linked_to_a_child_on_a_plan_must_be_registered_promptly(world, make_case, fixed_today):
    from safeguard.core.tasks import tasks_for_cases

    case = make_case(children=1)  # the child has been on a plan since 13 November; the case opened on 23 November
    task = next(t for t in tasks_for_cases([case])[case.pk] if t.kind == "register_needed")
    assert task.due_on == D(2026, 11, 30)  # 7 calendar days, the registration target
    child = case.service_user.child_links.get().child
    register(world, case, [child], trigger=D(2026, 11, 23), on=D(2026, 11, 23))
    kinds = [t.kind for t in tasks_for_cases([case])[case.pk]]
    assert "register_needed" not in kinds and "register_review" in kinds


def test_registration_is_validated(world, family):
    case, child, _ = family
    with pytest.raises(ValidationError, match="already registered"):
        register(world, case, [child], reason="again")
    with pytest.raises(ValidationError):
        register(world, case, [child], category="risk_unspecified", reason="names a child")
    with pytest.raises(ValidationError):
        register(world, case, [child], category="concerns", trigger=D(2026, 11, 5), reason="before its trigger")
    assert Registration.objects.count() == 1


def test_register_and_report_queries_do_not_grow(client, world, make_case, fixed_today):
    import time_machine
    from django.test.utils import CaptureQueriesContext

    def register_some(n):
        for i in range(n):
            case = make_case(children=2)
            register(world, case, [link.child for link in case.service_user.child_links.all()], on=D(2026, 11, 3))
            if i % 2:  # a change of circumstances makes the review due now (counted overdue from tomorrow)
                people.service_user_update(actor=world["officer1"], case=case, service_user=case.service_user, rosh_level="high")

    def counts():
        found = []
        for path in [
            "/register/",
            "/register/?review_overdue=on",
            "/register/report/?month=2026-11",
            "/register/report/?month=2026-12",
        ]:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            found.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            b"".join(client.get("/register/report/?month=2026-11&format=csv").streaming_content)
        return [*found, len(queries)]

    client.force_login(world["lead1"])
    register_some(2)
    small = counts()
    register_some(13)
    assert counts() == small
    assert max(small) <= 16
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC), tick=False):
        client.force_login(world["lead1"])  # a week on: the reviews due after a change are overdue
        later = counts()
        register_some(6)
        assert counts() == later
        assert max(later) <= 16
        # the 7 changed before today are overdue; the 3 changed today are due today
        assert "21 current registrations, 7 with the review overdue" in client.get("/register/").content.decode()


def test_report_shows_the_last_review_as_it_stood_at_the_end_of_the_month(client, world, family):
    case, _, registration = family
    for day in (D(2026, 11, 21), D(2026, 11, 22)):
        services.review_record(
            actor=world["officer1"], case=case, registration=registration, reviewed_on=day, what_changed="-", decision="continue"
        )
    client.force_login(world["lead1"])

    def last_review(month):
        response = client.get("/register/report/", {"month": month, "format": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        return [row[8] for row in rows[1:]]

    assert last_review("2026-11") == ["22/11/2026"]  # the latest of two
    registration.registered_on = D(2026, 10, 1)
    registration.save()
    assert last_review("2026-10") == ["Not yet reviewed"]  # the November reviews had not happened yet


def test_a_review_left_undone_after_a_change_of_circumstances_is_overdue_on_the_register(client, world, family):
    import time_machine

    case, child, registration = family  # registered 20 November 2026: the 4-monthly review is due in March
    client.force_login(world["officer1"])
    client.post(
        f"/cases/{case.pk}/children/{child.pk}/address/",
        {"where-where": "new", "where-line_1": "2 New Road", "where-local_authority": council("Herefordshire").pk},
    )
    client.force_login(world["lead1"])
    today = client.get("/register/?review_overdue=on")
    assert today.status_code == 200 and "STONE" not in today.content.decode().upper()  # due today, not yet late
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC), tick=False):
        client.force_login(world["lead1"])  # a week later: a new session
        page = client.get("/register/?review_overdue=on").content.decode()
        assert "STONE" in page.upper() and "23/11/2026 (change of circumstances)" in page
        response = client.get("/register/report/", {"month": "2026-12", "format": "csv"})
        row = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))[1]
        assert row[9:11] == ["23/11/2026 (change of circumstances)", "Overdue"]
        services.review_record(
            actor=world["officer1"],
            case=case,
            registration=registration,
            reviewed_on=D(2026, 11, 30),
            what_changed="Moved",
            decision="continue",
        )
        assert "STONE" not in client.get("/register/?review_overdue=on").content.decode().upper()


def test_a_past_months_report_shows_what_was_due_then(client, world, make_case, fixed_today):
    case = make_case(last_name="Earlier", children=1)
    child = case.service_user.child_links.get().child
    registration = register(world, case, [child], trigger=D(2026, 5, 1), on=D(2026, 5, 1))
    assert registration.first_review_due == D(2026, 9, 1)
    services.review_record(
        actor=world["officer1"],
        case=case,
        registration=registration,
        reviewed_on=D(2026, 10, 15),
        what_changed="-",
        decision="continue",
    )
    client.force_login(world["lead1"])

    def row(month):
        response = client.get("/register/report/", {"month": month, "format": "csv"})
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))[1][8:11]

    assert row("2026-09") == ["Not yet reviewed", "01/09/2026", "Overdue"]  # missed in September
    assert row("2026-10") == ["15/10/2026", "15/02/2027", ""]
    assert row("2026-11") == ["15/10/2026", "15/02/2027", ""]


@pytest.mark.parametrize("who", ["pso1", "trainee1", "officer2", "reception1"])
def test_only_the_case_holder_or_manager_asks_for_de_registration(client, world, family, who):
    """West Mercia 5.3: the case holder notifies, the information officer de-registers."""
    case, child, registration = family
    with pytest.raises(ValidationError, match="case holder or the case's manager"):
        services.deregistration_ask(actor=world[who], case=case, registration=registration, reason="order_ended")
    client.force_login(world[who])
    page = client.get(f"/cases/{case.pk}/register/{registration.pk}/deregister/")
    if page.status_code == 200:  # those who may see the case are told who asks, and offered no button
        assert "De-register and erase" not in page.content.decode() and "Ask the information officer" not in page.content.decode()
        client.post(f"/cases/{case.pk}/register/{registration.pk}/deregister/", {"reason": "order_ended"})
    registration.refresh_from_db()
    assert registration.deregistration_asked_on is None and Child.objects.filter(pk=child.pk).exists()


def test_de_registration_is_asked_for_by_the_case_holder_and_confirmed_by_the_information_officer(client, world, family):
    case, child, registration = family
    url = f"/cases/{case.pk}/register/{registration.pk}/deregister/"
    client.force_login(world["officer1"])  # the case holder
    assert "Ask the information officer to de-register" in client.get(url).content.decode()
    client.post(url, {"reason": "child_left_register"})
    registration.refresh_from_db()
    assert registration.deregistration_asked_by == world["officer1"] and registration.ended_on is None
    assert Child.objects.filter(pk=child.pk).exists()  # nothing erased yet
    with pytest.raises(ValidationError, match="information officer"):
        services.deregister(actor=world["officer1"], case=case, registration=registration)
    assert "Waiting for the information officer" in client.get(url).content.decode()

    client.force_login(world["info1"])
    my_work = client.get("/my-work/").content.decode()  # where the information officer finds it
    assert "De-registrations to confirm (1)" in my_work and url in my_work
    page = client.get(url).content.decode()
    assert "The children left the local-authority register" in page and "De-register and erase" in page
    outside = page.split('id="outside"')[1].split("</ul>")[0]  # what Safeguard sent out about Poppy
    assert "Request for information sent to Worcestershire on 2 November 2026 (portal, MASH)" in outside
    assert "Referral to Worcestershire on 16 November 2026 (e-mail" in outside
    assert "Monthly register reports for November 2026, which list the children" in outside
    assert client.post(url, {}).status_code == 200  # the confirmation box is required
    client.post(url, {"confirm": "on"})
    registration.refresh_from_db()
    assert registration.ended_on == D(2026, 11, 23) and not Child.objects.filter(pk=child.pk).exists()
    assert "De-registrations to confirm" not in client.get("/my-work/").content.decode()
    assert case.notes.get().text.startswith("Children removed from LA CP register.")


def test_the_information_officer_cannot_confirm_what_nobody_asked_for(world, family):
    case, child, registration = family
    with pytest.raises(ValidationError, match="asks for de-registration first"):
        services.deregister(actor=world["info1"], case=case, registration=registration)
    assert Child.objects.filter(pk=child.pk).exists()


def test_erasure_finds_first_name_nickname_long_date_and_social_worker_and_spares_the_sibling(client, world, family, make_case):
    """The child's first name alone, a nickname, the date of birth written long and the social
    worker, in a registration reason, a checklist answer, a notification and a search; all gone after
    erasure, from every table and page. The sister, linked to her mother's open case too, keeps hers."""
    case, child, registration = family
    officer = world["officer1"]
    people.child_name_variant_add(actor=officer, case=case, child=child, first_name="Pops", last_name=SURNAME, note="Nickname")
    sister = people.child_add(
        actor=officer,
        case=case,
        child={"first_name": "Ruby", "last_name": SURNAME, "date_of_birth": D(2021, 9, 28)},
        link={"relationship": "parent", "contact": "regular", "parental_responsibility": True},
    ).child
    mother = make_case(first_name="Kim", last_name="Hale", team=world.south, holder=world["officer2"])
    people.child_link_add(actor=world["officer2"], case=mother, child=sister, relationship="parent", contact="lives_with")
    Registration.objects.filter(pk=registration.pk).update(
        reason="Pops told school she goes hungry. Poppy was born on 14 February 2019; Ruby, born 28 September 2021, is well."
    )
    referrals.referral_make(
        actor=officer,
        case=case,
        children=[child],
        made_on=D(2026, 11, 20),
        referred_to="csc",
        local_authority=council(),
        concern="Pops (born 14 February 2019) was alone again; Jo Tranter knows. Ruby was with her mother.",
        harms=["neglect"],
        risk_level="high",
        response_wanted="section_47",
        urgency="routine",
        channel="email",
        not_discussed_reason="absent",
    )
    checks.checklist_record(
        actor=officer,
        case=case,
        stage="start_of_order",
        asked_on=D(2026, 11, 20),
        answers={**NO_ANSWERS, "significant_contact": True, "significant_contact_details": "Poppy and Ruby at weekends"},
    )
    checks.notification_prepare(
        actor=officer, case=case, kind="involvement", local_authority=council(), children=[child], recipient="Jo Tranter, MASH"
    )
    client.force_login(world["officer2"])
    client.get(f"/cases/{case.pk}/", {"q": "Poppy Quenby"})  # refused: another team's case, with a name in the query

    deregister(world, case, registration, "child_left_register")

    gone = ["Poppy", "Pops", "14 February 2019", "14/02/2019", "Jo Tranter", "Poppie"]
    assert rows_mentioning(*gone) == []
    client.force_login(world["lead1"])
    for path in [f"/cases/{case.pk}/", f"/cases/{case.pk}/history/", f"/cases/{case.pk}/register/", f"/cases/{case.pk}/checks/"]:
        page = client.get(path).content.decode()
        assert not [word for word in gone if word in page], path
    sister.refresh_from_db()
    assert (sister.first_name, sister.date_of_birth) == ("Ruby", D(2021, 9, 28))
    assert rows_mentioning("Ruby", "28 September 2021", SURNAME)  # hers stay, and so does the surname she shares


def test_erasing_a_child_costs_the_same_however_many_other_cases_there_are(world, make_case, fixed_today):
    """Erasure looks only at the child's own cases: its queries do not grow with the service, even
    when other cases' notes happen to hold the same words."""
    from django.test.utils import CaptureQueriesContext

    from safeguard.cases import services as case_services
    from safeguard.people.erasure import erase_child

    def erase_one(others: int) -> int:
        case = make_case(last_name=f"Target{others}", children=1)
        child = case.service_user.child_links.get().child
        for n in range(others):
            other = make_case(last_name=f"Other{others}x{n}", children=1)
            case_services.case_note_add(actor=world["officer1"], case=other, text=f"Not the same {child.full_name}")
        with CaptureQueriesContext(connection) as queries:
            erase_child(child)
        return len(queries)

    assert erase_one(2) == erase_one(12)
