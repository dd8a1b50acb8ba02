from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet

from safeguard.accounts.models import Area, Team
from safeguard.core.forms import GovukDateField, GovukForm, RecordsField, text_area
from safeguard.people.models import Child

from .models import Category, EndReason, Review


class RegistrationForm(GovukForm):
    category = forms.ChoiceField(choices=Category.choices, widget=forms.RadioSelect, label="Category")
    children = RecordsField(
        queryset=Child.objects.none(),
        required=False,
        label="Children it concerns",
        help_text="None for a risk to unspecified children",
    )
    trigger_date = GovukDateField(
        label="Date of the trigger", past_only=True, help_text="When the child's plan or the concern became known"
    )
    registered_on = GovukDateField(label="Date of registration", past_only=True)
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, children: Iterable[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = Child.objects.filter(pk__in=[c.pk for c in children])  # type: ignore[attr-defined]


class ReviewForm(GovukForm):
    reviewed_on = GovukDateField(label="Date of the review", past_only=True)
    what_changed = forms.CharField(
        label="What has changed since registration or the last review?", widget=forms.Textarea(attrs={"rows": 4})
    )
    decision = forms.ChoiceField(choices=Review.Decision.choices, widget=forms.RadioSelect, label="Decision")
    new_category = forms.ChoiceField(
        choices=[("", "Not changing")] + list(Category.choices), required=False, label="New category (if changing)"
    )
    children_added = RecordsField(
        queryset=Child.objects.none(),
        required=False,
        label="Children to name in the registration",
        help_text="Children linked to the service user that the registration does not name yet",
    )

    def __init__(self, *args: Any, children: Iterable[Child] = (), **kwargs: Any) -> None:
        """`children`: the case's children the registration could name and does not yet; without any
        the question is not asked."""
        super().__init__(*args, **kwargs)
        ids = [c.pk for c in children]
        if ids:
            self.fields["children_added"].queryset = Child.objects.filter(pk__in=ids)  # type: ignore[attr-defined]
        else:
            del self.fields["children_added"]


class DeregistrationAskForm(GovukForm):
    reason = forms.ChoiceField(
        choices=EndReason.choices,
        widget=forms.RadioSelect,
        label="Why does the registration end?",
        error_messages={"required": "Select why the registration ends"},
    )


class DeregisterForm(GovukForm):
    confirm = forms.BooleanField(
        label="I understand the children's details listed above will be erased and cannot be recovered",
        error_messages={"required": "Confirm that you understand the details will be erased"},
    )


class HoldForm(GovukForm):
    reason = text_area(
        "Reason for the hold",
        required=True,
        help_text="For example: serious case review of the death of a child, panel of 3 March 2027",
    )


class RegisterFilterForm(GovukForm):
    area = forms.ModelChoiceField(queryset=Area.objects.all(), required=False, empty_label="All areas")
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="All teams")
    category = forms.ChoiceField(choices=[("", "All categories"), *Category.choices], required=False)
    review_overdue = forms.BooleanField(label="Only cases whose review is overdue", required=False)

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]


class ReportForm(GovukForm):
    month = forms.RegexField(
        regex=r"^\d{4}-\d{2}$",
        label="Month",
        help_text="For example 2026-11",
        error_messages={"invalid": "Enter the month as YYYY-MM, like 2026-11"},
    )
    area = forms.ModelChoiceField(queryset=Area.objects.all(), required=False, empty_label="All areas")
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="All teams")

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
