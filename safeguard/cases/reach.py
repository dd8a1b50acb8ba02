"""How to reach a key contact: a phone number and an email address, as people type them.

Numbers come with spaces, dashes, brackets, a "+44 (0)" prefix or an extension ("01905 555 0101
ext 204"): all fine, kept as typed with the spaces tidied, so they read as they were given. What is
refused is what cannot be dialled: letters, too few or too many digits. Email addresses are checked
by Django's validator, with the GOV.UK message."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

PHONE_MESSAGE = "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"
EMAIL_MESSAGE = "Enter an email address in the correct format, like name@example.com"

_EXTENSION = re.compile(r"\s*(?:ext\.?|extension|x)\s*\d{1,6}$", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s\-().]")
_DIGITS = re.compile(r"\+?\d{7,15}")

validate_email = EmailValidator(message=EMAIL_MESSAGE)


def tidy(value: str | None) -> str:
    """Spaces at either end trimmed and runs of spaces (or non-breaking spaces) made one."""
    return re.sub(r"\s+", " ", (value or "").replace("\u00a0", " ")).strip()


def is_phone(value: str | None) -> bool:
    """Whether `value` could be dialled: 7 to 15 digits, perhaps after a +, with spaces, dashes,
    dots or brackets between them and an extension at the end."""
    text = _EXTENSION.sub("", tidy(value))
    return bool(_DIGITS.fullmatch(_SEPARATORS.sub("", text)))


def is_email(value: str | None) -> bool:
    try:
        validate_email(tidy(value))
    except ValidationError:
        return False
    return True


def validate_phone(value: str) -> None:
    """A model and form validator: refuses what `is_phone` does not accept (an empty value is for
    `blank` to allow)."""
    if value and not is_phone(value):
        raise ValidationError(PHONE_MESSAGE, code="invalid")


def split(details: str | None) -> dict[str, str]:
    """One box that holds a phone number or an email address, as the fields it belongs in: `phone`
    or `email` when it is plainly one of them, else `contact_details` (other contact details)."""
    text = tidy(details)
    if not text:
        return {}
    if is_email(text):
        return {"email": text}
    if is_phone(text):
        return {"phone": text}
    return {"contact_details": text}
