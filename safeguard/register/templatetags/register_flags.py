"""Warning flags, derived from registrations: shown wherever the person appears, in words on focus."""

from django import template
from django.utils.html import format_html, format_html_join

from safeguard.register.models import CHILD_FLAG, SERVICE_USER_FLAGS, Category

register = template.Library()

FLAG_HTML = (
    '<span class="sg-flag" tabindex="0" data-meaning="{1}"><strong class="govuk-tag govuk-tag--{2}">{0}</strong>'
    '<span class="govuk-visually-hidden">: {1}</span></span> '
)


@register.simple_tag
def service_user_flags(registrations) -> str:
    """Flags for a service user from their case's active registrations (prefetched as active_registrations)."""
    seen, items = set(), []
    for registration in registrations or []:
        if registration.category in seen:
            continue
        seen.add(registration.category)
        label, meaning = SERVICE_USER_FLAGS[Category(registration.category)]
        colour = "orange" if registration.category == Category.LINKED_CHILD else "red"
        items.append((label, f"{meaning} Flagged {registration.registered_on:%d/%m/%Y}.", colour))
    return format_html_join("", FLAG_HTML, items)


@register.simple_tag
def child_flag(child, flagged_ids) -> str:
    """'Child at risk' for a child named in an active registration."""
    if child is None or child.pk not in (flagged_ids or {}):
        return ""
    label, meaning = CHILD_FLAG
    since = flagged_ids[child.pk] if isinstance(flagged_ids, dict) else None
    when = f" Flagged {since:%d/%m/%Y}." if since else ""
    return format_html(FLAG_HTML, label, meaning + when, "red")


@register.filter
def listify(value) -> list:
    return [value]
