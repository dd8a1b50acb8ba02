"""Pages of the case record under a case: the timeline (the Record tab), an entry and its versions,
writing and amending an entry, a manager's decision, and the disclosure bundle."""

from functools import partial

from django.conf import settings
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from safeguard.accounts.http import AuthenticatedRequest
from safeguard.cases.models import Case, KeyContact
from safeguard.cases.selectors import current_key_contacts
from safeguard.core import clock
from safeguard.core.access import case_view, get_case_record, log_access
from safeguard.core.exports import csv_download
from safeguard.core.models import AccessLog
from safeguard.core.pdf import pdf_response, print_context
from safeguard.core.views import paginate, question_page, safe_back
from safeguard.people.models import OtherAdult
from safeguard.people.selectors import children_of

from . import disclosure, selectors, services
from .access import may_read
from .forms import AmendForm, DecisionForm, DisclosureForm, EntryForm, SearchForm
from .models import ContactEntry, Disclosure, ManagerDecision, Section

DEFAULT_PAGE_SIZE = 25


def _page_size() -> int:
    return int(settings.SAFEGUARD.get("TIMELINE_PAGE_SIZE", DEFAULT_PAGE_SIZE))


def _people(case: Case, entry: ContactEntry | None = None) -> dict:
    """Who an entry may be with: the case's key contacts still involved (and, when amending, the one
    the entry names even if no longer involved), its children and other adults."""
    contacts = current_key_contacts(case)
    if entry is not None and entry.key_contact_id:
        contacts = contacts | KeyContact.objects.filter(pk=entry.key_contact_id)
    return {
        "key_contacts": list(contacts.order_by("name", "pk")),
        "children": children_of(case.service_user),
        "adults": list(
            OtherAdult.objects.filter(service_user_links__service_user=case.service_user).order_by("last_name", "first_name")
        ),
    }


@case_view("record/", name="timeline")
def timeline(request: AuthenticatedRequest, case: Case) -> HttpResponseBase:
    """The case's one timeline, newest first, narrowed by the filters."""
    children = children_of(case.service_user)
    form = SearchForm(
        request.GET or None,
        kinds=selectors.kinds(),
        sections=selectors.sections_for(request.user, case),
        children=children,
        contacts=KeyContact.objects.filter(case=case).order_by("name", "pk"),  # ended ones too: old entries name them
    )
    filters = selectors.Filters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.Filters(
            kind=data.get("kind") or "",
            section=data.get("section") or "",
            child=data.get("child"),
            contact=data.get("contact"),
            since=data.get("since"),
            until=data.get("until"),
            words=(data.get("words") or "").strip(),
        )
    found = selectors.timeline(case, request.user, filters)
    if request.GET.get("format") == "csv":
        return csv_download(
            f"record-{case.service_user.crn}-{clock.today():%Y-%m-%d}.csv", selectors.CSV_COLUMNS, selectors.csv_rows(found)
        )
    page, query = paginate(request, found, _page_size())
    return render(
        request,
        "record/timeline.html",
        {
            "case": case,
            "tab": "record",
            "form": form,
            "filters": filters,
            "page": page,
            "query": query,
            "restricted": Section.RESTRICTED,
        },
    )


@case_view("record/new/", name="entry_new", change=True, perm="record.add_contactentry")
def entry_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = EntryForm(request.POST or None, **_people(case))
    return question_page(
        request,
        case,
        [form],
        service=services.entry_add,
        title="Write a contact entry",
        submit="Save entry",
        done="Contact entry saved",
        then=lambda entry: reverse("record:entry", args=[case.pk, entry.pk]),
    )


@case_view("record/entries/<int:entry_id>/", name="entry")
def entry_detail(request: AuthenticatedRequest, case: Case, entry_id: int) -> HttpResponse:
    """An entry with every version, the latest first (each with who wrote it, when and why)."""
    entry = get_case_record(request, case, selectors.readable_entries(case, request.user), entry_id)
    versions = selectors.versions(entry)
    return render(
        request,
        "record/entry.html",
        {"case": case, "tab": "record", "entry": versions[0], "versions": versions, "shown": entry},
    )


