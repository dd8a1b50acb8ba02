"""Builders for tests: the same world the demo has, made small and fast. Real models, real services."""

import csv
import datetime
import io
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group
from django.utils import timezone

from safeguard.accounts import roles
from safeguard.accounts.models import Area, LocalAuthority, Team, User
from safeguard.core import clock

if TYPE_CHECKING:
    from safeguard.cases.models import Case

_crn = itertools.count(100000)


@dataclass
class World:
    area: Area
    other_area: Area
    north: Team
    south: Team
    far: Team
    users: dict[str, User] = field(default_factory=dict)

    def __getitem__(self, name: str) -> User:
        return self.users[name]


def make_user(username: str, role: str, team: Team | None = None, area: Area | None = None) -> User:
    user = User.objects.create_user(
        username=username,
        password="demo",
        first_name=username.title(),
        team=team,
        area=area,
        is_staff=role == roles.SYSTEM_ADMINISTRATOR,  # as a role change sets it (accounts.services)
    )
    user.groups.add(Group.objects.get(name=role))
    return user


# Each test user's name says their role: officer1 is an offender manager, lead1 the safeguarding lead.
ROLE_OF = {
    "officer": roles.OFFENDER_MANAGER,
    "pso": roles.PSO,
    "trainee": roles.TRAINEE,
    "reception": roles.ADMIN_RECEPTION,
    "manager": roles.LINE_MANAGER,
    "risk": roles.RISK_MANAGER,
    "info": roles.INFORMATION_OFFICER,
    "auditor": roles.AUDITOR,
    "lead": roles.SAFEGUARDING_LEAD,
    "admin": roles.SYSTEM_ADMINISTRATOR,
    "victim": roles.VICTIM_LIAISON,
}


def build_world() -> World:
    area = Area.objects.create(name="Test area", code="TA")
    other_area = Area.objects.create(name="Other area", code="OA")
    north = Team.objects.create(name="North", area=area)
    south = Team.objects.create(name="South", area=area)
    far = Team.objects.create(name="Far", area=other_area)
    world = World(area=area, other_area=other_area, north=north, south=south, far=far)
    team_staff = [
        (north, ["officer1", "pso1", "trainee1", "reception1", "manager1"]),
        (south, ["officer2", "manager2"]),
        (far, ["officer3"]),
    ]
    for team, usernames in team_staff:
        for username in usernames:
            world.users[username] = make_user(username, ROLE_OF[username.rstrip("0123456789")], team, None)
    for username in ["risk1", "info1", "auditor1", "lead1", "admin1", "victim1"]:  # area-wide roles
        world.users[username] = make_user(username, ROLE_OF[username.rstrip("0123456789")], None, area)
    north.line_managers.add(world["manager1"])
    south.line_managers.add(world["manager2"])
    return world


def council(name: str = "Worcestershire") -> LocalAuthority:
    return LocalAuthority.objects.get(name=name)


def make_case(
    *,
    world: World,
    team: Team | None = None,
    holder: User | None = None,
    first_name: str = "John",
    last_name: str = "Smith",
    date_of_birth: datetime.date | None = None,
    children: int = 0,
    adults: int = 0,
    crn: str | None = None,
    **extra: Any,
) -> "Case":
    from safeguard.cases import services as case_services
    from safeguard.people import services as people_services

    team = team or world.north
    holder = holder if holder is not None else (world["officer1"] if team == world.north else None)
    case = case_services.case_open(
        actor=world["officer1"],
        team=team,
        case_holder=holder,
        service_user={
            "crn": crn or f"T{next(_crn):06d}",
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": date_of_birth or datetime.date(1985, 5, 17),
            **extra,
        },
        address={"line_1": "1 High Street", "town": "Worcester", "postcode": "WR1 1AA", "local_authority": council()},
    )
    today = clock.today()
    for i in range(children):
        people_services.child_add(
            actor=world["officer1"],
            case=case,
            where="service_user",
            child={
                "first_name": f"Child{i}",
                "last_name": last_name,
                "date_of_birth": today - datetime.timedelta(days=365 * (i % 15) + 30),
            },
            link={"relationship": "parent", "contact": "lives_with", "parental_responsibility": True},
            status={
                "status": "cpp",
                "category": "neglect",
                "start_date": today - datetime.timedelta(days=10),
                "local_authority": council(),
            },
        )
    for i in range(adults):
        adult = people_services.adult_add(
            actor=world["officer1"],
            case=case,
            adult={"first_name": f"Adult{i}", "last_name": "Jones"},
            link={"relationship": "partner", "lives_with": True},
            where="service_user",
        ).adult
        for link in case.service_user.child_links.all()[:2]:
            people_services.adult_child_link_add(
                actor=world["officer1"],
                case=case,
                adult=adult,
                child=link.child,
                relationship="step_parent",
                contact="lives_with",
                parental_responsibility=False,
            )
    return case


