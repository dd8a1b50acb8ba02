"""What the reminders have told each person, so each outstanding step is e-mailed once in each state
(due soon, overdue, escalated), never every day (`oversight.reminders`)."""

from django.conf import settings
from django.db import models


class ReminderSent(models.Model):
    """One step, in one state, e-mailed to one person; or a weekly digest (`key` "weekly", `state` the
    ISO week). Rows of steps no longer outstanding are removed, so a step that comes back is sent again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)  # the step's identity (`reminders.step_key`)
    state = models.CharField(max_length=20)
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key", "state"], name="reminder_once_per_state")]

    def __str__(self) -> str:
        return f"{self.key} ({self.state}) to {self.user_id}"
