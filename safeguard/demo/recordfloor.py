"""The record's timeline beside the floor: `python -m safeguard.demo.recordfloor` after `make bench`.

Serves the bench's database (the SQLite file `make bench` left, or DATABASE_URL) with the real
application server (gunicorn, production settings), signs in as the holder of the case with the
longest contact log and as an officer of a typical case, and runs the floor
(/work/shared/tools/floor: the least a Django page costs on this machine) with the timeline's first
page, a search within the long log, and the long log's first page, side by side in one run.
With `--steps`, the pages that work out every outstanding step instead: the officer's My work, the
typical case's overview, and its Home visits and Sentence plan tabs. Prints the lines; nothing is
asserted.
"""

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from .loadbench import FLOOR, ROOT, Browser, Results, manage, server_env

PASSWORD = "floor-only-" + "x7Qm2Lp9" * 2  # noqa: S105 - set on a synthetic account of a throwaway database


def _prepare(database_url: str, steps: bool = False) -> tuple[str, list[str]]:
    """Give the long log's case holder a password; the paths to measure."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from safeguard.cases.models import Case

    long_case = Case.objects.select_related("case_holder").get(service_user__crn="S000000")
    holder = long_case.case_holder
    assert holder is not None
    hasher = PBKDF2PasswordHasher()  # what production settings check (the test settings hash faster)
    holder.password = hasher.encode(PASSWORD, hasher.salt())
    holder.save(update_fields=["password"])
    typical = Case.objects.filter(case_holder=holder).exclude(pk=long_case.pk).order_by("pk").first()
    assert typical is not None
    if steps:
        return holder.username, [
            "/my-work/",
            f"/cases/{typical.pk}/",
            f"/cases/{typical.pk}/visits/",
            f"/cases/{typical.pk}/plans/",
        ]
    paths = [
        f"/cases/{typical.pk}/record/",
        f"/cases/{long_case.pk}/record/",
        f"/cases/{long_case.pk}/record/?words=fridge",
        f"/cases/{typical.pk}/",
    ]
    return holder.username, paths


def main() -> None:
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{Path(tempfile.gettempdir()) / 'safeguard-bench.sqlite3'}"
    username, paths = _prepare(database_url, steps="--steps" in sys.argv[1:])
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
            browser = Browser(port, Results())
            _, _, page = browser.request("GET", "/accounts/login/")
            status, _, _ = browser.request(
                "POST",
                "/accounts/login/",
                {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": browser.token(page)},
            )
            assert status == 302, f"sign-in answered {status}"
            cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
            done = subprocess.run(  # noqa: S603
                [str(FLOOR), "250000", *(f"http://127.0.0.1:{port}{path}" for path in paths)],
                env={**os.environ, "COOKIE": cookie},
                capture_output=True,
                text=True,
            )
            print(done.stdout.replace(f"http://127.0.0.1:{port}", ""))
            if done.returncode:
                print(done.stderr[-2000:], file=sys.stderr)
        finally:
            server.terminate()
            server.wait(60)
            listener.close()


if __name__ == "__main__":
    main()
