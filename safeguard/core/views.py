from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import concurrency, registry, submissions


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and monitoring (no login)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in" on the timeout warning: a request is activity (core.middleware notes it)."""
    return HttpResponse(status=204)


def attach_errors(forms: Sequence[django_forms.BaseForm | None], exc: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names; the rest become form errors."""
    present = [f for f in forms if f is not None]
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = next((f for f in present if field in f.fields), None)
            for error in errors:
                if target is not None:
                    target.add_error(field, error)
                else:
                    present[0].add_error(None, error)
    else:
        for message in exc.messages:
            present[0].add_error(None, message)


def save_forms(forms: Sequence[django_forms.BaseForm | None], save: Callable[[], Any]) -> Any:
    """Validate every form, then run `save` in one transaction: all saved, or nothing and errors shown.

    Returns what `save` returned, or None when something was invalid.
    """
    present = [f for f in forms if f is not None]
    # A list, not a generator: every form is validated so every error is shown at once.
    if not all([f.is_valid() for f in present]):  # noqa: C419
        return None
    versions = {key: version for f in present for key, version in concurrency.opened_at(f).items()}
    try:
        with concurrency.expecting(versions), transaction.atomic():
            return save()
    except ValidationError as exc:
        attach_errors(present, exc)
        return None


def question_page(
    request: HttpRequest,
    case: Any,
    forms: Sequence[django_forms.BaseForm],
    save: Callable[[], Any] | None = None,
    *,
    service: Callable[..., Any] | None = None,
    title: str,
    submit: str,
    done: str | Callable[[Any], str],
    then: str | Callable[[Any], str] | None = None,
    tab: str = "",
    template: str = "layouts/form_page.html",
    **extra: Any,
) -> HttpResponse:
    """A question page under a case, the whole GOV.UK flow: on GET the forms; on POST every form is
    validated and `save` runs in one transaction (`save_forms`); if it saved, a success banner saying
    `done` and a redirect to `then` (each may be worked out from what `save` returned); if not,
    the page again with the errors, nothing saved.

    The page (`layouts/form_page.html`) has the error summary, the heading, the forms, the button and
    `service`, the usual way to save, is called with the actor, the case and every form's `answers()`
    (bind the record a page is about with `functools.partial`); `save` is for anything else.

    Cancel, which goes where `then` would (or to the case). A page that lays its form out itself gives
    its own `template` extending that layout; it gets the first form as `form`.

    The page sits under its app's case tab (the tab whose URL is in the app's namespace, else the
    first, the overview) unless it names another `tab`; `then` defaults to that tab."""
    if service is not None:  # the usual case: the service takes the actor, the case and the answers
        save = partial(_call_with_answers, service, forms, actor=request.user, case=case)
    assert save is not None, "a question page saves through `service` or `save`"
    current = case_tab(request, tab)
    if then is None:
        then = reverse(current.url_name, args=[case.pk])
    conflict: list[concurrency.Change] = []
    if request.method == "POST":
        repeated = submissions.already_saved(request)
        if repeated is not None:
            return repeated
        try:
            saved = save_forms(forms, submissions.once(request, save, then))
        except IntegrityError:
            earlier = submissions.done_before(request)  # the same form, sent again at the same moment
            if earlier is not None:
                return redirect(earlier)
            saved = None  # a record saved at the same moment by someone else (a database rule refused this one)
            forms[0].add_error(
                None, "This was not saved: something saved at the same moment conflicts with it. Check the case and try again"
            )
        except concurrency.StaleEdit as stale:
            saved = None
            for form in forms:
                if stale.key in concurrency.opened_at(form):
                    conflict += concurrency.reopen(form)
            conflict = conflict or [concurrency.Change("This record", "Changed", "Not saved")]
        if saved is not None:
            messages.success(request, done(saved) if callable(done) else done)
            return redirect(then(saved) if callable(then) else then)
    cancel = then if isinstance(then, str) else case.get_absolute_url()
    context = {"case": case, "forms": list(forms), "form": forms[0], "title": title, "submit": submit, "tab": current.key}
    context |= {"conflict": conflict, "submission": submissions.token_for(request)}
    return render(request, template, {**context, "cancel": cancel, **extra})


def _call_with_answers(service: Callable[..., Any], forms: Sequence[Any], **context: Any) -> Any:
    answers: dict[str, Any] = {}
    for form in forms:
        answers.update(form.answers())
    return service(**context, **answers)


def case_tab(request: HttpRequest, key: str = "") -> registry.CaseTab:
    """The case tab named `key`, or else the one of the app serving the request, or else the first tab
    (the case's overview)."""
    tabs = registry.case_tabs()
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    return (
        next((t for t in tabs if t.key == key), None)
        or next((t for t in tabs if not key and t.url_name.partition(":")[0] == namespace), None)
        or tabs[0]
    )


def safe_back(request: HttpRequest) -> str:
    """The page the user came from, when a link said so (`?back=/my-work/`): only a path on this
    site, never another host, a scheme or a protocol-relative address (no open redirect); else ""."""
    back = request.GET.get("back", "")
    if (
        back.startswith("/")
        and not back.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    ):
        return back
    return ""


def case_back_url(request: HttpRequest, case: Any, tab_key: str = "") -> str:
    """Where a case page's back link goes: where the user came from (`safe_back`); else, from a page
    under a case tab (a question page, a record), that tab; from a tab itself, the case list."""
    back = safe_back(request)
    if back:
        return back
    tab_url = reverse(case_tab(request, tab_key).url_name, args=[case.pk])
    tab_urls = {reverse(t.url_name, args=[case.pk]) for t in registry.case_tabs()}
    return reverse("cases:list") if request.path in tab_urls or request.path == tab_url else tab_url


def button_action(request: HttpRequest, action: Callable[[], Any], *, done: str, then: str) -> HttpResponse:
    """A button that does one thing (withdraw a draft, countersign, lift a hold): a refusal from the
    service is shown as an error message, not a page of its own; either way, back to `then`."""
    try:
        with transaction.atomic():
            action()
        messages.success(request, done)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(then)


def paginate(request: HttpRequest, items: Any, per_page: int, *, count: int | None = None) -> tuple[Page, str]:
    """The page asked for (a bad number gives the nearest page) and the query string without `page`
    and `format`, for the links of the one pagination include (`pagination.html`). `count`, when the
    caller has already counted, saves counting again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # type: ignore[misc]  # a cached_property, set to skip a second COUNT
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return page, query.urlencode()


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The same page for a missing record and one the user may not see (existence never leaks)."""
    return render(request, "404.html", status=404)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", {"reason": str(exception or "")}, status=403)
