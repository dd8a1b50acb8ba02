"""Signals that let other parts of Safeguard react to changes in a family without people/ knowing them."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal

from safeguard.core import clock

# Sent inside the transaction of a change that may call for a fresh check (HMIP 2014 2.4) or a
# register review (West Mercia 5.2), with one argument: `change`, a FamilyChange (kind is
# "new_child", "pregnancy", "new_partner", "change_of_address", "release", "order_ended", "plan_ended",
# "rosh_change", "case_closed", ...). Receivers take `(sender, *, change, **kwargs)`.
significant_change = Signal()


@dataclass(frozen=True)
class FamilyChange:
    """What `significant_change` carries: a change in a family, on a case (or on every case of `child`)."""

    kind: str
    case: Any
    actor: Any
    occurred_on: datetime.date
    description: str
    child: Any = None


def announce(
    kind: str, *, case: Any, actor: Any, description: str, occurred_on: datetime.date | None = None, child: Any = None
) -> None:
    """Send `significant_change` for a change in the family (today unless `occurred_on` says when)."""
    change = FamilyChange(kind, case, actor, occurred_on or clock.today(), description, child)
    significant_change.send(sender=FamilyChange, change=change)
