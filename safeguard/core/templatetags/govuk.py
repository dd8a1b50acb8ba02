"""Template helpers for GOV.UK markup: widgets with the right classes, error summary, tags."""

from django import template
from django.utils.html import format_html

register = template.Library()

INPUT_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "number": "govuk-input govuk-input--width-5",
    "password": "govuk-input govuk-input--width-20",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-select": "govuk-select--error",
    "govuk-textarea": "govuk-textarea--error",
}


@register.simple_tag
def govuk_widget(field):
    attrs = {}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described and field.widget_type != "govukdate":
        attrs["aria-describedby"] = " ".join(described)
    base = INPUT_CLASSES.get(field.widget_type)
    if base:
        existing = field.field.widget.attrs.get("class", "")
        classes = f"{base} {existing}".strip()
        if field.errors:
            classes += " " + ERROR_CLASSES.get(base.split()[0], "")
        attrs["class"] = classes.strip()
    return field.as_widget(attrs=attrs)


@register.filter
def choice_count(field) -> int:
    return len([c for c in field.field.choices if c[0] != ""])


@register.filter
def first_input_id(field) -> str:
    if field.widget_type == "govukdate":
        return f"{field.auto_id}_0"  # MultiWidget numbers its inputs: _0 is the day
    if field.widget_type in ("radioselect", "checkboxselectmultiple"):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.inclusion_tag("forms/error_summary.html")
def error_summary(*forms):
    flat = []
    for item in forms:
        flat.extend(item if isinstance(item, list | tuple) else [item])
    return {"forms_with_errors": [f for f in flat if f is not None and getattr(f, "errors", None)]}


@register.simple_tag(takes_context=True)
def page_title(context, title: str) -> str:
    """Page title with the GOV.UK "Error: " prefix when a form on the page has errors."""
    candidates = []
    for key, value in context.flatten().items():
        if key.endswith("form"):
            candidates.append(value)
        elif key == "forms" and isinstance(value, list | tuple):
            candidates.extend(value)
    has_error = any(getattr(f, "is_bound", False) and f.errors for f in candidates)
    service = context.get("service_name", "Safeguard")
    return f"{'Error: ' if has_error else ''}{title} - {service}"


TAG_COLOURS = {
    "poses a risk": "red",
    "high": "red",
    "very high": "red",
    "child-protection plan": "red",
    "overdue": "red",
    "looked after": "orange",
    "child in need": "yellow",
    "early help": "blue",
    "protective factor": "green",
    "medium": "yellow",
    "low": "green",
    "not known": "grey",
    "unborn": "purple",
    "18 or over": "grey",
    "closed": "grey",
    "open": "green",
    "escalated": "red",
    "due soon": "yellow",
    "to do": "blue",
    "awaiting reply": "grey",
    "draft": "grey",
    "sent": "blue",
    "answered": "green",
    "withdrawn": "grey",
    "known": "orange",
    "no trace": "green",
    "resolved": "green",
    "not resolved": "red",
    "acknowledged": "green",
    "answered on time": "green",
    "answered late": "yellow",
    "answered on time; disputed, awaiting decision": "orange",
    "answered late; disputed, awaiting decision": "orange",
}


@register.simple_tag
def status_tag(text) -> str:
    """A GOV.UK tag; the words always carry the meaning, the colour only supports it."""
    text = str(text or "Not known")
    colour = TAG_COLOURS.get(text.lower(), "grey")
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


@register.filter
def govuk_date(value) -> str:
    return value.strftime("%-d %B %Y") if value else ""