@case_view("record/entries/<int:entry_id>/amend/", name="entry_amend", change=True, perm="record.add_contactentry")
def entry_amend(request: AuthenticatedRequest, case: Case, entry_id: int) -> HttpResponse:
    entry = get_case_record(request, case, selectors.readable_entries(case, request.user).filter(current=True), entry_id)
    form = AmendForm(request.POST or None, initial=EntryForm.initial_from(entry), **_people(case, entry))
    return question_page(
        request,
        case,
        [form],
        service=partial(services.entry_amend, entry=entry),
        title=f"Amend: {entry}",
        submit="Save amendment",
        done="Amendment saved: the earlier version is kept",
        then=lambda version: reverse("record:entry", args=[case.pk, version.pk]),
    )


@case_view("record/decisions/new/", name="decision_new", change=True, perm="record.record_decision")
def decision_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    form = DecisionForm(request.POST or None, children=children_of(case.service_user))
    return question_page(
        request,
        case,
        [form],
        service=services.decision_record,
        title="Record a manager's decision",
        submit="Save decision",
        done="Manager's decision recorded",
        then=lambda decision: reverse("record:decision", args=[case.pk, decision.pk]),
    )


@case_view("record/decisions/<int:decision_id>/", name="decision")
def decision_detail(request: AuthenticatedRequest, case: Case, decision_id: int) -> HttpResponse:
    queryset = ManagerDecision.objects.filter(may_read(request.user, case)).select_related("manager", "officer")
    decision = get_case_record(request, case, queryset, decision_id)
    return render(
        request,
        "record/decision.html",
        {"case": case, "tab": "record", "decision": decision, "children": decision.children.all()},
    )


@case_view("record/disclosure/new/", name="disclosure_new", change=True, perm="record.produce_disclosure")
def disclosure_new(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """Asks who asked for the file, when, and in what form; produces it (the same whoever produces
    it), logs it, and goes to the logged bundle, which downloads the PDF or shows the page to print."""
    form = DisclosureForm(request.POST or None)
    return question_page(
        request,
        case,
        [form],
        service=services.disclosure_produce,
        title="Produce the file for the service user",
        submit="Produce the file",
        done="File produced for the service user: it is logged on the case",
        then=lambda logged: reverse("record:disclosure", args=[case.pk, logged.pk]),
        template="record/disclosure_new.html",
        cancel=reverse("record:timeline", args=[case.pk]),
    )


@case_view("record/disclosure/<int:disclosure_id>/", name="disclosure", change=True, perm="record.produce_disclosure")
@require_GET
def disclosure_bundle(request: AuthenticatedRequest, case: Case, disclosure_id: int) -> HttpResponse:
    """A logged disclosure, produced again as it was given (the record as it stood when it was
    produced): the PDF as a download, or the page to print. Each copy made is in the access log."""
    logged = get_case_record(request, case, Disclosure.objects.select_related("produced_by"), disclosure_id)
    context = print_context(case) | {"disclosure": logged, "bundle": disclosure.bundle(case, logged.produced_at)}
    log_access(
        request,
        user=request.user,
        object_type="record.Disclosure",
        object_id=logged.pk,
        outcome=AccessLog.Outcome.GRANTED,
        reason=f"disclosure bundle of case {case.pk} produced as {logged.get_format_display()}",
    )
    if logged.format == Disclosure.Format.PDF:
        local = timezone.localtime(logged.produced_at)
        filename = f"record-{case.service_user.crn or case.pk}-{local:%Y-%m-%d-%H%M}"
        return pdf_response("record/print/disclosure.html", context, filename)
    back = safe_back(request) or reverse("record:disclosures", args=[case.pk])
    return render(request, "record/print/disclosure.html", context | {"back_url": back})


@case_view("record/disclosures/", name="disclosures", perm="record.produce_disclosure")
def disclosures(request: AuthenticatedRequest, case: Case) -> HttpResponse:
    """Every file produced for the service user: who produced it, when, for whom, what it withheld."""
    logged = Disclosure.objects.filter(case=case).select_related("produced_by").order_by("-produced_at", "-pk")
    page, query = paginate(request, logged, _page_size())
    context = {"case": case, "tab": "record", "page": page, "query": query}
    return render(request, "record/disclosures.html", context | {"rows": disclosure.summaries(page.object_list)})
