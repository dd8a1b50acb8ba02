"""The questions of the sentence plan. A new objective starts empty; changing one starts from what it
says now. Ending one asks whether it was achieved or is no longer needed, neither chosen."""

from collections.abc import Sequence
from typing import Any

from safeguard.core.forms import GovukDateField, GovukForm, RecordsField, radios, text_area
from safeguard.people.models import Child

from .models import Objective


class ObjectiveForm(GovukForm):
    work = text_area(
        "What will you do?",
        rows=4,
        required="Enter what you will do",
        help_text="The work you will do with the service user or the family, with whom, how often, and for which children",
    )
    informing = text_area(
        "How will children’s social care be kept informed?",
        rows=3,
        required="Enter how children’s social care will be kept informed",
        help_text="Who you will tell, how and when: for example, email the social worker after each home visit",
    )
    children = RecordsField(queryset=Child.objects.none(), label="Which children is it about?", required=False)
    review_on = GovukDateField(label="Next review date", future_only=True, help_text="For example, 27 3 2027")

    def __init__(self, *args: Any, children: Sequence[Child], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["children"]
        field.queryset = Child.objects.filter(pk__in=[child.pk for child in children])  # type: ignore[attr-defined]
        if not children:
            del self.fields["children"]


class ProgressForm(GovukForm):
    written_on = GovukDateField(label="Date", past_only=True)
    text = text_area("Progress", rows=5, required="Enter the progress", help_text="What has been done, in your own words")


class ReviewForm(GovukForm):
    written_on = GovukDateField(label="Date of the review", past_only=True)
    text = text_area(
        "What did the review find?",
        rows=5,
        required="Enter what the review found",
        help_text="What has been done, what has changed for the children, and whether the objective still fits",
    )
    next_review_on = GovukDateField(label="Next review date", future_only=True)


class EndForm(GovukForm):
    status = radios(
        "Why is the objective ending?",
        [(value, label) for value, label in Objective.Status.choices if value != Objective.Status.ACTIVE],
        required="Select whether the objective was achieved or is no longer needed",
    )
    ended_on = GovukDateField(label="Date it ended", past_only=True)
    end_reason = text_area("What happened?", rows=4, required="Enter why the objective ended")


def objective_initial(objective: Objective) -> dict[str, Any]:
    return {
        "work": objective.work,
        "informing": objective.informing,
        "children": list(objective.children.all()),
        "review_on": objective.review_on,
    }
