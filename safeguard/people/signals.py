"""Signals that let other parts of Safeguard react to changes in a family without people/ knowing them."""

import datetime
from typing import Any

from django.dispatch import Signal

from safeguard.core import clock

# Sent inside the transaction of a change that may call for a fresh check (HMIP 2014 2.4) or a
# register review (West Mercia 5.2). Arguments: case, kind ("new_child", "new_partner",
# "change_of_address", "release", "order_ended", "plan_ended", "rosh_change", ...), occurred_on,
# description, actor, and child when the change is about one child.
significant_change = Signal()


def announce(
    kind: str, *, case: Any, actor: Any, description: str, occurred_on: datetime.date | None = None, **extra: Any
) -> None:
    """Send `significant_change` for a change in the family (today unless `occurred_on` says when);
    `extra` may name the child the change is about."""
    significant_change.send(
        sender=announce,
        case=case,
        kind=kind,
        occurred_on=occurred_on or clock.today(),
        description=description,
        actor=actor,
        **extra,
    )
