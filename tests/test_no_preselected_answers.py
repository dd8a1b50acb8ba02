"""No question that records a safeguarding fact or a person's decision starts answered.

Walks the URL resolver and opens every page of the product, on a case with one record of every kind,
as the case holder, the line manager, the information officer and the safeguarding lead; in every form
that saves something (method POST), a checked radio or checkbox, or a selected option with a value, is
an answer nobody gave, and so is a date already filled in (when something was sent, asked or
decided is a fact the officer gives), unless it is one of the deliberate exceptions below (each says why) or the page
edits a record, where it shows what was said. New pages are scanned the day they are added.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from safeguard.testing import every_kind_of_record

# Pages that show a record as it was saved (the values are what someone said), not a new question.
EDITS = {
    "order_edit",
    "service_user_edit",
    "child_edit",
    "child_address",
    "child_link_edit",
    "adult_edit",
    "allocate",
    "meeting_details",
    "entry_amend",  # an amendment starts from what the entry says now
    "key_contact_change",
    "objective_change",  # a change starts from what the objective says now
}

# (page name, field): pre-set on purpose, from a fact already on file, and why.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("new", "allocation-team"): "a case opens in its creator's team unless they choose another; who holds it starts empty",
    ("checklist_new", "order"): "the checklist is about the case's current order, as recorded",
    ("child_status_add", "local_authority"): "the council responsible for the child, from their recorded address",
    ("referral_new", "local_authority"): "the council responsible for the children, from their recorded addresses",
}


class _Forms(HTMLParser):
    """Collects (form method, field name, value) for every checked input and selected option."""

    def __init__(self) -> None:
        super().__init__()
        self.method = ""
        self.select = ""
        self.first_option: str | None = None  # the value a browser sends when no option is selected
        self.any_selected = False
        self.answered: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self.method = (a.get("method") or "get").lower()
        elif tag == "select":
            self.select, self.first_option, self.any_selected = a.get("name") or "", None, False
        elif tag == "input" and a.get("type") in ("radio", "checkbox") and "checked" in a:
            self.answered.append((self.method, a.get("name") or "", a.get("value") or ""))
        elif tag == "input" and re.search(r"_(day|month|year)$", a.get("name") or "") and a.get("value"):
            self.answered.append((self.method, a.get("name") or "", a.get("value") or ""))  # a date filled in
        elif tag == "option":
            if self.first_option is None:
                self.first_option = a.get("value") or ""
            if "selected" in a:
                self.any_selected = True
                if a.get("value"):
                    self.answered.append((self.method, self.select, a.get("value") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.method = ""
        elif tag == "select" and not self.any_selected and self.first_option:
            self.answered.append((self.method, self.select, self.first_option))  # chosen by the browser


def answered_in(html: str) -> list[tuple[str, str]]:
    """(field, value) pre-answered in the page's forms that save something."""
    parser = _Forms()
    parser.feed(html)
    return [(name, value) for method, name, value in parser.answered if method == "post"]


def test_the_scanner_sees_a_checked_radio_and_a_selected_option():
    html = (
        '<form method="post"><input type="radio" name="a" value="no" checked>'
        '<select name="b"><option value="">Choose</option><option value="x" selected>X</option></select>'
        '<select name="c"><option value="y">Y</option><option value="z">Z</option></select>'
        '<select name="d"><option value="">Choose</option><option value="w">W</option></select>'
        '<input type="text" name="sent_on_day" value="23"><input type="text" name="sent_on_month" value=""></form>'
        '<form method="get"><input type="radio" name="scope" value="mine" checked></form>'
    )
    assert answered_in(html) == [("a", "no"), ("b", "x"), ("c", "y"), ("sent_on_day", "23")]