def add_children_in_two_councils(case: "Case", actor: User, date_of_birth: datetime.date = datetime.date(2018, 3, 1)) -> None:
    """Kayleigh in Worcestershire and Ruby in Herefordshire: a family whose checks go to two councils."""
    from safeguard.people import services as people_services

    for first, authority in [("Kayleigh", "Worcestershire"), ("Ruby", "Herefordshire")]:
        people_services.child_add(
            actor=actor,
            case=case,
            where="new",
            child={"first_name": first, "last_name": case.service_user.last_name, "date_of_birth": date_of_birth},
            address={"line_1": f"1 {first} Road", "local_authority": council(authority)},
            link={"relationship": "parent", "contact": "regular"},
        )


def csv_rows(response: Any) -> list[list[str]]:
    """The rows of a CSV download (exports stream)."""
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def deregister(world: World, case: Any, registration: Any, reason: str) -> Any:
    """Both steps of de-registration: the case holder asks, the information officer confirms."""
    from safeguard.register import services

    services.deregistration_ask(actor=case.case_holder, case=case, registration=registration, reason=reason)
    registration.refresh_from_db()
    return services.deregister(actor=world["info1"], case=case, registration=registration)


def every_kind_of_record(case: Any, officer: User, lead: User) -> dict[str, int]:
    """One record of every kind a case route takes by id, on a case with a child and an adult, keyed by
    the route's id name (`child_id`, `request_id`, ...)."""
    from safeguard.cases import services as cases
    from safeguard.checks import services as checks
    from safeguard.checks.models import CHECKLIST_QUESTIONS
    from safeguard.meetings import services as meetings
    from safeguard.plans import services as plans
    from safeguard.record import services as record
    from safeguard.referrals import services as referrals
    from safeguard.referrals.tests.conftest import referral_values
    from safeguard.register import services as register
    from safeguard.visits import services as visits

    child = case.service_user.child_links.get().child
    adult = case.service_user.adult_links.get().adult
    today = datetime.date.today() - datetime.timedelta(days=1)  # noqa: DTZ011 - any recent past day
    answers = {name: False for name, _, _ in CHECKLIST_QUESTIONS} | {
        "living_with_children": True,
        "living_with_children_details": "One",
    }
    checks.checklist_record(actor=officer, case=case, stage="start_of_order", asked_on=today, answers=answers)
    request = checks.requests_prepare(actor=officer, case=case)[0]
    event = checks.event_record(actor=officer, case=case, kind="new_partner", occurred_on=today)
    registration = register.register_case(
        actor=officer,
        case=case,
        category="linked_child",
        trigger_date=today,
        registered_on=today,
        children=[child],
        reason="Plan",
    )
    meeting = meetings.meeting_record(
        actor=officer, case=case, kind="initial_conference", children=[child], held_on=today, convened_by="Children's services"
    )
    contact = cases.key_contact_add(
        actor=officer,
        case=case,
        kind="social_worker",
        name="Jane Aldridge",
        organisation="Worcestershire Children First",
        phone="01905 555 0101",
        children=[child],
    )
    return {
        "contact_id": contact.pk,
        "child_id": child.pk,
        "adult_id": adult.pk,
        "use_id": case.service_user.addresses.get().pk,
        "link_id": adult.child_links.get().pk,
        "order_id": cases.order_add(
            actor=officer, case=case, stage="court_order", order_type="community_order", start_date=today
        ).pk,
        "request_id": request.pk,
        "check_id": checks.police_check_prepare(actor=officer, case=case, police_force="West Mercia").pk,
        "notification_id": checks.notification_prepare(
            actor=officer, case=case, kind="involvement", local_authority=request.local_authority, children=[child]
        ).pk,
        "event_id": event.pk,
        "contradiction_id": checks._contradiction(actor=officer, case=case, request=request, child=child, text="Differs").pk,
        "referral_id": referrals.referral_make(actor=officer, case=case, children=[child], made_on=today, **referral_values()).pk,
        "registration_id": registration.pk,
        "review_id": register.review_record(
            actor=officer, case=case, registration=registration, reviewed_on=today, what_changed="-", decision="continue"
        ).pk,
        "hold_id": register.legal_hold_place(actor=lead, case=case, reason="Review").pk,
        "meeting_id": meeting.pk,
        "statement_id": meetings.report_draft(actor=officer, case=case, meeting=meeting).statements.all()[0].pk,
        "action_id": meetings.action_add(
            actor=officer,
            case=case,
            meeting=meeting,
            description="Share the risk plan",
            owner_agency="Probation",
            probation_owns=True,
        ).pk,
        "entry_id": record.entry_add(
            actor=officer,
            case=case,
            contact_at=timezone.now() - datetime.timedelta(hours=1),
            kind="phone",
            with_whom="service_user",
            text="Spoke about the family",
            section="general",
            not_for_disclosure=False,
        ).pk,
        "decision_id": record.decision_record(
            actor=lead, case=case, kind="decision", decided_on=today, decision="Refer to children's services", section="general"
        ).pk,
        "visit_id": visits.visit_record(
            actor=officer,
            case=case,
            address=case.service_user.addresses.get().address,
            visited_on=today,
            consent_given=True,
            consent_by="The service user",
            children={child.pk: {"seen": True, "presentation": "Smiling, played with his cars"}},
        ).pk,
        "reason_id": visits.reason_record(actor=officer, case=case, reason="Reason").pk,
        "objective_id": plans.objective_add(
            actor=officer,
            case=case,
            work="Visit the home monthly to see the child and talk about the risks",
            informing="Email the social worker after each home visit",
            review_on=today + datetime.timedelta(days=30),
            children=[child],
        ).pk,
        "disclosure_id": record.disclosure_produce(
            actor=officer, case=case, requested_by="The service user", requested_on=today, format="html"
        ).pk,
        "handover_id": _handed_over(case, officer).pk,
    }


