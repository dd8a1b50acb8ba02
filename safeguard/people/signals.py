"""Signals that let other parts of Safeguard react to changes in a family without people/ knowing them."""

from django.dispatch import Signal

# Sent inside the transaction of a change that may call for a fresh check (HMIP 2014 2.4).
# Arguments: case, kind ("new_child", "new_partner", "change_of_address", "release"), occurred_on,
# description, actor.
significant_change = Signal()
