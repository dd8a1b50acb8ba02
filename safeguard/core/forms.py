"""GOV.UK form rendering and fields for messy real-world input.

Every form renders through our own templates (templates/forms/), which emit GOV.UK Design
System markup: label, hint, inline error with "Error:" prefix, and the error summary.
"""

import datetime
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.forms.utils import pretty_name

from . import clock, concurrency
from .validation import is_key


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"


class GovukDateWidget(forms.MultiWidget):
    """Three boxes (day, month, year) as the GOV.UK date input pattern."""

    template_name = "forms/widgets/govuk_date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                    "maxlength": 2,
                }
            ),
            "month": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                    "maxlength": 2,
                }
            ),
            "year": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                    "maxlength": 4,
                }
            ),
        }
        super().__init__(widgets, attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        invalid = bool(attrs and attrs.pop("aria-invalid", None))
        context = super().get_context(name, value, attrs)
        if invalid:
            for sub in context["widget"]["subwidgets"]:
                sub["attrs"]["class"] = sub["attrs"].get("class", "") + " govuk-input--error"
        return context

    def decompress(self, value: Any) -> list[int | None]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with GOV.UK error messages.

    Accepts month names and abbreviations ("3", "03", "Mar", "march") and strips spaces.
    """

    widget = GovukDateWidget

    MONTHS = {
        m.lower(): i
        for i, m in enumerate(
            [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ],
            start=1,
        )
    }

    def __init__(self, *, past_only: bool = False, future_only: bool = False, **kwargs: Any) -> None:
        self.past_only = past_only
        self.future_only = future_only
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def _label(self) -> str:
        return str(self.label or "Date")

    def clean(self, value: Any) -> datetime.date | None:
        parts = [str(v or "").strip() for v in (value or ["", "", ""])]
        if not any(parts):
            if self.required:
                raise ValidationError(f"Enter {self._label().lower()}", code="required")
            return None
        missing = [name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part]
        if missing:
            raise ValidationError(f"{self._label()} must include a {' and '.join(missing)}", code="incomplete")
        day_text, month_text, year_text = parts
        month_key = month_text.lower()
        month_number = None
        if re.fullmatch(r"\d{1,2}", month_text):
            month_number = int(month_text)
        else:
            for name, number in self.MONTHS.items():
                if len(month_key) >= 3 and name.startswith(month_key):
                    month_number = number
        if not re.fullmatch(r"\d{1,2}", day_text) or month_number is None or not re.fullmatch(r"\d{4}", year_text):
            raise ValidationError(f"{self._label()} must be a real date", code="invalid")
        try:
            result = datetime.date(int(year_text), month_number, int(day_text))
        except ValueError:
            raise ValidationError(f"{self._label()} must be a real date", code="invalid") from None
        if result.year < 1900:
            raise ValidationError(f"{self._label()} must be after 1900", code="invalid")
        if self.past_only and result > clock.today():
            raise ValidationError(f"{self._label()} must be today or in the past", code="future")
        if self.future_only and result < clock.today():
            raise ValidationError(f"{self._label()} must be today or in the future", code="past")
        return result

    def compress(self, data_list: Any) -> Any:  # pragma: no cover - clean() does the work
        return data_list


class GovukMessagesMixin:
    """GOV.UK error messages for required fields: "Select …" for choices, "Enter …" for typed answers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if "required" in field.error_messages and str(field.error_messages["required"]) == "This field is required.":
                label = str(field.label or pretty_name(name))
                label = label[0].lower() + label[1:] if label[:2] != label[:2].upper() else label
                field.error_messages["required"] = f"{'Select' if _choosing(field) else 'Enter'} {label.rstrip('?')}"


class GovukRevealsMixin:
    """GOV.UK conditional reveals: `reveals = {"question": {"answer": ("detail", ...)}}` shows each
    detail field under that answer's radio (hidden until it is chosen, shown without JavaScript)."""

    reveals: dict[str, dict[str, tuple[str, ...]]] = {}

    def revealed_under(self, name: str, value: Any) -> list[Any]:
        names = self.reveals.get(name, {}).get(str(value), ())
        return [self[n] for n in names if n in self.fields]  # type: ignore[attr-defined,index]

    @property
    def revealed_names(self) -> set[str]:
        return {n for answers in self.reveals.values() for names in answers.values() for n in names}


class GovukSectionsMixin:
    """A long form in parts: `sections` names each part's heading and its fields, in order; a form
    without sections shows its fields as declared."""

    sections: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def section_fields(self) -> list[tuple[str, list[Any]]]:
        return [(heading, [self[name] for name in names]) for heading, names in self.sections]  # type: ignore[index]


class RecordsField(forms.ModelMultipleChoiceField):
    """Tick boxes choosing records (children, adults): an id that could not name a record, however
    typed in, is an invalid choice like any other, not a database error."""

    widget = forms.CheckboxSelectMultiple

    def _check_values(self, value: Any) -> Any:
        for key in value if isinstance(value, (list, tuple)) else ():
            text = str(key).strip()
            if not is_key(text):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text[:20]})
        return super()._check_values(value)  # type: ignore[misc]  # not in the stubs


