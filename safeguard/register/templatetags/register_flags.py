"""The flag a registration gives, for the register's own pages."""

from django import template

from safeguard.core.registry import Flag
from safeguard.register.flags import registration_flag
from safeguard.register.models import Registration

register = template.Library()


@register.filter
def registration_flags(registration: Registration) -> list[Flag]:
    return [registration_flag(registration)]