def page_routes() -> list[tuple[str, str]]:
    found = []

    def walk(patterns: list, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                if not route.startswith("admin/"):
                    walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and not route.startswith(("^", "static/", "media/", "accounts/")):
                found.append((route, entry.name or ""))

    walk(get_resolver().url_patterns, "")
    return found


@pytest.mark.parametrize("username", ["officer1", "manager1", "info1", "lead1"])
def test_no_form_in_the_product_starts_with_an_answer(client, world, make_case, username):
    case = make_case(children=1, adults=1)
    ids = every_kind_of_record(case, officer=world["officer1"], lead=world["lead1"]) | {"pk": case.pk}
    client.force_login(world[username])
    found = []
    for route, name in page_routes():
        if name in EDITS:
            continue
        path = "/" + re.sub(r"<int:(\w+)>", lambda m: str(ids[m[1]]), route)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for field, value in answered_in(response.content.decode()):
            if (name, field) not in EXCEPTIONS:
                found.append(f"{path} ({name}): {field}={value}")
    assert not found, "answers nobody gave:\n" + "\n".join(found)


QUESTION_COPIED = re.compile(
    r"^(Select|Enter) ((how|what|which|who|when|where|why) (is|are|was|were|do|does|did|can|will|should)\b"
    r"|(does|do|did|is|are|was|were|has|have|can|needs|known|poses|domestic-abuse marker)\b)",
    re.IGNORECASE,
)
GENERIC = {"Select yes or no", "This field is required.", "Select an answer", "Enter an answer", "Select a valid choice."}


def error_messages(html: str) -> list[str]:
    summary = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', html, re.S)
    return (
        [re.sub(r"<[^>]+>|\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", summary[1], re.S)] if summary else []
    )


def test_the_message_reader_reads_the_error_summary():
    html = '<ul class="govuk-list govuk-error-summary__list"><li><a href="#x">Enter the date</a></li></ul>'
    assert error_messages(html) == ["Enter the date"]
    assert QUESTION_COPIED.match("Select how was it sent") and not QUESTION_COPIED.match("Select how it was sent")


def test_every_error_message_names_its_question(client, world, make_case):
    """Every form that saves something, sent empty: each message in the error summary says which
    question it is about, in GOV.UK words ("Select yes if …", "Enter the date …"), never the
    question copied after "Select", and no two alike on one page."""
    case = make_case(children=1, adults=1)
    ids = every_kind_of_record(case, officer=world["officer1"], lead=world["lead1"]) | {"pk": case.pk}
    client.force_login(world["lead1"])
    found, pages = [], 0
    for route, _ in page_routes():
        path = "/" + re.sub(r"<int:(\w+)>", lambda m: str(ids[m[1]]), route)
        page = client.get(path)
        if page.status_code != 200 or "text/html" not in page["Content-Type"] or 'method="post"' not in page.content.decode():
            continue
        messages = error_messages(client.post(path, {"csrfmiddlewaretoken": "sent by every browser"}).content.decode())
        pages += bool(messages)
        for message in messages:
            if message in GENERIC or QUESTION_COPIED.match(message):
                found.append(f"{path}: {message}")
        found += [f"{path}: twice: {m}" for m in {m for m in messages if messages.count(m) > 1}]
    assert pages > 25, f"only {pages} forms answered an empty POST with errors"
    assert not found, "messages that do not name their question:\n" + "\n".join(sorted(set(found)))


def test_a_field_the_form_requires_is_never_marked_optional(client, world, make_case):
    """Every form sent empty: no question that then has an error says "(optional)"; and the fields a
    form needs only after another answer (the checklist's details, a status's start date, a child's
    date of birth) are not marked optional either."""
    case = make_case(children=1, adults=1)
    ids = every_kind_of_record(case, officer=world["officer1"], lead=world["lead1"]) | {"pk": case.pk}
    client.force_login(world["lead1"])
    found = []
    for route, _ in page_routes():
        path = "/" + re.sub(r"<int:(\w+)>", lambda m: str(ids[m[1]]), route)
        response = client.post(path, {"csrfmiddlewaretoken": "sent by every browser"})
        if "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for group in re.findall(r'govuk-form-group--error"(.*?)</(?:label|legend)>', html, re.S):
            if "(optional)" in group:
                label = re.sub(r"<[^>]+>|\s+", " ", group.split(">", 1)[1]).strip()
                found.append(f"{path}: {label}")
    checklist = client.get(f"/cases/{case.pk}/checks/checklist/new/").content.decode()
    child = client.get(f"/cases/{case.pk}/children/add/").content.decode()
    status = client.get(f"/cases/{case.pk}/children/{ids['child_id']}/status/add/").content.decode()
    for page, label in [(checklist, "Give details"), (child, "Date of birth"), (status, "Since")]:
        assert re.search(rf">\s*{label}\s*<", page), f"{label} is marked optional or missing"
    assert not found, "required but marked optional:\n" + "\n".join(found)
