"""The one question of the transfers pages: when and how a unit was told. Nothing starts answered."""

from safeguard.core.forms import GovukDateField, GovukForm, radios

from .models import HandoverNotice


class NoticeForm(GovukForm):
    informed_on = GovukDateField(label="When did you tell them?", past_only=True, help_text="For example, 27 11 2026")
    how = radios("How did you tell them?", HandoverNotice.How.choices, required="Select how you told them")
