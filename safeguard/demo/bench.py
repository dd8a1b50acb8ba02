"""Performance figures on synthetic data: `make bench` (or `python -m safeguard.demo.bench --service-users N`).

Builds a database file (SQLite by default; PostgreSQL when DATABASE_URL is set), fills it with
synthetic cases, then times the main pages through Django's test client on the real database and
writes the figures to docs/performance.md. Nothing here is asserted: speed goals live here, query
counts are asserted in the test suite.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--service-users", type=int, default=int(os.environ.get("BENCH_SERVICE_USERS", "50000")))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    parser.add_argument(
        "--reuse", action="store_true", help="Measure the data left by the last run if it has this many service users"
    )
    args = parser.parse_args()

    db_file = Path(tempfile.gettempdir()) / "safeguard-bench.sqlite3"
    if not os.environ.get("DATABASE_URL"):
        if not args.reuse:
            db_file.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from safeguard.accounts import roles
    from safeguard.accounts.models import Area, User
    from safeguard.cases.models import Case
    from safeguard.core import clock
    from safeguard.people.models import ChildLink
    from safeguard.register.models import Registration
    from safeguard.register.selectors import active_registrations, month_bounds
    from safeguard.testing import make_user

    call_command("migrate", verbosity=0)
    from safeguard.people.models import ServiceUser

    load_seconds = 0.0
    if not (args.reuse and ServiceUser.objects.filter(crn__startswith="S").count() == args.service_users):
        call_command("flush", interactive=False, verbosity=0)  # reloads reference data (post_migrate)
        started = time.perf_counter()
        call_command("generate_synthetic", service_users=args.service_users, stdout=open(os.devnull, "w"))
        load_seconds = time.perf_counter() - started
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does minutes after a bulk load in production

    area = Area.objects.get(code="SYN")
    lead = User.objects.filter(username="bench-lead").first() or make_user("bench-lead", roles.SAFEGUARDING_LEAD, area=area)
    officer = User.objects.filter(username__startswith="syn000o").select_related("team").first()
    assert officer is not None and officer.team is not None, "no synthetic officer"
    busiest = (
        ChildLink.objects.values("service_user_id").order_by().annotate(n=django.db.models.Count("pk")).order_by("-n").first()
    )
    assert busiest is not None, "no children were generated"
    case = Case.objects.get(service_user_id=busiest["service_user_id"])
    manager = officer.team.line_managers.first()
    assert manager is not None, "no synthetic line manager"
    month = f"{clock.today():%Y-%m}"
    registered = active_registrations().count()
    start, end = month_bounds(month)
    in_month = Registration.objects.filter(registered_on__lte=end).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    team_rows = in_month.filter(case__team=officer.team).count()
    area_rows = in_month.filter(case__team__area=area).count()
    some = Case.objects.select_related("service_user").order_by("pk")[args.service_users // 2]
    from safeguard.record.models import ContactEntry

    entries = ContactEntry.objects.count()
    long_case = Case.objects.select_related("case_holder").get(
        service_user__crn="S000000"
    )  # the first synthetic case has a long log
    long_entries = ContactEntry.objects.filter(case=long_case, current=True).count()
    typical = Case.objects.filter(case_holder=officer).order_by("pk").first()
    assert typical is not None and long_case.case_holder is not None
    typical_entries = ContactEntry.objects.filter(case=typical, current=True).count()
    holder = long_case.case_holder

    def measure(user: User, path: str) -> tuple[float, float, int]:
        client = Client()
        client.force_login(user)
        client.get(path)  # warm
        times = []
        for _ in range(args.runs):
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                response = client.get(path)
                if response.streaming:  # a streamed download counts until its last byte
                    b"".join(response.streaming_content)  # type: ignore[attr-defined]  # stubs: the test client's response is never streamed
                times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (path, response.status_code)
        return statistics.median(times), max(times), len(queries)

    pages = [
        ("Case list, safeguarding lead (all cases), page 1", lead, "/cases/"),
        ("Case list, safeguarding lead, last page", lead, f"/cases/?page={args.service_users // 25}"),
        ("Case list, officer (team of ~2,000 cases)", officer, "/cases/"),
        ("Search by surname prefix, lead", lead, f"/cases/?q={some.service_user.last_name[:4]}"),
        ("Search by first and last name, lead", lead, f"/cases/?q={some.service_user.first_name}+{some.service_user.last_name}"),
        ("Search by CRN, lead", lead, f"/cases/?q={some.service_user.crn}"),
        ("Search by date of birth, lead", lead, f"/cases/?q={some.service_user.date_of_birth:%d/%m/%Y}"),
        (f"Case overview, {busiest['n']} children", lead, f"/cases/{case.pk}/"),
        (f"Family network picture, {busiest['n']} children", lead, f"/cases/{case.pk}/family/"),
        ("My work, officer", officer, "/my-work/"),
        ("My work, line manager", manager, "/my-work/"),
        (f"Register, lead (all {registered:,} registrations), page 1", lead, "/register/"),
        ("Register, lead, reviews overdue only", lead, "/register/?review_overdue=on"),
        ("Register, lead, one team", lead, f"/register/?team={officer.team_id}"),
        (
            f"Monthly report page, whole area ({area_rows:,} rows), page 1",
            lead,
            f"/register/report/?month={month}&area={area.pk}",
        ),
        (f"Monthly report page, one team ({team_rows} rows)", lead, f"/register/report/?month={month}&team={officer.team_id}"),
        (
            f"Monthly report CSV, whole area ({area_rows:,} rows)",
            lead,
            f"/register/report/?month={month}&area={area.pk}&format=csv",
        ),
        (
            f"Monthly report PDF, one team ({team_rows} rows)",
            lead,
            f"/register/report/?month={month}&team={officer.team_id}&format=pdf",
        ),
    ]
    pages += [
        (f"Record timeline, page 1, a typical case ({typical_entries} entries)", officer, f"/cases/{typical.pk}/record/"),
        (f"Record timeline, page 1, a long log ({long_entries:,} entries)", holder, f"/cases/{long_case.pk}/record/"),
        ("Record timeline, last page of the long log", holder, f"/cases/{long_case.pk}/record/?page={long_entries // 25 + 1}"),
        ("Record search within the long log (one word)", holder, f"/cases/{long_case.pk}/record/?words=fridge"),
        (
            "Record search within the long log (two words, a child's name)",
            holder,
            f"/cases/{long_case.pk}/record/?words=school+attendance",
        ),
        ("Record search within a typical case", officer, f"/cases/{typical.pk}/record/?words=social+worker"),
        (f"Record as CSV, the long log ({long_entries:,} entries)", holder, f"/cases/{long_case.pk}/record/?format=csv"),
    ]
    # A handover to read: a case of the officer's moved to another officer of the team (once per database).
    from safeguard.cases import services as case_services
    from safeguard.people.models import RoshLevel
    from safeguard.transfers.models import Handover

    moved = (
        Case.objects.select_related("service_user", "team")
        .filter(case_holder=officer, service_user__rosh_level=RoshLevel.LOW)
        .order_by("pk")
        .first()
    )
    assert moved is not None
    handover = Handover.objects.filter(case=moved).order_by("-pk").first()
    if handover is None:
        other = officer.team.members.exclude(pk=officer.pk).filter(groups__name=roles.OFFENDER_MANAGER).first()
        case_services.case_allocate(
            actor=lead, case=moved, team=moved.team, case_holder=other, line_manager=manager, reason="Benchmark"
        )
        handover = Handover.objects.filter(case=moved).order_by("-pk").first()
    assert handover is not None
    pages += [
        ("Allocation rules, line manager (one team)", manager, "/cases/allocation-rules/"),
        ("Allocation rules, safeguarding lead (every case)", lead, "/cases/allocation-rules/"),
        (f"Home visits tab, {busiest['n']} children", lead, f"/cases/{case.pk}/visits/"),
        (f"Sentence plan tab, {busiest['n']} children", lead, f"/cases/{case.pk}/plans/"),
        ("Handover summary after a transfer", lead, f"/cases/{moved.pk}/handovers/{handover.pk}/"),
        ("Handover as PDF", lead, f"/cases/{moved.pk}/handovers/{handover.pk}/pdf/"),
    ]
    rows = [(label, *measure(user, path)) for label, user, path in pages]
    rows.append(measure_erasure(args.runs))
    children = ChildLink.objects.count()
    lines = [
        "# Performance",
        "",
        "Figures from `make bench` (`python -m safeguard.demo.bench`). Speed goals are measured here, not asserted",
        "in tests; the tests assert that page query counts do not grow with the data.",
        "",
        f"- Database: {connection.vendor} ({'a SQLite file in the temporary folder' if connection.vendor == 'sqlite' else 'DATABASE_URL'})",
        f"- Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"- Data: {args.service_users:,} service users and cases, {children:,} children, {registered:,} active "
        f"registrations, {entries:,} contact-log entries (versions included), made by `generate_synthetic`"
        + (f" in {load_seconds:.0f} s ({args.service_users / load_seconds:,.0f} service users a second)" if load_seconds else ""),
        f"- Each page: median and worst of {args.runs} requests through Django's test client (no network), after one warm-up",
        "",
        "| page | median ms | worst ms | queries |",
        "|---|---:|---:|---:|",
        *[f"| {label} | {median:.0f} | {worst:.0f} | {queries} |" for label, median, worst, queries in rows],
        "",
    ]
    existing = Path(args.output).read_text() if Path(args.output).exists() else ""
    notes = existing.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in existing else "\n"
    Path(args.output).write_text("\n".join(lines) + "<!-- notes -->" + notes)
    print("\n".join(lines))


def measure_erasure(runs: int) -> tuple[str, float, float, int]:
    """Lawful erasure of one child on a registered case, linked to no other case: delete the child's
    records and scrub the case's records and history. It should not grow with the number of cases."""
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from safeguard.people.erasure import erase_child
    from safeguard.people.models import Child

    children = list(
        Child.objects.filter(registrations__ended_on__isnull=True)
        .annotate(links=Count("service_user_links", distinct=True))
        .filter(links=1)
        .order_by("pk")[:runs]
    )
    times, queries = [], 0
    for child in children:
        with CaptureQueriesContext(connection) as captured, transaction.atomic():
            started = time.perf_counter()
            erase_child(child)
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return (
        f"Erase one registered child (delete and scrub its case), {len(times)} children",
        statistics.median(times),
        max(times),
        queries,
    )


if __name__ == "__main__":
    main()
