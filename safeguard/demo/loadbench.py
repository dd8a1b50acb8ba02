"""Many people writing at once: `make bench-load` (`python -m safeguard.demo.loadbench`).

Starts the real application server (gunicorn, production settings, as docs/operations.md deploys it)
on a new SQLite file and, when DATABASE_URL names a PostgreSQL database, on that database too (a
throwaway one: the demo data is loaded into it and the benchmark's events are left in it). Then 20
clients at once, each with its own session, sign in as a demo officer and record significant events
on one of their cases through the real form (CSRF token and all) for 60 seconds. It reports every
request (sign-in, form pages and posts), the errors (any answer but 2xx or 3xx, a post that did not
save, or no answer at all), requests a second and the 95th percentile, and writes them into
docs/performance.md between the `<!-- load -->` markers. Nothing here is asserted: the tests assert
that concurrent writes succeed (safeguard/core/tests/test_concurrent_writes.py).
"""

import argparse
import datetime
import http.client
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

ROOT = Path(__file__).resolve().parents[2]  # the checkout
HOST = "safeguard.example.org"
OFFICERS = ["officer1", "officer2", "pso1"]  # demo accounts that may record events on their team's cases
PASSWORD = "demo"  # noqa: S105 - the demo accounts' password (seed_demo)


@dataclass
class Results:
    times: list[float] = field(default_factory=list)  # seconds, every request
    write_times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    writes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, *, write: bool = False) -> None:
        with self.lock:
            self.times.append(seconds)
            if write:
                self.write_times.append(seconds)

    def saved(self) -> None:
        with self.lock:
            self.writes += 1

    def fail(self, what: str) -> None:
        with self.lock:
            self.errors.append(what)


