"""Checks every service applies to what people type: dates present when required, not in the future,
in order; free text that says something; ids that could name a record."""

import datetime
import re

from django.core.exceptions import ValidationError

from . import clock


def past_date(value: datetime.date | None, field: str, label: str, *, required: bool = True) -> None:
    """`label` is how the message starts, e.g. "The date sent" → "The date sent must be today or in the past"."""
    if value is None:
        if required:
            raise ValidationError({field: f"Enter {label[0].lower()}{label[1:]}"})
        return
    if value > clock.today():
        raise ValidationError({field: f"{label} must be today or in the past"})


def not_before(value: datetime.date | None, earliest: datetime.date | None, field: str, message: str) -> None:
    """`message` on `field` when `value` is before `earliest` (a missing date is for `past_date` to refuse)."""
    if value is not None and earliest is not None and value < earliest:
        raise ValidationError({field: message})


def required_text(value: str | None, field: str, message: str) -> str:
    """Free text that must say something: the text without surrounding spaces, or `message` on `field`."""
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text


LARGEST_KEY = 2**63 - 1  # a bigint: no record anywhere has a larger id


def is_key(value: object) -> bool:
    """Whether `value` could be a record's id: digits, within a bigint (a longer number in an address
    or a form names nothing, and must not reach the database, which would fail on it)."""
    text = str(value) if isinstance(value, int) else value
    return isinstance(text, str) and text.isdigit() and int(text) <= LARGEST_KEY


TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def is_token(value: object) -> bool:
    """Whether `value` could be a one-time form token (`core.submissions`): URL-safe, 16 to 64 long."""
    return isinstance(value, str) and TOKEN.fullmatch(value) is not None
