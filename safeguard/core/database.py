"""Database settings that are about protection, not speed.

SQLite keeps deleted rows in its free pages until they are reused, unless `secure_delete` is on:
then a deleted row is overwritten with zeros, so an erased child's details are not left in the file.
Some builds have it on by default; this makes it so on every connection. (PostgreSQL: ADR 0010.)
"""

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper


def on_connect(sender: object, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")