class Browser:
    """One person's session: cookies, the CSRF token, and what a proxy in front would add."""

    def __init__(self, port: int, results: Results) -> None:
        self.port = port
        self.results = results
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """Status, Location and page; every request is timed, and a failure counted."""
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{HOST}{path}",  # Django's CSRF check wants it on HTTPS
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            body = "&".join(f"{k}={_quote(v)}" for k, v in form.items()).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            page = response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.results.fail(f"{method} {path}: {error!r}")
            return 0, "", ""
        self.results.add(time.perf_counter() - started, write=method == "POST" and "/events/" in path)
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()  # reopened by the next request
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        if response.status >= 400:
            self.results.fail(f"{method} {path}: {response.status} {_error_line(page)}")
        return response.status, response.getheader("Location", ""), page

    def token(self, page: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return found[1] if found else ""


def _quote(value: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(value)


def _error_line(page: str) -> str:
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    return title[1].strip()[:80] if title else page[:80]


def person(number: int, port: int, until: float, results: Results) -> None:
    """Sign in, pick a case of one's own, then record significant events until the time is up."""
    browser = Browser(port, results)
    status, _, page = browser.request("GET", "/accounts/login/")
    form = {"username": OFFICERS[number % len(OFFICERS)], "password": PASSWORD, "csrfmiddlewaretoken": browser.token(page)}
    status, location, _ = browser.request("POST", "/accounts/login/", form)
    if status != 302 or "login" in location:
        results.fail(f"sign-in of {form['username']}: {status} {location}")
        return
    status, _, page = browser.request("GET", "/cases/")
    cases = list(dict.fromkeys(re.findall(r'href="/cases/(\d+)/"', page)))
    if not cases:
        results.fail(f"{form['username']} has no case")
        return
    case = cases[(number // len(OFFICERS)) % len(cases)]
    path = f"/cases/{case}/checks/events/new/"
    today = datetime.date.today()  # noqa: DTZ011 - a date on the form, as a person would type it
    written = 0
    while time.monotonic() < until:
        status, _, page = browser.request("GET", path)
        if 300 <= status < 400:
            results.fail(f"GET {path}: sent to {status} (signed out?)")
            return
        if status != 200:
            continue  # counted; try again
        written += 1
        status, location, page = browser.request(
            "POST",
            path,
            {
                "csrfmiddlewaretoken": browser.token(page),
                "kind": "other",
                "occurred_on_day": str(today.day),
                "occurred_on_month": str(today.month),
                "occurred_on_year": str(today.year),
                "description": f"Load benchmark: client {number}, event {written}",
            },
        )
        if status == 302 and "/checks/" in location:
            results.saved()
        elif status < 400:  # 4xx and 5xx are counted already
            results.fail(f"POST {path}: not saved ({status}): {_error_line(page)}")


def manage(env: dict[str, str], *args: str) -> None:
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def server_env(database_url: str, static_root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DJANGO_SECRET_KEY": "load-benchmark-only-" + "k3Jd8sPq2mZx7Vt" * 3,
            "DJANGO_ALLOWED_HOSTS": f"{HOST},127.0.0.1",  # the floor's requests come to the address
            "DJANGO_SECURE_SSL_REDIRECT": "false",  # and over plain HTTP; ours say HTTPS as the proxy would
            "DATABASE_URL": database_url,
            "DJANGO_STATIC_ROOT": str(static_root),
            "SAFEGUARD_DEMO": "true",  # the demo accounts sign in
        }
    )
    return env


def connections_now(monitor: Any) -> int:
    """How many connections the PostgreSQL server has open to this database, the monitor's not counted."""
    row = monitor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    ).fetchone()
    return int(row[0]) if row else 0


FLOOR = ROOT.parent / "shared" / "tools" / "floor" / "run"


def side_by_side_with_the_floor(port: int) -> str:
    """The floor (the least a Django page costs on this machine, /work/shared/tools/floor) and the
    page the writers fetch, on the same server straight after the write load: reads only, as the
    floor has no form to post."""
    results = Results()
    browser = Browser(port, results)
    _, _, page = browser.request("GET", "/accounts/login/")
    browser.request(
        "POST", "/accounts/login/", {"username": OFFICERS[0], "password": PASSWORD, "csrfmiddlewaretoken": browser.token(page)}
    )
    _, _, page = browser.request("GET", "/cases/")
    case = re.findall(r'href="/cases/(\d+)/"', page)[0]
    cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    done = subprocess.run(  # noqa: S603
        [str(FLOOR), "250000", f"http://127.0.0.1:{port}/cases/{case}/checks/events/new/", f"http://127.0.0.1:{port}/cases/"],
        env={**os.environ, "COOKIE": cookie},
        capture_output=True,
        text=True,
    )
    lines = [
        line.replace(f"http://127.0.0.1:{port}", "")
        for line in done.stdout.splitlines()
        if line.strip() and ("floor" in line or "127.0.0.1" in line)
    ]
    return "\n".join(lines) if done.returncode == 0 else f"the floor did not run: {done.stderr[-300:]}"


def run(database_url: str, static_root: Path, args: argparse.Namespace) -> dict[str, str]:
    env = server_env(database_url, static_root)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo")
    if not (static_root / "staticfiles.json").exists():
        manage(env, "collectstatic", "--noinput", "-v", "0")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    port = listener.getsockname()[1]
    command = [sys.executable, "-m", "gunicorn", "--bind", f"fd://{listener.fileno()}", "--workers", str(args.workers)]
    command += ["--threads", str(args.threads), "--timeout", "120", "config.wsgi:application"]
    log = tempfile.TemporaryFile()
    server = subprocess.Popen(command, cwd=ROOT, env=env, pass_fds=[listener.fileno()], stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    results = Results()
    postgres = database_url.startswith("postgres")
    monitor = psycopg.connect(database_url, autocommit=True) if postgres else None  # opened before the load
    peak = 0
    try:
        started = time.monotonic()
        until = started + args.seconds
        people = [threading.Thread(target=person, args=(n, port, until, results), daemon=True) for n in range(args.clients)]
        for thread in people:
            thread.start()
        while any(thread.is_alive() for thread in people):
            if monitor is not None:
                peak = max(peak, connections_now(monitor))
            for thread in people:
                thread.join(1)
        elapsed = time.monotonic() - started
        floor = side_by_side_with_the_floor(port) if args.floor and not postgres else ""
    finally:
        server.terminate()
        server.wait(60)
        listener.close()
        if monitor is not None:
            monitor.close()
    log.seek(0)
    server_log = log.read().decode(errors="replace")
    tracebacks = server_log.count("Traceback")
    times = sorted(results.times)
    p95 = times[int(len(times) * 0.95) - 1] * 1000 if times else 0.0
    write_p95 = sorted(results.write_times)[int(len(results.write_times) * 0.95) - 1] * 1000 if results.write_times else 0.0
    for error in results.errors[:10]:
        print("  error:", error, file=sys.stderr)
    if tracebacks:
        print(server_log[-3000:], file=sys.stderr)
    return {
        "database": "PostgreSQL (pool)" if postgres else "SQLite (WAL, IMMEDIATE)",
        "requests": f"{len(times):,}",
        "writes": f"{results.writes:,}",
        "errors": f"{len(results.errors)}",
        "rps": f"{len(times) / elapsed:.1f}",
        "p50": f"{statistics.median(times) * 1000:.0f}" if times else "-",
        "p95": f"{p95:.0f}",
        "write_p95": f"{write_p95:.0f}",
        "connections": f"{peak}" if postgres else "-",
        "floor": floor,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads in each worker")
    parser.add_argument("--skip-sqlite", action="store_true", help="only the PostgreSQL of DATABASE_URL")
    parser.add_argument("--floor", action=argparse.BooleanOptionalAction, default=FLOOR.exists(), help="the floor beside it")
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"), help="'' to only print")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory(prefix="safeguard-load-") as folder:
        static_root = Path(folder) / "static"
        if not args.skip_sqlite:
            rows.append(run(f"sqlite:///{Path(folder) / 'safeguard.sqlite3'}", static_root, args))
        if os.environ.get("DATABASE_URL", "").startswith("postgres"):
            rows.append(run(os.environ["DATABASE_URL"], static_root, args))
    pool = os.environ.get("DATABASE_POOL_MAX_SIZE", "4")
    lines = [
        f"{args.clients} people at once, each signed in as a demo officer, recording significant events on a case "
        f"of their own through the form (a form page, then the post) for {args.seconds:.0f} s; gunicorn with "
        f"{args.workers} workers × {args.threads} threads and production settings, on "
        f"{platform.machine()}, {os.cpu_count()} cores; PostgreSQL pool of at most {pool} connections a worker. "
        f"Measured {datetime.date.today():%Y-%m-%d} by `make bench-load`.",  # noqa: DTZ011
        "",
        "| database | requests | events saved | errors | requests/s | p50 ms | p95 ms | p95 ms of a save | peak connections |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *[
            f"| {r['database']} | {r['requests']} | {r['writes']} | {r['errors']} | {r['rps']} | {r['p50']} | {r['p95']} "
            f"| {r['write_p95']} | {r['connections']} |"
            for r in rows
        ],
    ]
    for row in rows:
        if row["floor"]:
            lines += [
                "",
                f"Reads beside the floor on the same server ({row['database']}), straight after the write load "
                "(`/work/shared/tools/floor/run`: single-user p50 over 300 requests; wrk, 16 connections, 10 s):",
                "",
                "```",
                row["floor"],
                "```",
            ]
    print("\n".join(lines))
    if args.output:
        path = Path(args.output)
        text = path.read_text()
        if "<!-- load -->" in text and "<!-- /load -->" in text:
            before, rest = text.split("<!-- load -->", 1)
            after = rest.split("<!-- /load -->", 1)[1]
            path.write_text(before + "<!-- load -->\n" + "\n".join(lines) + "\n<!-- /load -->" + after)


if __name__ == "__main__":
    main()