class GovukForm(GovukRevealsMixin, GovukSectionsMixin, GovukMessagesMixin, forms.Form):
    """A plain form rendered with GOV.UK markup."""

    def answers(self) -> dict[str, Any]:
        """What the user answered, as the service takes it (a form may reshape its fields)."""
        return dict(self.cleaned_data)


def _choosing(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Select | forms.RadioSelect | forms.CheckboxSelectMultiple)


class GovukModelForm(GovukRevealsMixin, GovukSectionsMixin, GovukMessagesMixin, forms.ModelForm):
    """A model form rendered with GOV.UK markup; date fields become three-box dates.

    A new record's radios, selects and tick boxes start empty: a model's default ("not known", "no")
    is what the record holds when nobody was asked, never an answer to show as given. Only what the
    view passes as `initial` (a fact already on file) starts chosen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding and hasattr(self.instance, "version"):
            concurrency.carry_version(self, self.instance)
        if self.instance._state.adding:
            given = kwargs.get("initial") or {}
            for name, field in self.fields.items():
                if _choosing(field) and name not in given:
                    self.initial.pop(name, None)
                    field.initial = None
                    if type(field.widget) is forms.Select and isinstance(field, forms.TypedChoiceField):
                        choices = list(field.choices)  # type: ignore[arg-type] # a model field's own list (records have an empty label)
                        if choices and choices[0][0] != "":
                            field.choices = [("", "Select an answer"), *choices]

    def answers(self) -> dict[str, Any]:
        """What the user answered: the model's own fields (see `model_values`)."""
        return model_values(self)

    @classmethod
    def date_field(cls, **kwargs: Any) -> GovukDateField:
        return GovukDateField(**kwargs)


def normalise_name(value: str) -> str:
    """Trim, collapse inner whitespace and tidy quotes: names from real people are messy."""
    value = (value or "").replace("\u2019", "'").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", value).strip()


def name_key(value: str) -> str:
    """Lower-case search key of a name: letters and digits only (O'Neil, o neil and ONEIL match)."""
    decomposed = unicodedata.normalize("NFKD", normalise_name(value).lower())
    return re.sub(r"[^0-9a-z]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def model_values(form: forms.BaseForm) -> dict[str, Any]:
    """The cleaned values of a model form's own fields (`Meta.fields`), to pass to a service."""
    fields = form.Meta.fields  # type: ignore[attr-defined]
    return {name: form.cleaned_data[name] for name in fields if name in form.cleaned_data}


class ChaseForm(GovukForm):
    """A chase of a reply that has not come: when, how, to whom, and what was said."""

    chased_on = GovukDateField(label="Date chased", past_only=True)
    method = forms.ChoiceField(
        label="How did you chase?", choices=(), widget=forms.RadioSelect, error_messages={"required": "Select how you chased"}
    )
    spoke_to = forms.CharField(label="Who did you chase?", max_length=200, required=False)
    note = forms.CharField(label="What was said", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, methods: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = methods  # type: ignore[attr-defined]


def needed_if(field: forms.Field, condition: str) -> forms.Field:
    """A field the form requires only when another answer calls for it (checked in the form's
    `clean`): it is not marked "(optional)", and its hint (unless it has one) says when it is needed."""
    field.needed_if = condition  # type: ignore[attr-defined]
    field.help_text = field.help_text or f"Needed if {condition}"
    return field


def _required(message: str | bool, kwargs: dict[str, Any]) -> dict[str, Any]:
    """Optional unless `required`: a message saying what to do when it is left empty (GOV.UK), or
    True for the form's own "Select …"/"Enter …" message."""
    if isinstance(message, str) and message:
        kwargs.setdefault("error_messages", {})["required"] = message
    elif not message:
        kwargs.setdefault("required", False)
    return kwargs


def radios(label: str, choices: Any, *, required: str | bool = "", **kwargs: Any) -> forms.ChoiceField:
    """GOV.UK radios. `required` is the message when none is chosen; without it, none may be chosen."""
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, **_required(required, kwargs))


def checkboxes(label: str, choices: Any, *, required: str | bool = "", **kwargs: Any) -> forms.MultipleChoiceField:
    """GOV.UK checkboxes. `required` is the message when none is ticked; without it, none may be."""
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, **_required(required, kwargs)
    )


def text_area(label: str, *, rows: int = 3, required: str | bool = "", **kwargs: Any) -> forms.CharField:
    """A GOV.UK textarea for free text in the person's own words."""
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": rows}), **_required(required, kwargs))
