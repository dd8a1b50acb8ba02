"""Template helpers for GOV.UK markup: widgets with the right classes, error summary, tags, summary
list rows, and the parts every app plugs into through the registry (navigation, case tabs, flags)."""

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import Any, cast

from django import template
from django.template.context import Context, RequestContext
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from safeguard.core import registry

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
def govuk_widget(field: Any) -> SafeString:
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
def minutes(duration: datetime.timedelta | None) -> int:
    """A duration in whole minutes, rounded up (a lock of 29 min 10 s says 30)."""
    return -(-int(duration.total_seconds()) // 60) if duration else 0


@register.filter
def adds_to(detail: str, fact: str) -> bool:
    """Whether a step's detail says more than its fact: not when every part of it ("Ruby Bishop,
    Alfie Bishop"; "Sent 04/11/2026") is already in the fact, ignoring case."""
    said = fact.lower()
    parts = [part.strip() for part in re.split(r"[;,]", detail or "") if part.strip()]
    return any(part.lower() not in said for part in parts)


@register.filter
def choice_count(field: Any) -> int:
    return len([c for c in field.field.choices if c[0] != ""])


@register.filter
def revealed(field: Any, value: Any) -> list[Any]:
    """The detail fields shown under this answer of the question (GOV.UK conditional reveal)."""
    under = getattr(field.form, "revealed_under", None)
    return under(field.name, value) if under else []


@register.filter
def is_revealed(field: Any) -> bool:
    """Whether the field is shown under an answer of another question, not on its own."""
    return field.name in getattr(field.form, "revealed_names", set())


@register.filter
def reveals_any(field: Any) -> bool:
    return bool(getattr(field.form, "reveals", {}).get(field.name))


@register.filter
def first_input_id(field: Any) -> str:
    if field.widget_type == "govukdate":
        return f"{field.auto_id}_0"  # MultiWidget numbers its inputs: _0 is the day
    if field.widget_type in ("radioselect", "checkboxselectmultiple"):
        return f"{field.auto_id}_0"
    return field.id_for_label or field.auto_id


@register.inclusion_tag("forms/error_summary.html")
def error_summary(*forms: Any) -> dict[str, Any]:
    flat: list[Any] = []
    for item in forms:
        flat.extend(item if isinstance(item, list | tuple) else [item])
    return {"forms_with_errors": [f for f in flat if f is not None and getattr(f, "errors", None)]}


@register.simple_tag(takes_context=True)
def page_title(context: Context, title: str) -> str:
    """Page title with the GOV.UK "Error: " prefix when a form on the page has errors, or the save met
    someone else's change (`core.concurrency`)."""
    candidates: list[Any] = []
    for key, value in cast(dict[str, Any], context.flatten()).items():  # variable names to any values
        if key.endswith("form"):
            candidates.append(value)
        elif key == "forms" and isinstance(value, list | tuple):
            candidates.extend(value)
    has_error = bool(context.get("conflict")) or any(getattr(f, "is_bound", False) and f.errors for f in candidates)
    service = context.get("service_name", "Safeguard")
    return f"{'Error: ' if has_error else ''}{title} - {service}"


@register.simple_tag
def status_tag(text: object) -> SafeString:
    """A GOV.UK tag; the words always carry the meaning, the colour only supports it."""
    text = str(text or "Not known")
    colour = registry.tag_colours().get(text.lower(), "grey")
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, text)


@register.filter
def govuk_date(value: Any) -> str:
    return value.strftime("%-d %B %Y") if value else ""


FLAG_HTML = (
    '<span class="sg-flag" tabindex="0" data-meaning="{1}"><strong class="govuk-tag govuk-tag--{2}">{0}</strong>'
    '<span class="govuk-visually-hidden">: {1}</span></span> '
)


@register.simple_tag
def flags(items: Iterable[registry.Flag] | None) -> SafeString:
    """Warning flags, each explained in words on hover and focus (and to screen readers)."""
    rows = []
    for flag in items or ():
        meaning = flag.meaning + (f" Flagged {flag.since:%d/%m/%Y}." if flag.since else "")
        rows.append((flag.label, meaning, flag.colour))
    return format_html_join("", FLAG_HTML, rows)


@register.filter
def flags_of(by_id: Mapping[int, list[registry.Flag]] | None, obj: Any) -> list[registry.Flag]:
    """The flags of `obj` in a mapping by id: `{% flags o.child_flags|flags_of:child %}`."""
    return list((by_id or {}).get(getattr(obj, "pk", obj), []))


@register.inclusion_tag("includes/service_navigation.html", takes_context=True)
def service_navigation(context: RequestContext) -> dict[str, Any]:
    """The pages of the service every installed app declares, those the user may use, the current one marked."""
    request = context.request  # not context["request"]: a page may name something else "request"
    user = request.user
    items = []
    for item in registry.nav_items():
        if item.permission and not user.has_perm(item.permission):
            continue
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "current": request.path.startswith(url)})
    return {"items": items, "is_staff": user.is_staff}


