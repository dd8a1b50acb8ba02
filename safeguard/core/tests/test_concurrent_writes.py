"""Many people saving at once: the database settings the service is deployed with let concurrent
writes wait their turn instead of failing with "database is locked" (SQLite), and keep the number
of PostgreSQL connections to the pool's size however many threads serve requests.

Each test opens its own database, built by `config.settings.base.database` (what `DATABASES` is
made of) from a URL, under a scratch alias, so it measures the deployed settings, not the test
database's."""

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections, transaction

from config.settings.base import database

WAIT = 30  # seconds: a safety net for a test that has gone wrong; never reached when it passes


@pytest.fixture
def scratch_alias(django_db_blocker: Any) -> Iterator[Callable[[dict[str, Any]], str]]:
    """Register a database under a new alias; each thread that uses it gets its own connection."""
    made: list[str] = []

    def make(config: dict[str, Any]) -> str:
        alias = f"scratch_{len(made)}"
        connections.settings[alias] = connections.configure_settings({"default": {}, alias: config})[alias]
        made.append(alias)
        return alias

    with django_db_blocker.unblock():
        yield make
        for alias in made:
            wrapper = connections[alias]
            wrapper.close()
            if wrapper.vendor == "postgresql":
                wrapper.close_pool()  # type: ignore[attr-defined]  # the PostgreSQL wrapper's
            del connections[alias]
            del connections.settings[alias]


def in_thread(target: Callable[[], Any], alias: str, errors: list[BaseException]) -> threading.Thread:
    def run() -> None:
        try:
            target()
        except BaseException as error:  # noqa: BLE001 - the test reports what went wrong in the thread
            errors.append(error)
        finally:
            connections[alias].close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_sqlite_file_is_opened_for_many_writers(tmp_path: Path, scratch_alias: Callable[[dict[str, Any]], str]) -> None:
    """WAL (readers do not block the writer), a busy timeout (a writer waits for the lock instead of
    failing), IMMEDIATE transactions (the lock is taken at BEGIN), and deleted rows zeroed."""
    config = database(f"sqlite:///{tmp_path / 'safeguard.sqlite3'}")
    assert config.get("OPTIONS", {}).get("transaction_mode") == "IMMEDIATE"
    alias = scratch_alias(config)
    with connections[alias].cursor() as cursor:
        pragmas = {}
        for pragma in ("journal_mode", "busy_timeout", "secure_delete", "synchronous"):
            cursor.execute(f"PRAGMA {pragma}")
            pragmas[pragma] = cursor.fetchone()[0]
    assert pragmas == {"journal_mode": "wal", "busy_timeout": 20000, "secure_delete": 1, "synchronous": 1}


def test_two_people_saving_at_the_same_moment_on_sqlite_both_succeed(
    tmp_path: Path, scratch_alias: Callable[[dict[str, Any]], str]
) -> None:
    """Each save reads, then writes, in one transaction, as a form post does. First reads, then the
    second starts its transaction while the first is open; only then does the first write. With
    deferred transactions both hold a read snapshot and one of them is refused ("database is locked");
    with IMMEDIATE ones the second waits at BEGIN until the first commits, then sees its row."""
    alias = scratch_alias(database(f"sqlite:///{tmp_path / 'safeguard.sqlite3'}"))
    with connections[alias].cursor() as cursor:
        cursor.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
    connections[alias].close()

    first_has_read = threading.Event()
    second_is_in = threading.Event()  # the second has read, or is queued for the write lock
    seen: dict[str, int] = {}
    errors: list[BaseException] = []

    def save(name: str) -> None:
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.execute("SELECT count(*) FROM note")
            seen[name] = cursor.fetchone()[0]
            if name == "first":
                first_has_read.set()
                assert second_is_in.wait(WAIT), "the second save never started"
            else:
                second_is_in.set()
            cursor.execute("INSERT INTO note (body) VALUES (%s)", [name])

    def first() -> None:
        save("first")

    def second() -> None:
        assert first_has_read.wait(WAIT)
        connections[alias].ensure_connection()

        def queued(sql: str) -> None:  # called as SQLite starts a statement, before it waits for a lock
            if sql.upper().startswith("BEGIN IMMEDIATE"):
                second_is_in.set()

        connections[alias].connection.set_trace_callback(queued)
        save("second")

    threads = [in_thread(first, alias, errors), in_thread(second, alias, errors)]
    for thread in threads:
        thread.join(WAIT)
    assert [str(error) for error in errors] == []
    assert seen == {"first": 0, "second": 1}  # the second saw the first's row: one after the other
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT body FROM note ORDER BY id")
        assert [row[0] for row in cursor.fetchall()] == ["first", "second"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_connections_come_from_a_pool(db: None) -> None:
    assert connection.settings_dict["OPTIONS"].get("pool", {}).get("max_size", 0) >= 1
    assert connection.settings_dict["CONN_MAX_AGE"] == 0  # Django returns the connection to the pool
    assert connection.pool is not None  # type: ignore[attr-defined]  # the PostgreSQL wrapper's


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_many_threads_share_the_pools_few_postgresql_connections(
    monkeypatch: pytest.MonkeyPatch, scratch_alias: Callable[[dict[str, Any]], str]
) -> None:
    """Twelve threads serving requests, a pool of two: every request is answered, through at most
    two server connections (without the pool each thread keeps a connection of its own open)."""
    monkeypatch.setenv("DATABASE_POOL_MIN_SIZE", "1")
    monkeypatch.setenv("DATABASE_POOL_MAX_SIZE", "2")
    alias = scratch_alias(database(os.environ["DATABASE_URL"]))
    start = threading.Barrier(12)
    backends: set[int] = set()
    errors: list[BaseException] = []

    def requests() -> None:
        start.wait(WAIT)
        for _ in range(5):
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backends.add(cursor.fetchone()[0])
            connections[alias].close_if_unusable_or_obsolete()  # what Django does at the end of a request

    threads = [in_thread(requests, alias, errors) for _ in range(12)]
    for thread in threads:
        thread.join(WAIT)
    assert [str(error) for error in errors] == []
    assert 1 <= len(backends) <= 2
