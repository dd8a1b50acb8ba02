from typing import Any

from django import forms
from django.db.models import QuerySet

from safeguard.accounts.models import LocalAuthority, Team, User
from safeguard.core.forms import GovukForm

from . import outstanding


class DashboardFilterForm(GovukForm):
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False, empty_label="All teams")
    officer = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="All officers", help_text="Case holder"
    )
    local_authority = forms.ModelChoiceField(
        queryset=LocalAuthority.objects.filter(active=True),
        required=False,
        empty_label="All councils",
        label="Council",
        help_text="Where the service user or one of their children lives",
    )
    kind = forms.ChoiceField(choices=[("", "Every kind")], required=False, label="Kind of step")
    status = forms.ChoiceField(choices=list(outstanding.STATUS_WORDS.items()), required=False, label="Status")

    def __init__(self, *args: Any, teams: QuerySet[Team], officers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["officer"].queryset = officers  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", "Every kind"), *((kind.key, kind.label) for kind in outstanding.kinds())]  # type: ignore[attr-defined]

    def filters(self) -> outstanding.Filters:
        data = self.cleaned_data
        return outstanding.Filters(
            team=data.get("team"),
            officer=data.get("officer"),
            local_authority=data.get("local_authority"),
            kind=outstanding.kind_named(data.get("kind") or ""),
            status=data.get("status") or outstanding.ALL,
        )
