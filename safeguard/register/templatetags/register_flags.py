"""The flag a registration gives, for the register's own pages."""

from django import template

from safeguard.core.registry import Flag
from safeguard.register.flags import registration_flag
from safeguard.register.models import SERVICE_USER_FLAGS, Registration

register = template.Library()


@register.filter
def registration_flags(registration: Registration) -> list[Flag]:
    return [registration_flag(registration)]


@register.filter
def other_flags(registration: Registration) -> list[Flag]:
    """The case's flags from elsewhere (a meeting not on record, a plan not on file), after those
    of its registrations, which the row shows by category."""
    own = {label for label, _ in SERVICE_USER_FLAGS.values()}
    return [flag for flag in getattr(registration.case, "flags", []) if flag.label not in own]
