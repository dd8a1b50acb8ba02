"""Large volumes of fictional data with realistic proportions, for performance work.

    manage.py generate_synthetic --service-users 250000 [--entries-per-case 40]

Writes in bulk (no audit events: this is test data, not recorded work). Each run adds N more
service users with CRNs continuing from the last synthetic one, in a separate "Synthetic" area
with one team (of 12 officers and a line manager) per 2,000 cases. Each case gets a contact log of
`--entries-per-case` entries on average (40: 10 million at 250,000 cases), between 5 and 75, over
the life of the case, in the proportions of a real log (mostly general; some restricted, victim and
third-party; one in twenty amended); one case in 10,000 has a long log of 2,000 entries.
"""

import datetime
import random
from collections.abc import Sequence
from typing import Any, TypeVar

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Max
from faker import Faker

from safeguard.accounts import roles
from safeguard.accounts.models import Area, LocalAuthority, Team, User
from safeguard.cases.models import Allocation, Case, Order
from safeguard.core import clock, steps
from safeguard.core.forms import name_key
from safeguard.people.models import (
    Address,
    Child,
    ChildLink,
    CSCStatus,
    ServiceUser,
    ServiceUserAddress,
    SocialCareStatus,
)
from safeguard.record.models import ContactEntry
from safeguard.register.models import Category, Registration

CHILDREN_PER_SERVICE_USER = [(0, 25), (1, 20), (2, 25), (3, 15), (4, 10), (5, 5)]
STATUS_SHARE = [
    (CSCStatus.NOT_KNOWN, 80),
    (CSCStatus.CHILD_IN_NEED, 10),
    (CSCStatus.CHILD_PROTECTION_PLAN, 6),
    (CSCStatus.LOOKED_AFTER, 4),
]
BATCH = 2000
LONG_LOG_EVERY = 10_000  # one case in this many has a long log
LONG_LOG = 2_000
ENTRY_KIND = [
    ("office", 40),
    ("phone", 25),
    ("home_visit", 8),
    ("email", 8),
    ("letter", 4),
    ("video", 5),
    ("meeting", 4),
    ("supervision", 3),
    ("other", 3),
]
ENTRY_SECTION = [("general", 85), ("restricted", 8), ("third_party", 5), ("victim", 2)]
ENTRY_WITH = [("service_user", 60), ("other", 30), ("nobody", 10)]
OPENINGS = [
    "Reporting appointment.",
    "Home visit with the social worker.",
    "Phone call from the social worker.",
    "Phone call to the school's designated safeguarding lead.",
    "Email from the health visitor.",
    "Unannounced home visit.",
    "Core group meeting at the family centre.",
    "Letter sent confirming the next appointment.",
    "Video call: the service user is unwell.",
    "Discussed the case with the line manager.",
    "Call from the police public protection unit.",
    "Prison child-protection co-ordinator rang.",
]
MIDDLES = [
    "{who} says he has moved back in with his partner and her {n} children.",
    "He said {child} stays with him every other weekend; children's services were not aware.",
    "The social worker confirms {child} remains on a child-protection plan under the category of neglect.",
    "He denied any contact with {child} since the conference; his partner said otherwise.",
    "Discussed the exclusion zone and the conditions of the order; he understood them.",
    "School report {child}'s attendance has dropped to 70% this term.",
    "He arrived late and smelt of alcohol; the appointment was rearranged for Thursday.",
    "The flat was clean and there was food in the fridge; no sign of the children staying.",
    "Health visitor raised concerns about {child}'s weight; a referral has been made to the GP.",
    "He has started the Building Better Relationships programme and attended both sessions.",
    "Police attended a domestic incident at the address on Saturday; no arrests.",
    "Checks with children's services came back: {child} is known as a child in need.",
]
CLOSINGS = [
    "Next appointment in two weeks.",
    "Will chase the minutes of the core group.",
    "Case to be discussed in supervision.",
    "Risk assessment to be reviewed.",
    "No further action today.",
    "Information shared with the social worker by secure email.",
]

