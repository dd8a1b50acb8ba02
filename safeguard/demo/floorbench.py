"""Every page with a speed target beside the floor, in one run: `python -m safeguard.demo.floorbench`
(after `make bench`; `make bench` runs it).

Serves the bench's database (the SQLite file `make bench` left, or DATABASE_URL) with the real
application server (gunicorn, 2 workers, production settings, DEBUG off), signs in as an officer, a
line manager and the safeguarding lead, and runs the floor (../shared/tools/floor: one indexed lookup
on 250,000 rows and a small template, on the same machine) beside each one's pages. Prints a
Markdown table: each page's single-user p50 and its multiple of the floor's, and its requests per
second at 16 connections as a share of the floor's, against the targets (an officer's pages within
10× the floor single-user, team and area views within 25×, and at least 10% of the floor's
throughput). Nothing is asserted.
"""

import os
import re
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from .loadbench import FLOOR, ROOT, Browser, Results, manage, server_env

PASSWORD = "floor-only-" + "x7Qm2Lp9" * 2  # noqa: S105 - set on synthetic accounts of a throwaway database
LINE = re.compile(r"^(?P<what>.+?): single-user p50 (?P<p50>[\d.]+) ?ms; 16 conn (?P<rps>[\d.]+) req/s")
OFFICER_TARGET, TEAM_TARGET, SHARE_TARGET = 10, 25, 0.10


def _prepare(database_url: str) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """Give the three users a password; each one's pages: (label, path, target multiple)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.db.models import Count

    from safeguard.accounts import roles
    from safeguard.accounts.models import Area, User
    from safeguard.cases.models import Case
    from safeguard.people.models import ChildLink
    from safeguard.testing import make_user

    officer = User.objects.filter(username__startswith="syn000o").select_related("team").order_by("username").first()
    assert officer is not None and officer.team is not None, "no synthetic officer: run make bench first"
    manager = officer.team.line_managers.first()
    assert manager is not None, "no synthetic line manager"
    lead = User.objects.filter(username="bench-lead").first() or make_user(
        "bench-lead", roles.SAFEGUARDING_LEAD, area=Area.objects.get(code="SYN")
    )
    hasher = PBKDF2PasswordHasher()  # what production settings check (the test settings hash faster)
    for user in (officer, manager, lead):
        user.password = hasher.encode(PASSWORD, hasher.salt())
        user.save(update_fields=["password"])
    held = Case.objects.filter(case_holder=officer, status=Case.Status.OPEN)
    busiest = (
        ChildLink.objects.filter(service_user__cases__in=held)
        .values("service_user_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    assert busiest is not None, "the officer's cases have no children"
    case = held.get(service_user_id=busiest["service_user_id"])
    surname = case.service_user.last_name[:4]
    return [
        (
            officer.username,
            [
                ("Case list, officer", "/cases/", OFFICER_TARGET),
                (f"Case overview ({busiest['n']} children)", f"/cases/{case.pk}/", OFFICER_TARGET),
                ("Family network picture", f"/cases/{case.pk}/family/", OFFICER_TARGET),
                ("Checks tab", f"/cases/{case.pk}/checks/", OFFICER_TARGET),
                ("My work, officer", "/my-work/", OFFICER_TARGET),
                ("Search by surname prefix, officer", f"/cases/?q={surname}", OFFICER_TARGET),
            ],
        ),
        (
            manager.username,
            [
                ("My work, line manager", "/my-work/", TEAM_TARGET),
                ("Dashboard, line manager", "/dashboard/", TEAM_TARGET),
                ("Dashboard, line manager, overdue list", "/dashboard/?status=overdue", TEAM_TARGET),
            ],
        ),
        (
            lead.username,
            [
                ("Case list, safeguarding lead", "/cases/", TEAM_TARGET),
                ("Dashboard, safeguarding lead", "/dashboard/", TEAM_TARGET),
                ("Register, safeguarding lead", "/register/", TEAM_TARGET),
                ("Referral register, safeguarding lead", "/referrals/", TEAM_TARGET),
            ],
        ),
    ]


def _sign_in(port: int, username: str) -> str:
    browser = Browser(port, Results())
    _, _, page = browser.request("GET", "/accounts/login/")
    status, _, _ = browser.request(
        "POST", "/accounts/login/", {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": browser.token(page)}
    )
    assert status == 302, f"sign-in as {username} answered {status}"
    return "; ".join(f"{k}={v}" for k, v in browser.cookies.items())


def main() -> None:
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tempfile.gettempdir()) / 'safeguard-bench.sqlite3'}"
    groups = _prepare(database_url)
    vendor = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    rows = []
    with tempfile.TemporaryDirectory(prefix="safeguard-floor-") as folder:
        env = server_env(database_url, Path(folder) / "static")
        env["SAFEGUARD_DEMO"] = "false"
        manage(env, "collectstatic", "--noinput", "-v", "0")
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        port = listener.getsockname()[1]
        command = [sys.executable, "-m", "gunicorn", "--bind", f"fd://{listener.fileno()}", "--workers", "2"]
        server = subprocess.Popen([*command, "config.wsgi:application"], cwd=ROOT, env=env, pass_fds=[listener.fileno()])  # noqa: S603
        try:
            for username, pages in groups:
                cookie = _sign_in(port, username)
                done = subprocess.run(  # noqa: S603
                    [str(FLOOR), "250000", *(f"http://127.0.0.1:{port}{path}" for _, path, _ in pages)],
                    env={**os.environ, "COOKIE": cookie},
                    capture_output=True,
                    text=True,
                )
                if done.returncode:
                    sys.exit(f"the floor did not run: {done.stderr[-2000:]}")
                measured = [m for line in done.stdout.splitlines() if (m := LINE.match(line.strip()))]
                floor = next(m for m in measured if m["what"].startswith("floor"))
                by_url = {m["what"].replace(f"http://127.0.0.1:{port}", ""): m for m in measured if m is not floor}
                rows.append((f"**floor** (beside {username}'s pages)", float(floor["p50"]), 1.0, float(floor["rps"]), 1.0, ""))
                for label, path, target in pages:
                    m = by_url[path]
                    p50, rps = float(m["p50"]), float(m["rps"])
                    ratio, share = p50 / float(floor["p50"]), rps / float(floor["rps"])
                    met = "yes" if ratio <= target and share >= SHARE_TARGET else "no"
                    rows.append((label, p50, ratio, rps, share, f"{target}× and 10%: {met}"))
        finally:
            server.terminate()
            server.wait(60)
            listener.close()
    print(f"\n{vendor}, gunicorn 2 workers, DEBUG off; the floor in the same run\n")
    print("| page | single-user p50 ms | × floor | req/s at 16 connections | share of floor's | target met |")
    print("|---|---:|---:|---:|---:|---|")
    for page, ms, times, per_second, of_floor, met in rows:
        print(f"| {page} | {ms:.1f} | {times:.0f}× | {per_second:.0f} | {of_floor:.0%} | {met} |")


if __name__ == "__main__":
    main()