@register.simple_tag(takes_context=True)
def case_back_link(context: RequestContext, case: Any, tab: str = "") -> SafeString:
    """The back link of a page under a case (`core.views.case_back_url`)."""
    from safeguard.core.views import case_back_url

    return format_html('<a href="{}" class="govuk-back-link">Back</a>', case_back_url(context.request, case, tab))


@register.inclusion_tag("includes/case_tabs.html", takes_context=True)
def case_tabs(context: RequestContext, case: Any, current: str = "") -> dict[str, Any]:
    """The case's tabs, as every installed app declares them (MoJ sub-navigation)."""
    user = context.request.user
    tabs = [
        {"label": tab.label, "url": reverse(tab.url_name, args=[case.pk]), "current": tab.key == current}
        for tab in registry.case_tabs()
        if not tab.permission or user.has_perm(tab.permission)
    ]
    return {"tabs": tabs}


class SummaryRowNode(template.Node):
    def __init__(self, key: Any, options: dict[str, Any], body: template.NodeList) -> None:
        self.key, self.options, self.body = key, options, body

    def render(self, context: Context) -> str:
        values = {name: value.resolve(context) for name, value in self.options.items()}
        row = {
            "key": self.key.resolve(context),
            "value": mark_safe(self.body.render(context).strip()),  # noqa: S308  # rendered, so already escaped
            "url": values.get("url") or "",
            # A row in a list whose other rows have actions keeps the column: GOV.UK's --no-actions.
            "in_list_with_actions": "url" in self.options,
            "action": values.get("action") or "Change",
        }
        row["label"] = values.get("label") or str(row["key"]).lower()
        return render_to_string("includes/summary_row.html", row)


@register.tag
def summary_row(parser: template.base.Parser, token: template.base.Token) -> SummaryRowNode:
    """One row of a GOV.UK summary list; its value is the tag's body:

        {% summary_row "Aliases" url=alias_url label="an alias" action="Add" %}...{% endsummary_row %}

    The action link (when `url` is given and not empty) names what it changes for screen readers; in a
    list where some rows have actions, give `url` on every row (empty where there is none)."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("summary_row needs the row's key")
    key = parser.compile_filter(bits[1])
    options = template.base.token_kwargs(bits[2:], parser)
    if len(options) != len(bits) - 2 or set(options) - {"url", "label", "action"}:
        raise template.TemplateSyntaxError("summary_row takes url=, label= and action= only")
    body = parser.parse(("endsummary_row",))
    parser.delete_first_token()
    return SummaryRowNode(key, options, body)


@register.simple_tag(takes_context=True)
def task_items(context: Context, tasks: Iterable[Any], show_case: bool = False, list_id: str = "tasks") -> SafeString:
    """The items of a GOV.UK task list of outstanding steps (`checks/task_list.html`), built here
    rather than by template tags: lists of 50 steps are on every officer's pages. Each links to where
    it is done (from a list of many cases, with the way back), except on that page itself; its hint
    says when it is due, why (the fact and the rule), and its status in words."""
    from urllib.parse import quote

    from django.utils.text import Truncator

    request = context.get("request")
    path = getattr(request, "path", "")
    back = quote(path, safe="/")
    rules_url = reverse("oversight:rules")
    items = []
    for n, task in enumerate(tasks, start=1):
        ids = f"{list_id}-{n}"
        linked = task.url != path
        who = f"{task.case.service_user.full_name} ({task.case.service_user.crn}): " if show_case else ""
        if linked:
            href = task.url + (("&" if "?" in task.url else "?") + f"back={back}" if show_case else "")
            name = format_html(
                '<a class="govuk-link govuk-task-list__link" href="{}" aria-describedby="{}-hint {}-status">{}{}</a>',
                href,
                ids,
                ids,
                who,
                task.title,
            )
        else:
            name = format_html("<div>{}{}</div>", who, task.title)
        when = [f"Due {govuk_date(task.due_on)}"] if task.due_on else []
        if task.chases:
            when.append(f" · chased {task.chases} time{'s' if task.chases != 1 else ''}")
        if task.escalate_on and task.status != "Escalated":
            when.append(f" · escalates {govuk_date(task.escalate_on)}")
        rule = task.why
        detail = (
            format_html("<br>{}", Truncator(task.detail).chars(160)) if task.detail and adds_to(task.detail, task.fact) else ""
        )
        items.append(
            format_html(
                '<li class="govuk-task-list__item{}" data-kind="{}" data-status="{}">\n'
                '    <div class="govuk-task-list__name-and-hint">\n      {}\n'
                '      <div id="{}-hint" class="govuk-task-list__hint">\n'
                '        {}<br>Why: {} <a class="govuk-link" href="{}#{}">Rule<span class="govuk-visually-hidden">: {}</span></a> ({}){}\n'
                "      </div>\n    </div>\n"
                '    <div class="govuk-task-list__status" id="{}-status">{}</div>\n  </li>',
                " govuk-task-list__item--with-link" if linked else "",
                task.kind,
                task.status,
                name,
                ids,
                "".join(when),
                Truncator(task.fact).chars(240),
                rules_url,
                task.rule,
                rule.title,
                rule.source,
                detail,
                ids,
                status_tag(task.status),
            )
        )
    return mark_safe("\n  ".join(items))  # noqa: S308 - each item built by format_html
