"""Deleted rows do not stay readable in the SQLite file: secure_delete is on for every connection."""

import sqlite3

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import DatabaseWrapper

NAME = "Poppie Larkspur"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting")
def test_the_test_database_connection_has_secure_delete_on(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1


def test_an_erased_name_is_not_left_in_the_database_file(tmp_path, django_db_blocker):
    """A file-based database opened the way Django opens ours: after a row is deleted, the raw bytes
    of the file no longer hold it (without secure_delete they do, in a free page)."""
    path = tmp_path / "safeguard.sqlite3"
    wrapper = DatabaseWrapper(
        {**connection.settings_dict, "ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": {}}, alias="scratch"
    )
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, name TEXT)")
        cursor.executemany("INSERT INTO child (name) VALUES (%s)", [(f"Other child {n}",) for n in range(50)] + [(NAME,)])
        cursor.execute("DELETE FROM child WHERE name = %s", [NAME])
    wrapper.close()
    assert NAME.encode() not in path.read_bytes()

    # The same without the setting: the name survives the delete, which is what the setting prevents.
    plain = tmp_path / "plain.sqlite3"
    raw = sqlite3.connect(plain)
    raw.execute("PRAGMA secure_delete = OFF")
    raw.execute("CREATE TABLE child (id INTEGER PRIMARY KEY, name TEXT)")
    raw.executemany("INSERT INTO child (name) VALUES (?)", [(f"Other child {n}",) for n in range(50)] + [(NAME,)])
    raw.commit()
    raw.execute("DELETE FROM child WHERE name = ?", [NAME])
    raw.commit()
    raw.close()
    assert NAME.encode() in plain.read_bytes()


def test_every_new_connection_turns_it_on_even_where_the_build_has_it_off(tmp_path, django_db_blocker):
    """This machine's SQLite has it on by default; others do not. The receiver turns it on whatever
    the default, and it is connected to every new database connection."""
    from django.db.backends.signals import connection_created

    from safeguard.core import database

    assert "safeguard.core.sqlite_pragmas" in [lookup[0] for lookup, *_ in connection_created.receivers]
    wrapper = DatabaseWrapper(
        {**connection.settings_dict, "ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x.sqlite3"), "OPTIONS": {}},
        alias="scratch2",
    )
    with django_db_blocker.unblock(), wrapper.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete = OFF")
        database.on_connect(sender=None, connection=wrapper)
        cursor.execute("PRAGMA secure_delete")
        assert cursor.fetchone()[0] == 1
    wrapper.close()
