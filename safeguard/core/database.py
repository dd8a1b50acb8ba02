"""How every SQLite connection is set up: for many writers, and for erasure (ADR 0010, ADR 0011).

- `journal_mode = WAL`: readers keep reading while one connection writes, and a write commits
  without waiting for them (the mode is kept in the file; setting it again costs nothing).
- `synchronous = NORMAL`: with WAL, a commit survives a crash of the application; only a power cut
  may lose the last commits, never corrupt the file.
- `secure_delete = ON`: a deleted row is overwritten with zeros, so an erased child's details are not
  left in a free page. Some builds have it on by default; this makes it so on every connection.

The busy timeout and IMMEDIATE transactions are connection options in the settings
(`config.settings.base.database`). PostgreSQL needs none of this (ADR 0010 for erasure).
"""

import logging
from typing import Any

from django.db import connection as default_connection
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

logger = logging.getLogger("safeguard.database")

PRAGMAS = ("PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA secure_delete = ON")


def on_connect(sender: object, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for pragma in PRAGMAS:
                cursor.execute(pragma)


def flush_erased_after_commit() -> None:
    """After an erasure commits, copy the write-ahead log into the database file and empty it.

    With WAL, a change goes first to the `-wal` file beside the database: until a checkpoint the
    main file still holds the old pages (with the erased details), and the `-wal` file keeps the
    frames that wrote them. `wal_checkpoint(TRUNCATE)` writes the new (zeroed) pages into the main
    file and truncates the `-wal` file to nothing. Nothing to do on PostgreSQL (ADR 0010)."""
    if default_connection.vendor == "sqlite":
        transaction.on_commit(_checkpoint)


def _checkpoint() -> None:
    with default_connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy = cursor.fetchone()[0]
    if busy:  # a reader held an older snapshot past the busy timeout: the next checkpoint copies it
        logger.warning("Erasure committed, but the write-ahead log could not be emptied yet (database busy)")