T = TypeVar("T")


def weighted(rng: random.Random, table: Sequence[tuple[T, int]]) -> T:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


class Command(BaseCommand):
    help = "Create N synthetic service users with cases, addresses, orders and children (bulk)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--service-users", type=int, required=True)
        parser.add_argument("--entries-per-case", type=int, default=40, help="contact-log entries per case, on average")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, service_users: int, seed: int, entries_per_case: int = 40, **options: Any) -> None:
        if service_users <= 0 or service_users > 1_000_000:
            raise CommandError("--service-users must be between 1 and 1,000,000")
        if entries_per_case < 0 or entries_per_case > 1_000:
            raise CommandError("--entries-per-case must be between 0 and 1,000")
        self.entries_per_case = entries_per_case
        rng = random.Random(seed)  # noqa: S311 - synthetic data
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        firsts = [fake.first_name() for _ in range(1500)]
        lasts = [fake.last_name() for _ in range(1500)]
        streets = [fake.street_name() for _ in range(800)]
        towns = [fake.city() for _ in range(300)]
        councils = list(LocalAuthority.objects.filter(active=True))
        if not councils:
            raise CommandError("No local authorities: run migrate first")
        start = ServiceUser.objects.filter(crn__startswith="S").count()
        if start + service_users > 999_999:
            raise CommandError("Synthetic CRNs would run out (S000000-S999999)")
        area, _ = Area.objects.get_or_create(code="SYN", defaults={"name": "Synthetic area"})
        officer_group = Group.objects.get(name=roles.OFFENDER_MANAGER)
        manager_group = Group.objects.get(name=roles.LINE_MANAGER)
        today = clock.today()
        now = clock.now()
        made = 0
        while made < service_users:
            size = min(BATCH, service_users - made)
            with transaction.atomic():
                team_number = (start + made) // 2000
                team, created = Team.objects.get_or_create(area=area, name=f"Synthetic {team_number:03d}")
                if created:
                    manager = User.objects.create(
                        username=f"syn{team_number:03d}m", team=team, first_name="Manager", last_name=f"{team_number:03d}"
                    )
                    manager.groups.add(manager_group)
                    team.line_managers.add(manager)
                    for i in range(12):
                        officer = User.objects.create(
                            username=f"syn{team_number:03d}o{i:02d}",
                            team=team,
                            first_name="Officer",
                            last_name=f"{team_number:03d}-{i:02d}",
                        )
                        officer.groups.add(officer_group)
                officers = list(team.members.filter(groups=officer_group))
                team_manager = team.line_managers.first()
                last_case = Case.objects.aggregate(last=Max("pk"))["last"] or 0
                self._batch(
                    rng, size, start + made, firsts, lasts, streets, towns, councils, team, officers, team_manager, today, now
                )
                # Written in bulk, past save(): the new cases' outstanding steps are worked out here.
                steps.refresh(Case.objects.filter(pk__gt=last_case).values_list("pk", flat=True))
            made += size
            self.stdout.write(f"{made} of {service_users} service users")
        self.stdout.write(self.style.SUCCESS(f"Created {service_users} synthetic service users"))

    def _batch(
        self,
        rng: random.Random,
        size: int,
        offset: int,
        firsts: list[str],
        lasts: list[str],
        streets: list[str],
        towns: list[str],
        councils: list[LocalAuthority],
        team: Team,
        officers: list[User],
        manager: User | None,
        today: datetime.date,
        now: datetime.datetime,
    ) -> None:
        people, addresses = [], []
        for i in range(size):
            first, last = rng.choice(firsts), rng.choice(lasts)
            people.append(
                ServiceUser(
                    crn=f"S{offset + i:06d}",
                    first_name=first,
                    last_name=last,
                    first_name_key=name_key(first),
                    last_name_key=name_key(last),
                    date_of_birth=today - datetime.timedelta(days=rng.randint(18 * 365, 70 * 365)),
                    gender=rng.choice(["male"] * 4 + ["female"]),
                    rosh_level=rng.choice(["low", "low", "medium", "medium", "high"]),
                    risk_to_unspecified_children=rng.random() < 0.03,
                )
            )
            addresses.append(
                Address(
                    line_1=f"{rng.randint(1, 200)} {rng.choice(streets)}",
                    town=rng.choice(towns),
                    local_authority=rng.choice(councils),
                )
            )
        ServiceUser.objects.bulk_create(people)
        Address.objects.bulk_create(addresses)
        ServiceUserAddress.objects.bulk_create(
            [ServiceUserAddress(service_user=p, address=a, address_type="given") for p, a in zip(people, addresses, strict=True)]
        )
        cases = [
            Case(
                service_user=p,
                team=team,
                case_holder=rng.choice(officers),
                line_manager=manager,
                opened_on=today - datetime.timedelta(days=rng.randint(0, 900)),
            )
            for p in people
        ]
        Case.objects.bulk_create(cases)
        Allocation.objects.bulk_create(
            [
                Allocation(case=c, team=team, case_holder=c.case_holder, line_manager=manager, start_at=now, reason="Synthetic")
                for c in cases
            ]
        )
        Order.objects.bulk_create(
            [
                Order(
                    case=c,
                    stage="court_order",
                    order_type=rng.choice(["community_order", "suspended_sentence", "unpaid_work_only", "licence"]),
                    start_date=c.opened_on,
                )
                for c in cases
            ]
        )
        children, links, statuses = [], [], []
        for person, address in zip(people, addresses, strict=True):
            for _ in range(weighted(rng, CHILDREN_PER_SERVICE_USER)):
                first = rng.choice(firsts)
                status = weighted(rng, STATUS_SHARE)
                child = Child(
                    first_name=first,
                    last_name=person.last_name,
                    first_name_key=name_key(first),
                    last_name_key=person.last_name_key,
                    date_of_birth=today - datetime.timedelta(days=rng.randint(0, 17 * 365)),
                    address=address if rng.random() < 0.6 else None,
                    csc_status=status,
                )
                children.append(child)
                links.append(
                    ChildLink(
                        service_user=person,
                        child=child,
                        relationship=rng.choice(["parent", "parent", "step_parent", "partners_child"]),
                        contact=rng.choice(["lives_with", "regular", "overnight", "none"]),
                        parental_responsibility=rng.random() < 0.6,
                    )
                )
                if status != CSCStatus.NOT_KNOWN:
                    statuses.append(
                        SocialCareStatus(
                            child=child,
                            status=status,
                            start_date=today - datetime.timedelta(days=rng.randint(1, 700)),
                            category="neglect" if status == CSCStatus.CHILD_PROTECTION_PLAN else "",
                            local_authority=address.local_authority,
                        )
                    )
        Child.objects.bulk_create(children)
        ChildLink.objects.bulk_create(links)
        SocialCareStatus.objects.bulk_create(statuses)
        self._registrations(rng, people, cases, links, manager, today)
        self._contact_log(rng, offset, cases, links, firsts, now)

    def _contact_log(
        self,
        rng: random.Random,
        offset: int,
        cases: list[Case],
        links: list[ChildLink],
        firsts: list[str],
        now: datetime.datetime,
    ) -> None:
        """Each case's contact log, written in bulk a few thousand rows at a time."""
        if not self.entries_per_case:
            return
        children: dict[int, list[str]] = {}
        for link in links:
            children.setdefault(link.service_user.pk, []).append(link.child.first_name)
        spread = max(self.entries_per_case - 5, 0)
        pending: list[ContactEntry] = []
        amended: list[ContactEntry] = []
        for i, case in enumerate(cases):
            count = (
                LONG_LOG
                if (offset + i) % LONG_LOG_EVERY == 0
                else rng.randint(self.entries_per_case - spread, self.entries_per_case + spread)
            )
            names = children.get(case.service_user_id) or [rng.choice(firsts)]
            opened = datetime.datetime.combine(case.opened_on, datetime.time(9), tzinfo=now.tzinfo)
            span = max((now - opened).total_seconds(), 3600.0)
            for _ in range(count):
                text = " ".join(
                    (
                        rng.choice(OPENINGS),
                        rng.choice(MIDDLES).format(who=case.service_user.first_name, child=rng.choice(names), n=len(names)),
                        rng.choice(CLOSINGS),
                    )
                )
                entry = ContactEntry(
                    case=case,
                    contact_at=opened + datetime.timedelta(seconds=rng.uniform(0, span)),
                    kind=weighted(rng, ENTRY_KIND),
                    with_whom=weighted(rng, ENTRY_WITH),
                    with_other="Social worker, children's services",
                    text=text,
                    section=weighted(rng, ENTRY_SECTION),
                    created_by=case.case_holder,
                )
                if entry.with_whom != "other":
                    entry.with_other = ""
                if rng.random() < 0.05:
                    entry.current = False  # an amendment follows
                    amended.append(entry)
                pending.append(entry)
            if len(pending) >= 5_000:
                self._write_entries(pending, amended)
                pending, amended = [], []
        self._write_entries(pending, amended)

    def _write_entries(self, pending: list[ContactEntry], amended: list[ContactEntry]) -> None:
        ContactEntry.objects.bulk_create(pending)
        ContactEntry.objects.bulk_create(
            [
                ContactEntry(
                    case_id=first.case_id,
                    entry=first,
                    number=2,
                    contact_at=first.contact_at,
                    kind=first.kind,
                    with_whom=first.with_whom,
                    with_other=first.with_other,
                    text=first.text + " (Corrected.)",
                    section=first.section,
                    reason="Wrong date in the first version",
                    created_by_id=first.created_by_id,
                )
                for first in amended
            ]
        )

    def _registrations(
        self,
        rng: random.Random,
        people: list[ServiceUser],
        cases: list[Case],
        links: list[ChildLink],
        manager: User | None,
        today: datetime.date,
    ) -> None:
        """Register the cases a real area would: linked to a child on a plan or looked after, and risk to
        unspecified children; reviews every 4 months, about one in ten overdue."""
        on_plan: dict[int, list] = {}
        for link in links:
            if link.child.csc_status in (CSCStatus.CHILD_PROTECTION_PLAN, CSCStatus.LOOKED_AFTER):
                on_plan.setdefault(link.service_user.pk, []).append(link.child)
        registrations, named = [], []
        for person, case in zip(people, cases, strict=True):
            wanted = []
            if person.pk in on_plan:
                wanted.append((Category.LINKED_CHILD, on_plan[person.pk], "Linked child on a plan (synthetic)"))
            if person.risk_to_unspecified_children:
                wanted.append((Category.RISK_UNSPECIFIED, [], "Risk to unspecified children (synthetic)"))
            for category, kids, reason in wanted:
                registered = max(case.opened_on, today - datetime.timedelta(days=rng.randint(0, 700)))
                due = first_due = registered + relativedelta(months=4)
                while due < today and rng.random() < 0.9:
                    due += relativedelta(months=4)
                registrations.append(
                    Registration(
                        case=case,
                        category=category,
                        trigger_date=registered - datetime.timedelta(days=rng.randint(0, 12)),
                        registered_on=registered,
                        registered_by=case.case_holder or manager,
                        reason=reason,
                        next_review_due=due,
                        first_review_due=first_due,
                    )
                )
                named.append(kids)
        Registration.objects.bulk_create(registrations)
        through = Registration.children.through
        through.objects.bulk_create(
            [through(registration=r, child=c) for r, kids in zip(registrations, named, strict=True) for c in kids]
        )
