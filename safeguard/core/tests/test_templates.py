"""The shared template pieces every app uses: summary rows, forms in sections, the question page's
Cancel, the service navigation, and a case's own history."""

from django import forms
from django.template import Context, Template

from safeguard.checks import services as checks
from safeguard.core.forms import GovukForm
from safeguard.core.models import AuditEvent


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_a_summary_row_with_an_action_names_what_it_changes():
    html = render('{% summary_row "Aliases" url=link label="an alias" action="Add" %}None{% endsummary_row %}', link="/x/")
    assert '<dt class="govuk-summary-list__key">Aliases</dt>' in html
    assert '<dd class="govuk-summary-list__value">None</dd>' in html
    assert '<a class="govuk-link" href="/x/">Add<span class="govuk-visually-hidden"> an alias</span></a>' in html


def test_a_row_without_an_action_in_a_list_with_actions_keeps_the_column():
    html = render('{% summary_row "Date of birth" url="" %}1 May 1985{% endsummary_row %}')
    assert "govuk-summary-list__row--no-actions" in html and "govuk-summary-list__actions" not in html


def test_a_row_in_a_list_without_actions_has_neither():
    html = render('{% summary_row "Sent" %}<b>{{ x }}</b>{% endsummary_row %}', x="<script>")
    assert "--no-actions" not in html and "govuk-summary-list__actions" not in html
    assert "<b>&lt;script&gt;</b>" in html  # the body is rendered (escaped) once, not escaped again


class SectionedForm(GovukForm):
    sections = (("About the child", ("name",)), ("Where", ("town", "council")))
    council = forms.CharField(label="Council")
    name = forms.CharField(label="Name")
    town = forms.CharField(label="Town")


def test_a_form_in_sections_shows_each_heading_before_its_fields():
    html = str(SectionedForm())
    order = [html.index(text) for text in ("About the child", "Name", "Where", "Town", "Council")]
    assert order == sorted(order)
    assert html.count('<h3 class="govuk-heading-m">') == 2


def test_cancel_goes_back_where_the_question_would_lead(client, world, make_case):
    family = make_case(children=1)
    request = checks.requests_prepare(actor=world["officer1"], case=family)[0]
    client.force_login(world["officer1"])
    page = client.get(f"/cases/{family.pk}/checks/requests/{request.pk}/send/").content.decode()
    assert f'href="/cases/{family.pk}/checks/requests/{request.pk}/">Cancel</a>' in page


def test_the_current_page_is_marked_in_the_service_navigation(client, world):
    client.force_login(world["officer1"])
    page = client.get("/my-work/").content.decode()
    assert 'href="/my-work/" aria-current="true"' in page and 'href="/cases/" aria-current' not in page


def test_a_cases_history_shows_its_own_events_only(client, world, make_case):
    mine, other = make_case(last_name="Mine"), make_case(last_name="Other")
    client.force_login(world["lead1"])
    page = client.get(f"/cases/{mine.pk}/history/").content.decode()
    assert "Mine" in page and "Other" not in page.split('id="main-content"')[1]
    assert AuditEvent.objects.filter(case_id=other.pk).exists()


def test_a_steps_detail_shows_only_when_it_says_more_than_its_fact():
    from safeguard.core.templatetags.govuk import adds_to

    assert not adds_to("Ruby Bishop, Alfie Bishop", "Ruby Bishop: looked after; Alfie Bishop: looked after")
    assert not adds_to("", "anything")
    assert adds_to("Referred 12/11/2026: section 47 enquiry wanted", "Referral to Herefordshire made on 12/11/2026")
    assert adds_to("Ask the information officer to de-register", "The last order ended on 23/11/2026")
