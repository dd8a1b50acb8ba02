"""The questions of the meetings pages. Nothing starts answered, no date starts filled in; the
services check what only they can (children on the case, dates in order)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django import forms

from safeguard.cases.forms import KeyContactChoice, OffersKeyContacts
from safeguard.cases.models import Case
from safeguard.core.forms import GovukDateField, GovukForm, GovukModelForm, RecordsField, needed_if, radios, text_area
from safeguard.people.forms import yes_no_field
from safeguard.people.models import Child, CPCategory, CSCStatus

from .models import Meeting, MeetingAction, ReportStatement
from .selectors import ReportSection

CONVENED_BY_NEEDED = "Enter the agency that called the meeting"


def _convened_by(**kwargs: Any) -> forms.CharField:
    return forms.CharField(label="Convening agency", max_length=200, error_messages={"required": CONVENED_BY_NEEDED}, **kwargs)


class MeetingForm(OffersKeyContacts):
    """A meeting to record. Its chair may be chosen from the case's key contacts; then the chair's
    organisation is the convening agency unless another is entered."""

    kind = radios("What kind of meeting is it?", Meeting.Kind.choices, required="Select the kind of meeting")
    children = RecordsField(
        queryset=Child.objects.none(),
        label="Which children is it about?",
        error_messages={"required": "Choose the child or children the meeting is about"},
    )
    convened_by = _convened_by()
    chair_chosen = KeyContactChoice(
        fills="chair",
        label="Chair",
        typed_label="Or type the chair’s name",
        words=lambda contact: contact.name,
        also={"convened_by": lambda contact: contact.organisation},
        help_text="Choose one of the case’s key contacts, or type the name below. "
        "If you leave the convening agency empty, it is the chair’s organisation",
    )
    chair = forms.CharField(label="Chair", max_length=200, required=False)
    held_on = GovukDateField(label="Date of the meeting")
    starts_at = forms.TimeField(
        label="Time",
        required=False,
        help_text="For example 14:30 (24-hour clock)",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "numeric"}),
        error_messages={"invalid": "Enter the time like 14:30"},
    )
    place = forms.CharField(label="Place", max_length=200, required=False)
    invited_on = GovukDateField(
        label="Date the invitation was received", required=False, past_only=True, help_text="Leave empty if none has come"
    )

    field_order = ["kind", "children", "chair_chosen", "chair", "convened_by"]

    def __init__(self, *args: Any, case: Case, children: Iterable[Child], **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        self.fields["children"].queryset = Child.objects.filter(pk__in=[c.pk for c in children])  # type: ignore[attr-defined]
        if self.key_contact_choices:
            # Answered by the chair chosen, when it is left empty: needed only after that.
            self.fields["convened_by"].required = False
            needed_if(self.fields["convened_by"], "you do not choose the chair from the key contacts")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chair_refused = "chair_chosen" in self.chosen_contacts and "chair" in self.errors  # it did not fill the agency
        if not (data.get("convened_by") or "").strip() and "convened_by" not in self.errors and not chair_refused:
            self.add_error("convened_by", CONVENED_BY_NEEDED)
        return data


class MeetingDetailsForm(GovukModelForm):
    """Correct when and where a meeting is, and record the invitation once it comes; the questions
    are those of `MeetingForm`, the answers on file start filled in."""

    convened_by = _convened_by()
    chair = MeetingForm.base_fields["chair"]
    held_on = MeetingForm.base_fields["held_on"]
    starts_at = MeetingForm.base_fields["starts_at"]
    place = MeetingForm.base_fields["place"]
    invited_on = MeetingForm.base_fields["invited_on"]

    class Meta:
        model = Meeting
        fields = ["convened_by", "chair", "held_on", "starts_at", "place", "invited_on"]


class AttendanceForm(GovukForm):
    attendance = radios(
        "Did anyone from probation attend?", Meeting.Attendance.choices, required="Select whether anyone from probation attended"
    )
    attended_by = needed_if(forms.CharField(label="Who attended?", max_length=200, required=False), "someone attended")
    absence_reason = needed_if(text_area("Why did nobody attend?"), "nobody attended")
    absence_agreed = needed_if(
        yes_no_field("Was it agreed with the line manager?", required=False, empty_value=None), "nobody attended"
    )
    reveals = {
        "attendance": {
            Meeting.Attendance.ATTENDED: ("attended_by",),
            Meeting.Attendance.NOT_ATTENDED: ("absence_reason", "absence_agreed"),
        }
    }


# The statuses a child may have once a plan ends (what the conference decided).
AFTER_A_PLAN = [(value, label) for value, label in CSCStatus.choices if value != CSCStatus.CHILD_PROTECTION_PLAN]


def status_after_field(required: str | bool = "") -> forms.ChoiceField:
    return radios("What is the children's social-care status now?", AFTER_A_PLAN, required=required)


class DecisionForm(GovukForm):
    plan_made = yes_no_field(
        "Were the children made subject to a child-protection plan (or did the plan continue)?",
        if_yes="the children were made subject to a child-protection plan",
    )
    plan_category = needed_if(radios("Category of the plan", CPCategory.choices), "the children were made subject to a plan")
    status_after = needed_if(status_after_field(), "a review conference ended the plan")
    reveals = {"plan_made": {"True": ("plan_category",), "False": ("status_after",)}}


class PlanEndForm(GovukForm):
    plan_ended_on = GovukDateField(label="Date the plan ended", past_only=True)
    status_after = status_after_field(required="Select the children's social-care status now the plan has ended")


class ReportForm(GovukForm):
    report_submitted_on = GovukDateField(label="Date the written report was sent", past_only=True)


class MinutesForm(GovukForm):
    minutes_received_on = GovukDateField(label="Date the minutes were received", past_only=True)


class MinutesCheckForm(GovukForm):
    minutes_checked_on = GovukDateField(label="Date the minutes were checked", past_only=True)
    minutes_accurate = yes_no_field("Are the minutes accurate, the action points included?", if_yes="the minutes are accurate")
    minutes_correction = needed_if(
        text_area("What correction did you ask the chair for?", rows=4), "the minutes are not accurate"
    )
    reveals = {"minutes_accurate": {"False": ("minutes_correction",)}}


class ProtectionPlanForm(GovukForm):
    children = RecordsField(
        queryset=Child.objects.none(),
        label="Which children does the plan cover?",
        error_messages={"required": "Choose the child or children the plan covers"},
    )
    made_on = GovukDateField(label="Date of the plan", past_only=True)
    category = radios("Category of the plan", CPCategory.choices, required="Select the category of the plan")
    received_on = GovukDateField(label="Date the copy was received", past_only=True)
    probation_role = text_area(
        "What is probation's role in the plan?",
        rows=5,
        required="Enter probation's role in the plan",
        help_text="In your words: what probation will do and when, as the plan says. "
        "If the plan gives probation no role, say so.",
    )

    def __init__(self, *args: Any, children: Iterable[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = Child.objects.filter(pk__in=[c.pk for c in children])  # type: ignore[attr-defined]


class RiskPlanSharedForm(GovukForm):
    shared_on = GovukDateField(label="Date the risk-management plan was shared", past_only=True)
    shared_with = forms.CharField(
        label="Social worker it was shared with",
        max_length=200,
        error_messages={"required": "Enter the social worker it was shared with"},
    )


class ActionForm(GovukForm):
    description = text_area("The action", required="Enter the action")
    owner_agency = forms.CharField(
        label="Agency that owns it", max_length=200, error_messages={"required": "Enter the agency that owns the action"}
    )
    probation_owns = yes_no_field("Does probation own it?", if_yes="probation owns the action")
    due_on = GovukDateField(label="Date due", required=False)


class DoneForm(GovukForm):
    outcome = radios("Was the action done?", MeetingAction.Outcome.choices, required="Select whether the action was done")
    not_done_reason = needed_if(text_area("Why was it not done?", rows=4), "it was not done")
    done_on = GovukDateField(label="Date", past_only=True, help_text="When it was done, or when it was decided it would not be")
    reveals = {"outcome": {MeetingAction.Outcome.NOT_DONE: ("not_done_reason",)}}


class ReportEditForm(GovukForm):
    """Every statement of a written report: its words and whether it is a fact, an observation, an
    allegation or an opinion (none chosen until the officer chooses); and, for each section, room for a
    new statement. A basis may be left unchosen while the report is being written; the report cannot
    be sent until every statement has one (`services.report_submitted`)."""

    def __init__(self, *args: Any, sections: Sequence[ReportSection], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[ReportSection, list[tuple[int, int, Any, Any]], tuple[Any, Any]]] = []
        number = 0
        for section in sections:
            rows = []
            for statement in section.statements:
                number += 1
                self.fields[f"text_{statement.pk}"] = text_area(
                    f"Statement {number}", rows=3, required=f"Enter statement {number}, or remove it", initial=statement.text
                )
                self.fields[f"basis_{statement.pk}"] = needed_if(
                    radios(
                        f"Is statement {number} a fact, an observation, an allegation or an opinion?",
                        ReportStatement.Basis.choices,
                        initial=statement.basis or None,
                    ),
                    "the report is to be sent",
                )
                rows.append((number, statement.pk, self[f"text_{statement.pk}"], self[f"basis_{statement.pk}"]))
            heading = section.heading[0].lower() + section.heading[1:]
            self.fields[f"new_{section.value}"] = text_area(f"Add a statement: {heading}", rows=3)
            self.fields[f"new_{section.value}_basis"] = radios(
                f"Is the new statement on {heading} a fact, an observation, an allegation or an opinion?",
                ReportStatement.Basis.choices,
            )
            self.groups.append((section, rows, (self[f"new_{section.value}"], self[f"new_{section.value}_basis"])))
        self.statement_ids = [s.pk for section in sections for s in section.statements]
        self.section_values = [section.value for section in sections]

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "statements": {pk: {"text": data[f"text_{pk}"], "basis": data[f"basis_{pk}"]} for pk in self.statement_ids},
            "added": {
                value: {"text": data[f"new_{value}"], "basis": data[f"new_{value}_basis"]} for value in self.section_values
            },
        }