def _handed_over(case: Any, officer: User) -> Any:
    """The case left unallocated, then given back to `officer`: a handover for them to acknowledge."""
    from safeguard.cases import services as cases

    for holder in (None, officer):
        cases.case_allocate(actor=officer, case=case, team=case.team, case_holder=holder, line_manager=case.line_manager)
    return case.handovers.get()


def form_values(html: str, action_form: int = -1) -> dict[str, Any]:
    """What a browser would send from a page's POST form (the last one unless told): text inputs and
    hidden fields, checked radios and boxes, selected options, text areas."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.forms: list[dict[str, Any]] = []
            self.select = self.textarea = ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k: v or "" for k, v in attrs}
            if tag == "form" and a.get("method", "get").lower() == "post":
                self.forms.append({})
            elif not self.forms:
                return
            elif tag == "input" and a.get("name"):
                if a.get("type") in ("radio", "checkbox"):
                    if "checked" in a:
                        self.forms[-1].setdefault(a["name"], []).append(a.get("value", "on"))
                elif a.get("type") not in ("submit", "button"):
                    self.forms[-1][a["name"]] = a.get("value", "")
            elif tag == "select":
                self.select = a.get("name", "")
            elif tag == "option" and self.select and "selected" in a:
                self.forms[-1][self.select] = a.get("value", "")
            elif tag == "textarea":
                self.textarea = a.get("name", "")
                self.forms[-1][self.textarea] = ""

        def handle_endtag(self, tag: str) -> None:
            if tag == "select":
                self.select = ""
            elif tag == "textarea":
                self.textarea = ""

        def handle_data(self, data: str) -> None:
            if self.textarea and self.forms:
                self.forms[-1][self.textarea] += data.lstrip("\n") if not self.forms[-1][self.textarea] else data

    reader = Reader()
    reader.feed(html)
    return reader.forms[action_form]
