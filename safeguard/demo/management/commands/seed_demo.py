"""Demo data: one area, two teams, the demo accounts (password "demo") and fictional cases.

Idempotent: running it twice changes nothing. Refuses to run unless SAFEGUARD["DEMO"] is on.
"""

import datetime
import random
from collections.abc import Callable
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from faker import Faker

from safeguard.accounts import roles
from safeguard.accounts.models import Area, LocalAuthority, Team, User
from safeguard.cases import services as case_services
from safeguard.cases.models import Case
from safeguard.core import clock
from safeguard.people import services as people_services
from safeguard.people.models import Child

ACCOUNTS = [
    # username, first, last, role, team ("North"/"South"/None), manages
    ("officer1", "Olivia", "Okafor", roles.OFFENDER_MANAGER, "North", None),
    ("officer2", "Owen", "Pritchard", roles.OFFENDER_MANAGER, "South", None),
    ("pso1", "Priya", "Shah", roles.PSO, "North", None),
    ("trainee1", "Tom", "Ellis", roles.TRAINEE, "North", None),
    ("manager1", "Margaret", "Hughes", roles.LINE_MANAGER, "North", "North"),
    ("manager2", "Marcus", "Bennett", roles.LINE_MANAGER, "South", "South"),
    ("risk1", "Rachel", "Idowu", roles.RISK_MANAGER, None, None),
    ("info1", "Imran", "Farooq", roles.INFORMATION_OFFICER, None, None),
    ("auditor1", "Alice", "Wong", roles.AUDITOR, None, None),
    ("lead1", "Linda", "Carver", roles.SAFEGUARDING_LEAD, None, None),
    ("admin1", "Adam", "Nolan", roles.SYSTEM_ADMINISTRATOR, None, None),
    ("victim1", "Vera", "Lloyd", roles.VICTIM_LIAISON, None, None),
]
PASSWORD = "demo"  # noqa: S105 - demo accounts only, refused unless the demo setting is on


def la(name: str) -> LocalAuthority:
    return LocalAuthority.objects.get(name=name)


