from typing import Any

from django import forms
from django.db.models import QuerySet

from safeguard.accounts.models import Team, User
from safeguard.core.forms import GovukDateField, GovukForm, GovukModelForm, radios

from .models import EndReason, KeyContact, Order


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        roles = ", ".join(obj.role_names)
        return f"{obj} ({obj.team or 'no team'}{' – ' + roles if roles else ''})"


class AllocationForm(GovukForm):
    team = forms.ModelChoiceField(
        queryset=Team.objects.select_related("area"), empty_label="Select a team", error_messages={"required": "Select the team"}
    )
    case_holder = StaffChoiceField(queryset=User.objects.none(), required=False, empty_label="Not yet allocated")
    line_manager = StaffChoiceField(queryset=User.objects.none(), required=False, empty_label="The team's line manager")
    reason = forms.CharField(label="Reason for the change", max_length=200, required=False)

    def __init__(self, *args: Any, teams: QuerySet[Team] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        staff = User.objects.filter(is_active=True, team__in=self.fields["team"].queryset).select_related("team")  # type: ignore[attr-defined]
        self.fields["case_holder"].queryset = staff.prefetch_related("groups")  # type: ignore[attr-defined]
        self.fields["line_manager"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True, managed_teams__in=self.fields["team"].queryset)  # type: ignore[attr-defined]
            .distinct()
            .select_related("team")
            .prefetch_related("groups")
        )


class NewCaseAllocationForm(AllocationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["reason"]


class OrderForm(GovukModelForm):
    class Meta:
        model = Order
        fields = ["stage", "order_type", "start_date", "expected_end_date", "offence", "requirements"]
        field_classes = {"start_date": GovukDateField, "expected_end_date": GovukDateField}
        widgets = {"stage": forms.RadioSelect, "order_type": forms.RadioSelect, "requirements": forms.Textarea(attrs={"rows": 3})}


class CaseSearchForm(GovukForm):
    q = forms.CharField(
        label="Search by name, CRN, PNC number or date of birth",
        required=False,
        max_length=100,
        help_text="For example SMITH, John or John Smith, part of a CRN or PNC number like X1234, or a date of birth like 27 March 1990 or 27/03/90",
    )
    scope = forms.ChoiceField(
        choices=[("mine", "My cases"), ("all", "All cases I can see")], required=False, widget=forms.RadioSelect
    )


class EndOrderForm(GovukForm):
    ended_on = GovukDateField(label="Date the order ended", past_only=True)
    end_reason = radios("Why did it end?", EndReason.choices, required="Select why the order ended")


class CloseCaseForm(GovukForm):
    closed_on = GovukDateField(label="Date the case closed", past_only=True)
    close_reason = radios("Why is the case closing?", EndReason.choices, required="Select why the case is closing")


class PrisonCoordinatorForm(GovukModelForm):
    """The prison's child-protection co-ordinator and when they were contacted (West Mercia 2.4). No
    date is filled in: when they were contacted is the officer's to give."""

    contacted_on = GovukDateField(label="Date you contacted them", past_only=True, help_text="For example, 27 3 2026")

    class Meta:
        model = KeyContact
        fields = ["organisation", "name", "contact_details", "contacted_on"]
        labels = {"organisation": "Prison", "name": "Co-ordinator’s name"}
        help_texts = {"organisation": "For example, HMP Hewell"}
        error_messages = {
            "organisation": {"required": "Enter the name of the prison"},
            "name": {"required": "Enter the co-ordinator’s name"},
            "contact_details": {"required": "Enter a phone number or email address for the co-ordinator"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.kind = KeyContact.Kind.PRISON_CP_COORDINATOR
