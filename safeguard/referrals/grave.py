"""Urgency checked against content: which answers on a referral point to a grave concern.

The combinations are configuration (`SAFEGUARD["GRAVE_CONCERN"]` in the settings), not code: each
lists answers that must all hold, and any one combination is enough. A referral whose content
matches one cannot be "Routine" without a recorded reason (`services.referral_make`, and the form
at once): a referral about serious physical harm to a five-year-old, at high risk, asking for a
section 47 enquiry, should not be sent as routine by a slip (WM 3.1; HMIP 2014 2.48).
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from safeguard.core import clock

from .models import Referral

KEYS = ("harms", "child_under", "risk_level", "response_wanted")


def _label(choices: Any, value: str) -> str:
    text = str(dict(choices.choices).get(value, value))
    return text[0].lower() + text[1:]


def _young(children: Iterable[Any], under: int, on: datetime.date) -> bool:
    """Whether any of the children is unborn or younger than `under` years on the day."""
    return any(child.date_of_birth is None or clock.age_on(child.date_of_birth, on) < under for child in children)


def _words(key: str, matched: Sequence[str] | int) -> str:
    if key == "child_under":
        return f"a child under {matched}"
    values = list(matched) if not isinstance(matched, int) else []
    if key == "harms":
        return " and ".join(_label(Referral.Harm, v) for v in values)
    if key == "risk_level":
        label = _label(Referral.Risk, values[0])
        return f"a {label} level of risk" if " " not in label else label
    return f"{_label(Referral.Response, values[0])} wanted"


def _match(combination: dict[str, Any], answers: dict[str, Any], children: Sequence[Any], on: datetime.date) -> list[str]:
    """The words for each part of the combination the answers meet; empty unless they meet every part."""
    unknown = set(combination) - set(KEYS)
    if unknown or not combination:
        raise ImproperlyConfigured(f"SAFEGUARD['GRAVE_CONCERN']: {combination!r} may only use {', '.join(KEYS)}")
    words = []
    for key in KEYS:
        if key not in combination:
            continue
        if key == "child_under":
            if not _young(children, int(combination[key]), on):
                return []
            words.append(_words(key, int(combination[key])))
            continue
        given = answers.get(key)
        chosen = (
            [v for v in (given or []) if v in combination[key]]
            if key == "harms"
            else [given]
            if given in combination[key]
            else []
        )
        if not chosen:
            return []
        words.append(_words(key, chosen))
    return words


def grave_signs(
    *, harms: Sequence[str], risk_level: str, response_wanted: str, children: Sequence[Any], on: datetime.date
) -> list[str]:
    """What in the referral points to a grave concern, in words (["physical abuse", "a child under 8",
    "a high level of risk", "a section 47 enquiry wanted"]): the first configured combination it
    meets; empty when it meets none."""
    answers = {"harms": list(harms or []), "risk_level": risk_level, "response_wanted": response_wanted}
    for combination in settings.SAFEGUARD.get("GRAVE_CONCERN", []):
        words = _match(combination, answers, children, on)
        if words:
            return words
    return []


def routine_error(
    *,
    urgency: str,
    routine_reason: str,
    harms: Sequence[str],
    risk_level: str,
    response_wanted: str,
    children: Sequence[Any],
    on: datetime.date,
) -> str:
    """The message when a referral is routine, its content points to a grave concern and no reason is
    given; "" when there is nothing to say."""
    if urgency != Referral.Urgency.ROUTINE or (routine_reason or "").strip():
        return ""
    signs = grave_signs(harms=harms, risk_level=risk_level, response_wanted=response_wanted, children=children, on=on)
    if not signs:
        return ""
    said = signs[0] if len(signs) == 1 else f"{', '.join(signs[:-1])} and {signs[-1]}"
    return f"Give a reason for making this referral routine: {said} point{'s' if len(signs) == 1 else ''} to a grave concern"