class Command(BaseCommand):
    help = "Create the demo area, teams, accounts (password 'demo') and fictional cases. Idempotent."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.SAFEGUARD["DEMO"]:
            raise CommandError("Demo data is only created when SAFEGUARD_DEMO is on (it is on in local settings)")
        with transaction.atomic():
            area, _ = Area.objects.get_or_create(code="SVD", defaults={"name": "Severn Vale delivery unit"})
            teams = {name: Team.objects.get_or_create(area=area, name=name)[0] for name in ("North", "South")}
            users = {}
            for username, first, last, role, team, manages in ACCOUNTS:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "first_name": first,
                        "last_name": last,
                        "team": teams.get(team) if team else None,
                        "area": None if team else area,
                        "job_title": role,
                        "is_staff": role == roles.SYSTEM_ADMINISTRATOR,
                        "email": f"{username}@example.org",
                    },
                )
                if created:
                    user.set_password(PASSWORD)
                    user.save()
                user.groups.add(Group.objects.get(name=role))
                if manages:
                    teams[manages].line_managers.add(user)
                users[username] = user
            if not Case.objects.filter(service_user__crn="D100001").exists():
                self.create_cases(users, teams)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Accounts (password 'demo'):"))
        for username, first, last, role, team, _ in ACCOUNTS:
            self.stdout.write(f"  {username:<9} {first} {last}, {role}{', team ' + team if team else ''}")

    def create_cases(self, users: dict[str, User], teams: dict[str, Team]) -> None:
        today = clock.today()

        def ago(years: int = 0, months: int = 0, days: int = 0) -> datetime.date:
            return today - relativedelta(years=years, months=months, days=days)

        def open_case(
            crn: str,
            first: str,
            last: str,
            dob: datetime.date,
            gender: str,
            team: str,
            holder: str,
            line_1: str,
            town: str,
            postcode: str,
            council: str,
            **extra: Any,
        ) -> Case:
            case = case_services.case_open(
                actor=None,
                team=teams[team],
                case_holder=users[holder],
                service_user={
                    "crn": crn,
                    "first_name": first,
                    "last_name": last,
                    "date_of_birth": dob,
                    "gender": gender,
                    **extra,
                },
                address={"line_1": line_1, "town": town, "postcode": postcode, "local_authority": la(council)},
                opened_on=ago(months=2),
            )
            return case

        def child(
            case: Case,
            first: str,
            last: str,
            *,
            dob: datetime.date | None = None,
            edd: datetime.date | None = None,
            gender: str = "not_known",
            where: str = "service_user",
            address: dict[str, Any] | None = None,
            relationship: str = "parent",
            contact: str = "lives_with",
            pr: bool = True,
            risk: str = "not_known",
            status: dict[str, Any] | None = None,
        ) -> Child:
            return people_services.child_add(
                actor=None,
                case=case,
                child={
                    "first_name": first,
                    "last_name": last,
                    "date_of_birth": dob,
                    "expected_date_of_delivery": edd,
                    "gender": gender,
                },
                link={"relationship": relationship, "contact": contact, "parental_responsibility": pr, "risk_role": risk},
                where=where,
                address=address,
                status=status,
            ).child

        # 1. A father with children from three relationships in two councils; one set looked after
        #    (the complex family described in the 2014 inspection, paragraph 2.20).
        holt = open_case(
            "D100001",
            "Darren",
            "Holt",
            ago(years=41, days=40),
            "male",
            "North",
            "officer1",
            "14 Orchard Close",
            "Kidderminster",
            "DY10 2AB",
            "Worcestershire",
            rosh_level="medium",
        )
        case_services.order_add(
            actor=None,
            case=holt,
            stage="court_order",
            order_type="community_order",
            start_date=ago(months=2),
            expected_end_date=ago(months=2) + relativedelta(months=18),
            requirements="Rehabilitation activity requirement, 20 days; Building Better Relationships",
        )
        cpp = {
            "status": "cpp",
            "category": "neglect",
            "start_date": ago(years=2),
            "local_authority": la("Worcestershire"),
            "social_worker": "Jane Aldridge",
            "social_worker_contact": "01905 555 0101",
        }
        older = [
            child(holt, n, "Holt", dob=ago(years=y, days=d), gender=g, status=cpp)
            for n, y, d, g in [
                ("Kayleigh", 12, 10, "female"),
                ("Connor", 10, 80, "male"),
                ("Mason", 8, 3, "male"),
                ("Ellie", 6, 150, "female"),
            ]
        ]
        wendy = people_services.adult_add(
            actor=None,
            case=holt,
            adult={"first_name": "Wendy", "last_name": "Thorne", "gender": "female"},
            link={"relationship": "ex_partner", "lives_with": False},
            where="new",
            address={
                "line_1": "3 Mill Lane",
                "town": "Worcester",
                "postcode": "WR5 1QT",
                "local_authority": la("Worcestershire"),
            },
        ).adult
        for c in older:
            people_services.adult_child_link_add(
                actor=None,
                case=holt,
                adult=wendy,
                child=c,
                relationship="parent",
                contact="regular",
                parental_responsibility=True,
            )
        looked_after = {
            "status": "looked_after",
            "start_date": ago(months=9),
            "local_authority": la("Herefordshire"),
            "social_worker": "Sam Price",
            "social_worker_contact": "01432 555 0199",
        }
        placement = {
            "line_1": "Foster placement (address withheld)",
            "town": "Hereford",
            "postcode": "",
            "local_authority": la("Herefordshire"),
        }
        young = [
            child(
                holt,
                "Ruby",
                "Bishop",
                dob=ago(years=3, days=20),
                gender="female",
                where="new",
                address=placement,
                contact="supervised",
                status=looked_after,
            ),
            child(
                holt,
                "Alfie",
                "Bishop",
                dob=ago(years=1, days=45),
                gender="male",
                where="new",
                address=placement,
                contact="supervised",
                status=looked_after,
            ),
        ]
        kerry = people_services.adult_add(
            actor=None,
            case=holt,
            adult={"first_name": "Kerry", "last_name": "Bishop", "gender": "female"},
            link={"relationship": "ex_partner", "lives_with": False},
        ).adult
        for c in young:
            people_services.adult_child_link_add(
                actor=None,
                case=holt,
                adult=kerry,
                child=c,
                relationship="parent",
                contact="supervised",
                parental_responsibility=True,
            )
        people_services.adult_add(
            actor=None,
            case=holt,
            adult={"first_name": "Donna", "last_name": "Fenwick", "gender": "female"},
            link={"relationship": "partner", "lives_with": False},
        )

        # 2. A man convicted of an offence against a child: a risk to children not yet identified.
        pike = open_case(
            "D100002",
            "Graham",
            "Pike",
            ago(years=52, days=100),
            "male",
            "North",
            "officer1",
            "Flat 2, 88 Station Road",
            "Malvern",
            "WR14 3AA",
            "Worcestershire",
            rosh_level="high",
            mappa_level="2",
            risk_to_unspecified_children=True,
            risk_to_children_details="Convicted of sexual assault of a 13-year-old girl. No contact with under-18s permitted.",
        )
        case_services.order_add(
            actor=None,
            case=pike,
            stage="licence",
            order_type="licence",
            start_date=ago(months=1),
            expected_end_date=ago(months=1) + relativedelta(years=2),
            requirements="No unsupervised contact with anyone under 18; sex offender registration",
        )

        # 3. A pregnant young woman and her unborn child.
        dawson = open_case(
            "D100003",
            "Chloe",
            "Dawson",
            ago(years=19, days=200),
            "female",
            "South",
            "officer2",
            "27 Brook Street",
            "Hereford",
            "HR4 9DE",
            "Herefordshire",
            rosh_level="low",
        )
        case_services.order_add(
            actor=None,
            case=dawson,
            stage="court_order",
            order_type="suspended_sentence",
            start_date=ago(months=1),
            expected_end_date=ago(months=1) + relativedelta(years=1),
        )
        child(
            dawson,
            "",
            "Dawson",
            edd=today + relativedelta(months=3),
            relationship="parent",
            contact="lives_with",
            pr=True,
            risk="not_known",
        )
        people_services.adult_add(
            actor=None,
            case=dawson,
            adult={"first_name": "Jordan", "last_name": "Reece", "gender": "male", "date_of_birth": ago(years=23)},
            link={"relationship": "partner", "lives_with": True},
            where="service_user",
        )

        # 4. A woman whose child is on a child-protection plan for neglect.
        mitchell = open_case(
            "D100004",
            "Sarah",
            "Mitchell",
            ago(years=29, days=15),
            "female",
            "South",
            "officer2",
            "6 Castle View",
            "Ross-on-Wye",
            "HR9 5HX",
            "Herefordshire",
            rosh_level="medium",
        )
        case_services.order_add(
            actor=None,
            case=mitchell,
            stage="court_order",
            order_type="unpaid_work_only",
            start_date=ago(days=20),
            requirements="120 hours unpaid work",
        )
        child(
            mitchell,
            "Tyler",
            "Mitchell",
            dob=ago(years=5, days=60),
            gender="male",
            risk="not_known",
            status={
                "status": "cpp",
                "category": "neglect",
                "start_date": ago(months=5),
                "local_authority": la("Herefordshire"),
                "social_worker": "Priti Nair",
                "social_worker_contact": "priti.nair@herefordshire.example",
            },
        )

        self.create_key_contacts(holt, dawson, mitchell, ago)
        self.create_checks(holt, pike, mitchell, ago)

        # Ordinary caseload so lists, search and pagination have something to show.
        fake = Faker("en_GB")
        fake.seed_instance(2026)
        rng = random.Random(2026)  # noqa: S311 - demo data, not security
        councils = [la("Worcestershire"), la("Herefordshire"), la("Shropshire"), la("Birmingham")]
        for index in range(40):
            team = "North" if index % 2 == 0 else "South"
            holder = ("officer1" if index % 4 == 0 else "pso1") if team == "North" else "officer2"
            gender = rng.choice(["male", "male", "male", "female"])
            first = fake.first_name_male() if gender == "male" else fake.first_name_female()
            case = case_services.case_open(
                actor=None,
                team=teams[team],
                case_holder=users[holder],
                service_user={
                    "crn": f"D2{index:05d}",
                    "first_name": first,
                    "last_name": fake.last_name(),
                    "date_of_birth": ago(years=rng.randint(18, 60), days=rng.randint(0, 364)),
                    "gender": gender,
                    "rosh_level": rng.choice(["low", "low", "medium", "medium", "high"]),
                },
                address={
                    "line_1": fake.street_address(),
                    "town": fake.city(),
                    "postcode": fake.postcode(),
                    "local_authority": rng.choice(councils),
                },
                opened_on=ago(days=rng.randint(1, 700)),
            )
            number_of_children = rng.choice([0, 0, 1, 1, 2, 3])
            if number_of_children == 0 and index % 3:
                # Most childless cases have had their checklist; a third have not (as the inspections found).
                from safeguard.checks import services as checks
                from safeguard.checks.models import CHECKLIST_QUESTIONS

                checks.checklist_record(
                    actor=None,
                    case=case,
                    stage="start_of_order",
                    asked_on=case.opened_on,
                    answers={name: False for name, _, _ in CHECKLIST_QUESTIONS},
                )
            for _ in range(number_of_children):
                child(
                    case,
                    fake.first_name(),
                    case.service_user.last_name,
                    dob=ago(years=rng.randint(0, 16), days=rng.randint(0, 364)),
                    relationship=rng.choice(["parent", "step_parent", "partners_child"]),
                    contact=rng.choice(["lives_with", "regular", "overnight", "no_contact" if False else "supervised"]),
                    pr=rng.random() < 0.6,
                )
        self.create_transfer(users, teams)

    def create_transfer(self, users: dict[str, User], teams: dict[str, Team]) -> None:
        """A family moved from the north of the county to the south: the case went from Olivia Okafor to
        Owen Pritchard today, and its handover waits for him to read and acknowledge it."""
        moved = Case.objects.get(service_user__crn="D200004")
        case_services.case_allocate(
            actor=users["manager1"],
            case=moved,
            team=teams["South"],
            case_holder=users["officer2"],
            line_manager=users["manager2"],
            reason="The family moved to Kidderminster",
        )

    def create_key_contacts(self, holt: Case, dawson: Case, mitchell: Case, ago: Callable[..., datetime.date]) -> None:
        """Each case's list of the workers involved (West Mercia 2.5): the children's social workers, a
        school's designated safeguarding lead, a health visitor, a midwife and a conference chair,
        each with the children they work with; one social worker has moved on and is kept, ended."""
        holt_children = {link.child.first_name: link.child for link in holt.service_user.child_links.select_related("child")}
        tyler = mitchell.service_user.child_links.get().child
        unborn = dawson.service_user.child_links.get().child

        def contact(case: Case, kind: str, name: str, organisation: str, children: list[Child], **values: Any) -> Any:
            return case_services.key_contact_add(
                actor=case.case_holder, case=case, kind=kind, name=name, organisation=organisation, children=children, **values
            )

        older = [holt_children[name] for name in ("Kayleigh", "Connor", "Mason", "Ellie")]
        young = [holt_children["Ruby"], holt_children["Alfie"]]
        contact(
            holt,
            "social_worker",
            "Jane Aldridge",
            "Worcestershire children's services",
            older,
            role="Social worker",
            phone="01905 555 0101",
            email="jane.aldridge@worcestershire.example",
            contacted_on=ago(months=2),
        )
        contact(
            holt,
            "social_worker",
            "Sam Price",
            "Herefordshire children's services",
            young,
            role="Senior social worker",
            phone="01432 555 0199",
            contacted_on=ago(months=2),
        )
        contact(
            holt,
            "team_manager",
            "Helen Price",
            "Worcestershire children's services",
            older,
            role="Independent child-protection chair",
            phone="01905 555 0140",
        )
        contact(
            holt,
            "school_dsl",
            "Anita Shah",
            "St John's CE Primary School, Kidderminster",
            older[1:],
            role="Designated safeguarding lead",
            phone="01562 555 0172",
            email="dsl@stjohns-kidderminster.example",
            contact_details="Term time only; the school office passes on messages",
        )
        contact(
            holt,
            "health_visitor",
            "Karen Webb",
            "Wye Valley NHS Trust",
            [holt_children["Alfie"]],
            role="Health visitor",
            phone="01432 555 0230 ext 12",
        )
        moved_on = contact(
            holt,
            "social_worker",
            "Lee Carter",
            "Herefordshire children's services",
            young,
            role="Social worker",
            phone="01432 555 0190",
            contacted_on=ago(months=2),
        )
        case_services.key_contact_end(actor=holt.case_holder, case=holt, contact=moved_on, ended_on=ago(days=30))

        contact(
            dawson, "health", "Beth Morgan", "Wye Valley NHS Trust", [unborn], role="Community midwife", phone="01432 555 0311"
        )
        contact(
            dawson,
            "health_visitor",
            "Ola Adeyemi",
            "Wye Valley NHS Trust",
            [unborn],
            role="Health visitor",
            email="ola.adeyemi@wvt.example",
        )

        contact(
            mitchell,
            "social_worker",
            "Priti Nair",
            "Herefordshire children's services",
            [tyler],
            role="Social worker",
            email="priti.nair@herefordshire.example",
            contacted_on=ago(days=20),
        )
        contact(
            mitchell,
            "team_manager",
            "Mark Doyle",
            "Herefordshire children's services",
            [tyler],
            role="Child-protection conference chair",
        )
        contact(
            mitchell,
            "school_dsl",
            "Rachel Greene",
            "Ross-on-Wye Infant School",
            [tyler],
            role="Designated safeguarding lead",
            phone="01989 555 0123",
        )

    def create_checks(self, holt: Case, pike: Case, mitchell: Case, ago: Callable[..., datetime.date]) -> None:
        """Checks in several states, so My work and the case task lists have something to show."""
        from safeguard.checks import services as checks
        from safeguard.checks.models import CHECKLIST_QUESTIONS
        from safeguard.core import deadlines

        all_no = {name: False for name, _, _ in CHECKLIST_QUESTIONS}
        today = clock.today()

        def working_days_ago(n: int) -> datetime.date:
            day = today
            while n > 0:
                day -= datetime.timedelta(days=1)
                if deadlines.is_working_day(day):
                    n -= 1
            return day

        asked = working_days_ago(20)
        answers = {
            **all_no,
            "living_with_children": True,
            "living_with_children_details": "Four children from his relationship with WT",
            "significant_contact": True,
            "significant_contact_details": "Supervised contact with Ruby and Alfie",
            "parental_responsibility": True,
            "parental_responsibility_details": "All six children",
        }
        checks.checklist_record(
            actor=None, case=holt, stage="start_of_order", asked_on=asked, answers=answers, order=holt.orders.first()
        )
        for request in checks.requests_prepare(actor=None, case=holt, trigger="checklist", checklist=holt.checklists.first()):
            checks.request_send(
                actor=None,
                case=holt,
                request=request,
                sent_on=working_days_ago(18),
                channel="secure_email",
                recipient=f"{request.local_authority} MASH",
            )
            if request.local_authority.name == "Herefordshire":
                checks.request_chase(
                    actor=None,
                    case=holt,
                    request=request,
                    chased_on=working_days_ago(4),
                    method="phone",
                    spoke_to="Duty desk",
                    note="Promised a reply this week",
                )
            else:
                checks.request_answer(
                    actor=None,
                    case=holt,
                    request=request,
                    answered_on=working_days_ago(10),
                    service_user_known=True,
                    service_user_capacity="Father of children on child-protection plans",
                    children={
                        row.child_id: {
                            "known": "known",
                            "status": "cpp",
                            "category": "neglect",
                            "social_worker": "Jane Aldridge",
                            "social_worker_contact": "01905 555 0101",
                        }
                        for row in request.request_children.all()
                    },
                )
        checks.checklist_record(actor=None, case=pike, stage="release", asked_on=working_days_ago(15), answers=all_no)
        checks.checklist_record(
            actor=None,
            case=mitchell,
            stage="start_of_order",
            asked_on=working_days_ago(3),
            answers={**all_no, "living_with_children": True, "living_with_children_details": "Tyler, 5"},
        )
        self.create_referrals(mitchell, working_days_ago)
        self.create_registrations(mitchell, working_days_ago)
        self.create_meetings(holt, mitchell)
        self.create_record(holt)
        self.create_visits(holt)
        self.create_plan(holt)

    def create_referrals(self, mitchell: Case, working_days_ago: Callable[[int], datetime.date]) -> None:
        """A phone referral, followed up in writing, still unanswered after 12 working days."""
        from safeguard.referrals import services as referrals

        assert mitchell.case_holder is not None  # every demo case is opened with a case holder
        tyler = mitchell.service_user.child_links.get().child
        referral = referrals.referral_make(
            actor=mitchell.case_holder,
            case=mitchell,
            children=[tyler],
            made_on=working_days_ago(12),
            referred_to="csc",
            local_authority=tyler.responsible_local_authority,
            concern="Tyler came to the office unwashed, in the same clothes as a week ago, and said there was no food at home.",
            harms=["neglect"],
            risk_level="medium",
            response_wanted="assessment",
            urgency="routine",
            channel="phone",
            contact="Herefordshire MASH duty worker",
            discussed_with=mitchell.line_manager,
        )
        referrals.referral_followup_sent(
            actor=mitchell.case_holder, case=mitchell, referral=referral, sent_on=working_days_ago(11)
        )

    def create_registrations(self, mitchell: Case, working_days_ago: Callable[[int], datetime.date]) -> None:
        """The register: Holt and Mitchell linked to children on plans; Pike a risk to unspecified children."""
        from safeguard.cases.models import Case
        from safeguard.register import services as register

        holt = Case.objects.get(service_user__crn="D100001")
        pike = Case.objects.get(service_user__crn="D100002")
        # every demo case is opened with a case holder
        assert holt.case_holder is not None and pike.case_holder is not None and mitchell.case_holder is not None
        on_plan = [link.child for link in holt.service_user.child_links.filter(child__csc_status__in=["cpp", "looked_after"])]
        register.register_case(
            actor=holt.case_holder,
            case=holt,
            category="linked_child",
            trigger_date=working_days_ago(10),
            registered_on=working_days_ago(8),
            children=on_plan,
            reason="Four children on child-protection plans for neglect (confirmed by Worcestershire); two looked after by Herefordshire",
        )
        register.register_case(
            actor=pike.case_holder,
            case=pike,
            category="risk_unspecified",
            trigger_date=pike.opened_on,
            registered_on=pike.opened_on,
            reason="Sexual offence against a 13-year-old girl",
        )
        tyler = mitchell.service_user.child_links.get().child
        register.register_case(
            actor=mitchell.case_holder,
            case=mitchell,
            category="linked_child",
            trigger_date=mitchell.opened_on,
            registered_on=working_days_ago(2),
            children=[tyler],
            reason="Tyler is on a plan for neglect",
        )

    def create_meetings(self, holt: Case, mitchell: Case) -> None:
        """Holt's plan has run two years with every meeting on record: the last core group's minutes
        are waiting to be checked, an action of probation's is open, the officer could not attend it
        (a written report is owed), and the next review conference is booked. Mitchell's child went
        on a plan five months ago; no review conference is on record: "no invitation received"."""
        from safeguard.meetings import services as meetings

        today = clock.today()
        assert holt.case_holder is not None and mitchell.case_holder is not None
        officer = holt.case_holder
        children = [link.child for link in holt.service_user.child_links.filter(child__csc_status="cpp")]
        worcestershire = {
            "convened_by": "Worcestershire children's services",
            "chair": "Helen Price",
            "place": "Wildwood, Worcester",
        }

        def held(case: Case, kind: str, on: datetime.date, of: list, **values: Any) -> Any:
            actor = holt.case_holder if case == holt else mitchell.case_holder  # both asserted above
            assert actor is not None
            return meetings.meeting_record(actor=actor, case=case, kind=kind, children=of, held_on=on, **values)

        start = children[0].statuses.get(end_date__isnull=True).start_date
        initial = held(holt, "initial_conference", start, children, **worcestershire)
        meetings.meeting_decision(actor=officer, case=holt, meeting=initial, plan_made=True, plan_category="neglect")
        held(holt, "core_group", start + relativedelta(days=9), children, **worcestershire)
        review = start + relativedelta(months=3)
        while review < today - relativedelta(weeks=4):
            conference = held(holt, "review_conference", review, children, **worcestershire)
            meetings.meeting_decision(actor=officer, case=holt, meeting=conference, plan_made=True, plan_category="neglect")
            review += relativedelta(months=6)
        core_group = held(holt, "core_group", today - relativedelta(weeks=3), children, **worcestershire)
        meetings.meeting_attendance(
            actor=officer,
            case=holt,
            meeting=core_group,
            attendance="not_attended",
            absence_reason="At Crown Court for another case all day",
            absence_agreed=True,
        )
        meetings.minutes_received(actor=officer, case=holt, meeting=core_group, minutes_received_on=today - relativedelta(days=4))
        meetings.action_add(
            actor=officer,
            case=holt,
            meeting=core_group,
            description="Share the risk-management plan and the latest OASys summary with Jane Aldridge",
            owner_agency="Probation",
            probation_owns=True,
            due_on=today + relativedelta(days=7),
        )
        meetings.action_add(
            actor=officer,
            case=holt,
            meeting=core_group,
            description="Home visit to see the children with their mother",
            owner_agency="Worcestershire children's services",
            probation_owns=False,
            due_on=today + relativedelta(days=14),
        )
        held(
            holt,
            "review_conference",
            review,
            children,
            invited_on=today,
            starts_at=datetime.time(10, 0),
            **worcestershire,
        )
        meetings.protection_plan_add(
            actor=officer,
            case=holt,
            children=children,
            made_on=start,
            category="neglect",
            received_on=start + relativedelta(days=12),
            probation_role="Report any contact between Mr Holt and the children to Jane Aldridge the same day; "
            "attend core groups; Building Better Relationships programme.",
        )

        tyler = mitchell.service_user.child_links.get().child
        plan_start = tyler.statuses.get(end_date__isnull=True).start_date
        herefordshire = {"convened_by": "Herefordshire children's services", "chair": "Mark Doyle"}
        conference = held(mitchell, "initial_conference", plan_start, [tyler], **herefordshire)
        meetings.meeting_decision(
            actor=mitchell.case_holder, case=mitchell, meeting=conference, plan_made=True, plan_category="neglect"
        )
        held(mitchell, "core_group", plan_start + relativedelta(days=8), [tyler], **herefordshire)

    def create_visits(self, holt: Case) -> None:
        """A home visit to Holt's flat three weeks ago: the two eldest seen, the others at school."""
        from safeguard.visits import services as visits

        links = list(holt.service_user.child_links.select_related("child").order_by("child__date_of_birth", "pk"))
        children = {
            link.child_id: {"seen": True, "presentation": "Settled and chatty; clean and appropriately dressed"}
            if link.child.first_name in ("Kayleigh", "Connor")
            else {"seen": False, "not_seen_reason": "At school or nursery during the visit"}
            for link in links
        }
        visits.visit_record(
            actor=holt.case_holder,  # type: ignore[arg-type]
            case=holt,
            address=holt.service_user.addresses.get(end_date__isnull=True, address_type="given").address,
            visited_on=clock.today() - relativedelta(weeks=3),
            consent_given=True,
            consent_by="Darren Holt, the tenant",
            present="Mr Holt, Kayleigh and Connor",
            children=children,
            concerns="Little food in the kitchen; Mr Holt says his benefits were stopped.",
        )

    def create_plan(self, holt: Case) -> None:
        """Holt's sentence plan: one child-protection objective that says what the officer will do
        and how children's social care is kept informed (the Jersey review's kind, not "liaise")."""
        from safeguard.plans import services as plans

        officer = holt.case_holder
        assert officer is not None
        children = [link.child for link in holt.service_user.child_links.filter(child__csc_status="cpp").order_by("pk")][:2]
        names = " and ".join(child.first_name for child in children) or "the children"
        plans.objective_add(
            actor=officer,
            case=holt,
            work=(
                f"Work with Mr Holt fortnightly on the neglect the child-protection plan names: home conditions, "
                f"school attendance and his drinking; visit the home monthly and see {names}"
            ),
            informing="Email the social worker within two working days of each home visit, and send a written report before each core group",
            review_on=clock.today() + datetime.timedelta(weeks=6),
            children=children,
        )

    def create_record(self, holt: Case) -> None:
        """Holt's contact log: an office appointment, a phone call with the social worker amended
        for a wrong date, a restricted entry (what the school told the social worker), a victim
        entry, and the line manager's last supervision discussion five weeks ago (so a discussion
        is due)."""
        from django.utils import timezone

        from safeguard.record import services as record

        officer, manager = holt.case_holder, holt.line_manager or holt.team.line_managers.first()
        assert officer is not None and manager is not None
        now = clock.now()
        children = [link.child for link in holt.service_user.child_links.filter(child__csc_status="cpp")]

        def at(days: int, hour: int) -> datetime.datetime:
            moment = timezone.localtime(now) - relativedelta(days=days)
            return moment.replace(hour=hour, minute=0, second=0, microsecond=0)

        def entry(days: int, hour: int, kind: str, text: str, section: str = "general", **values: Any) -> Any:
            values.setdefault("with_whom", "service_user")
            return record.entry_add(
                actor=officer,
                case=holt,
                contact_at=at(days, hour),
                kind=kind,
                text=text,
                section=section,
                not_for_disclosure=values.pop("not_for_disclosure", False),
                **values,
            )

        entry(
            40, 10, "office", "Reporting appointment. Mr Holt says he has had no contact with the children since the conference."
        )
        call = entry(
            21,
            14,
            "phone",
            "Jane Aldridge (social worker) says the core group is on 12 March and the children are settled at school.",
            with_whom="other",
            with_other="Jane Aldridge, social worker, Worcestershire children's services",
            children=children,
        )
        record.entry_amend(
            actor=officer,
            case=holt,
            entry=call,
            reason="The social worker rang back: the date was wrong",
            text="Jane Aldridge (social worker) says the core group is on 19 March and the children are settled at school.",
        )
        entry(
            14,
            11,
            "phone",
            "The school told the social worker the eldest child said her father came to the school gate. "
            "Not to be shared with Mr Holt: it would identify the child as the source.",
            section="restricted",
            with_whom="other",
            with_other="Jane Aldridge, social worker",
            children=children[:1],
        )
        entry(
            9,
            15,
            "phone",
            "Victim liaison: the victim asked to be told of any change to the exclusion zone.",
            section="victim",
            with_whom="nobody",
        )
        entry(2, 10, "home_visit", "Home visit with the social worker. Mr Holt's flat: no sign of the children staying.")
        record.decision_record(
            actor=manager,
            case=holt,
            kind="supervision",
            decided_on=clock.today() - relativedelta(weeks=5),
            discussion="Contact with the children; the school gate report.",
            decision="Continue on the register; raise the school gate report at the core group.",
            guidance="Ask the social worker for the core group minutes.",
            section="restricted",
            children=children,
        )
