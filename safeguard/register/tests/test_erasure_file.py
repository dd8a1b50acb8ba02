"""After de-registration, the raw SQLite database files hold none of the erased child's details: not
in a table, a history row, an index or a free page (as `strings` on the file would show), nor in the
write-ahead log beside it, read while the connection that erased is still open, as a running server's is."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]

GONE = [b"Poppy", b"Pops", b"Quenby", b"QUENBY", b"quenby", b"Jo Tranter", b"14 February 2019", b"2019-02-14", b"Meadow Primary"]

SCRIPT = """
import datetime
from safeguard.people import services as people
from safeguard.register import services as register
from safeguard.testing import build_world, council, deregister, make_case

world = build_world()
officer = world["officer1"]
case = make_case(world=world, first_name="Gary", last_name="Stone")
child = people.child_add(
    actor=officer,
    case=case,
    where="service_user",
    child={"first_name": "Poppy", "last_name": "Quenby", "date_of_birth": datetime.date(2019, 2, 14), "school": "Meadow Primary"},
    link={"relationship": "parent", "contact": "regular", "parental_responsibility": True},
    status={"status": "cpp", "category": "neglect", "start_date": datetime.date(2026, 6, 1),
            "local_authority": council(), "social_worker": "Jo Tranter"},
).child
people.child_name_variant_add(actor=officer, case=case, child=child, first_name="Pops", last_name="Quenby", note="Nickname")
registration = register.register_case(
    actor=officer, case=case, category="linked_child", trigger_date=datetime.date(2026, 11, 2),
    registered_on=datetime.date(2026, 11, 3), children=[child],
    reason="Pops (Poppy Quenby, born 14 February 2019) is on a plan; social worker Jo Tranter",
)
from django.utils import timezone
from safeguard.record import services as record
entry = record.entry_add(
    actor=officer, case=case, contact_at=timezone.now(), kind="phone", with_whom="child", child=child,
    text="Poppy said Pops is her nickname at Meadow Primary", section="restricted", not_for_disclosure=False,
    children=[child],
)
record.entry_amend(actor=officer, case=case, entry=entry, reason="Quenby spelt wrong", text="Poppy Quenby (Pops) spoke to me")
record.decision_record(
    actor=world["manager1"], case=case, kind="decision", decided_on=datetime.date(2026, 11, 3),
    decision="Refer Poppy to children's services", section="general", children=[child],
)
deregister(world, case, registration, "child_left_register")

from pathlib import Path
from django.db import connection
assert connection.connection is not None  # still open: nothing has been checkpointed by closing it
path = Path(connection.settings_dict["NAME"])
wal = path.with_name(path.name + "-wal")
raw = path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
print("FOUND:", [word for word in GONE if word in raw])
print("SERVICE USER KEPT:", b"Gary" in raw)
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads a SQLite file")
def test_the_database_file_holds_nothing_of_an_erased_child(tmp_path):
    database = tmp_path / "safeguard.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": f"sqlite:///{database}"}
    for command in (["migrate", "--noinput", "-v", "0"], ["shell", "-c", f"GONE = {GONE!r}\n{SCRIPT}"]):
        done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
        assert done.returncode == 0, done.stdout + done.stderr
    assert "FOUND: []" in done.stdout and "SERVICE USER KEPT: True" in done.stdout, done.stdout
    raw = database.read_bytes()  # and after the last connection has closed
    assert b"Gary" in raw  # the service user is still there: the file was written
    assert [word for word in GONE if word in raw] == []
