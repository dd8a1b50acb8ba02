"""The child-protection objectives of a case's sentence plan (West Mercia 2.1-2.2; HMIP 2002 55: only
24% of plans held SMART objectives about child protection; Jersey review: work plans that said no
more than "liaison with Children Service").

An `Objective` says what the officer will do and how children's social care will be kept informed,
which children it is about, and when it is next reviewed; it ends as achieved or no longer needed,
with the day and the reason. Its wording is checked by `wording.py` (the service refuses an
objective that says no more than "liaise with children's services").

A `ProgressEntry` is written once and never changed or deleted (only lawful erasure scrubs its text):
progress in the officer's words, and, when it is a review, the next review date it set.
"""

from django.db import models

from safeguard.core.models import Rewritten, TrackedModel, WrittenOnce


class EntryWritten(Rewritten):
    """Raised when something tries to change or delete a progress entry."""


class Objective(TrackedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ACHIEVED = "achieved", "Achieved"
        NO_LONGER_NEEDED = "no_longer_needed", "No longer needed"

    ENDED = (Status.ACHIEVED, Status.NO_LONGER_NEEDED)

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="plan_objectives")
    work = models.TextField("what the officer will do")
    informing = models.TextField("how children's social care will be kept informed")
    children = models.ManyToManyField("people.Child", blank=True, related_name="plan_objectives")
    review_on = models.DateField("next review date")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    ended_on = models.DateField("date ended", null=True, blank=True)
    end_reason = models.TextField("why it ended", blank=True)

    class Meta:
        verbose_name = "child-protection objective"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "status"], name="plan_objective_case_idx")]

    def __str__(self) -> str:
        words = " ".join(self.work.split())
        return words if len(words) <= 60 else words[:57].rstrip() + "…"

    @property
    def active(self) -> bool:
        return self.status == self.Status.ACTIVE


class ProgressEntry(WrittenOnce):
    REWRITTEN = EntryWritten
    ADD_INSTEAD = "add another"

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="progress")
    written_on = models.DateField("date")
    text = models.TextField("progress")
    # Set when the entry is a review of the objective: the review date it set.
    next_review_on = models.DateField("next review date", null=True, blank=True)

    class Meta:
        verbose_name = "progress entry"
        verbose_name_plural = "progress entries"
        ordering = ["-written_on", "-id"]

    def __str__(self) -> str:
        what = "Review" if self.is_review else "Progress"
        return f"{what}, {self.written_on:%d/%m/%Y}"

    @property
    def is_review(self) -> bool:
        return self.next_review_on is not None
