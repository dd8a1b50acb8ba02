"""The case record (West Mercia 2.5-2.6, 3.4, 5.6, 9.1; HMIP 2002 53-60, 72-74): the contact log,
manager decisions, and the disclosures made to the service user of their own file.

**The contact log is append-only.** A `ContactEntry` row is one version of an entry: the first
version is the entry, and each amendment is a new row that names the first (`entry`), its number,
and the reason for the change; the version it replaces stops being `current` but stays, readable by
whoever may read the entry. A version's content is never saved again (`save` refuses); nothing is
deleted except by lawful erasure, which scrubs the text in place.

**Sections.** Each entry (and each manager decision) belongs to a section: general, *restricted*
(child-protection material not to be disclosed to the service user), *victim*, *third-party*. Who
may read each is the rule in `access.py`; the section is stamped on the audit events too, and the
text never goes into them (`AUDIT_WITHHELD`), so a History page cannot leak what the entry hides.

An entry names the children it mentions (`children`), so lawful erasure finds them: the mention rows
go with the child and the text is scrubbed of their names.
"""

from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from safeguard.core import clock
from safeguard.core.models import Rewritten, WrittenOnce


class ContentChanged(Rewritten):
    """Raised when something tries to save again a version of a contact entry or a decision."""


class Section(models.TextChoices):
    GENERAL = "general", "General"
    RESTRICTED = "restricted", "Restricted: child-protection material"
    VICTIM = "victim", "Victim information"
    THIRD_PARTY = "third_party", "Third-party information"


class Written(WrittenOnce):
    """A record of the case record that, once written, is never written again: amend by adding a new
    version. Its audit events carry its section."""

    AUDIT_WITHHELD: ClassVar[set[str]] = set()
    REWRITTEN = ContentChanged

    class Meta:
        abstract = True

    @property
    def audit_section(self) -> str:
        """The section stamped on this record's audit events (blank for the general section)."""
        section = getattr(self, "section", "")
        return "" if section == Section.GENERAL else section


class ContactEntry(Written):
    """One version of an entry in the contact log."""

    class Kind(models.TextChoices):
        OFFICE = "office", "Office appointment"
        HOME_VISIT = "home_visit", "Home visit"
        PHONE = "phone", "Phone call"
        EMAIL = "email", "Email"
        LETTER = "letter", "Letter"
        VIDEO = "video", "Video call"
        MEETING = "meeting", "Multi-agency meeting"
        SUPERVISION = "supervision", "Management supervision"
        OTHER = "other", "Other"

    class With(models.TextChoices):
        SERVICE_USER = "service_user", "The service user"
        KEY_CONTACT = "key_contact", "A key contact"
        CHILD = "child", "A child"
        ADULT = "adult", "Another adult in the family"
        OTHER = "other", "Someone else"
        NOBODY = "nobody", "Nobody (a note for the record)"

    AUDIT_WITHHELD: ClassVar[set[str]] = {"text", "reason", "with_other"}
    # What an entry says about the contact: what an amendment may change (besides the children named).
    SAID: ClassVar[tuple[str, ...]] = (
        "contact_at",
        "kind",
        "with_whom",
        "key_contact",
        "child",
        "adult",
        "with_other",
        "text",
        "section",
        "not_for_disclosure",
    )

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="contact_entries")
    # The first version of this entry; blank on the first version itself.
    entry = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveIntegerField("version", default=1)
    current = models.BooleanField(default=True)
    contact_at = models.DateTimeField("date and time of the contact")
    kind = models.CharField("type of contact", max_length=16, choices=Kind.choices)
    with_whom = models.CharField("who with", max_length=16, choices=With.choices)
    key_contact = models.ForeignKey("cases.KeyContact", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey("people.Child", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    adult = models.ForeignKey("people.OtherAdult", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    with_other = models.CharField("name and role", max_length=200, blank=True)
    text = models.TextField("what happened")
    section = models.CharField(max_length=12, choices=Section.choices)
    not_for_disclosure = models.BooleanField("not to be disclosed to the service user", default=False)
    children = models.ManyToManyField("people.Child", blank=True, related_name="contact_mentions")
    reason = models.CharField("reason for the amendment", max_length=500, blank=True)

    class Meta:
        verbose_name = "contact entry"
        verbose_name_plural = "contact entries"
        ordering = ["-contact_at", "-id"]
        permissions = [
            ("read_third_party", "Can read third-party information on the cases they see"),
            ("read_restricted", "Can read restricted child-protection material on the cases they manage"),
            ("read_victim", "Can read victim information on the cases they see"),
        ]
        indexes = [
            # The timeline's page: a case's current entries, newest first (partial: versions replaced
            # by an amendment are read only on their entry's page).
            models.Index(fields=["case", "-contact_at", "-id"], condition=Q(current=True), name="contact_current_idx"),
            models.Index(fields=["entry", "number"], name="contact_versions_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="contact_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {timezone.localtime(self.contact_at):%d/%m/%Y %H:%M}"

    @property
    def first_id(self) -> int:
        """The id every version of this entry shares: the first version's."""
        return self.entry_id or self.pk

    @property
    def amended(self) -> bool:
        return self.number > 1

    def changed_from(self, earlier: "ContactEntry") -> list[str]:
        """What this version says differently from an earlier one, by the questions' names."""
        fields = {field.name: field for field in self._meta.concrete_fields}
        changed = [str(fields[name].verbose_name) for name in self.SAID if getattr(self, name) != getattr(earlier, name)]
        if {c.pk for c in self.children.all()} != {c.pk for c in earlier.children.all()}:
            changed.append("children mentioned")
        return changed

    def who(self) -> str:
        """Who the contact was with, in words (the service user by name: read with the case and its
        service user loaded)."""
        if self.with_whom == self.With.SERVICE_USER:
            return self.case.service_user.full_name
        if self.with_whom == self.With.NOBODY:
            return "nobody: a note for the record"
        if self.with_whom == self.With.KEY_CONTACT and self.key_contact_id:
            return str(self.key_contact)
        if self.with_whom == self.With.CHILD and self.child_id:
            return self.child.full_name  # type: ignore[union-attr]
        if self.with_whom == self.With.ADULT and self.adult_id:
            return self.adult.full_name  # type: ignore[union-attr]
        if self.with_whom == self.With.OTHER:
            return self.with_other
        return self.get_with_whom_display().lower()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.contact_at and self.contact_at > clock.now():
            errors["contact_at"] = "The date and time of the contact must be now or in the past"
        needs = {
            self.With.KEY_CONTACT: ("key_contact", self.key_contact_id, "Choose the key contact"),
            self.With.CHILD: ("child", self.child_id, "Choose the child"),
            self.With.ADULT: ("adult", self.adult_id, "Choose the adult"),
            self.With.OTHER: ("with_other", self.with_other.strip(), "Enter the name and role of who it was with"),
        }
        if self.with_whom in needs:
            name, value, message = needs[self.With(self.with_whom)]
            if not value:
                errors[name] = message
        if self.number > 1 and not self.reason.strip():
            errors["reason"] = "Enter the reason for the amendment"
        if errors:
            raise ValidationError(errors)


class ManagerDecision(Written):
    """A line manager's discussion of the case in supervision, or a safeguarding decision made outside
    supervision (West Mercia 5.6: child-protection cases regularly discussed in supervision; HMIP
    2002 72-74: decisions recorded)."""

    class Kind(models.TextChoices):
        SUPERVISION = "supervision", "Discussed in supervision"
        DECISION = "decision", "Safeguarding decision outside supervision"

    AUDIT_WITHHELD: ClassVar[set[str]] = {"discussion", "decision", "guidance"}

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="manager_decisions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    decided_on = models.DateField("date")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    discussion = models.TextField("what was discussed", blank=True)
    decision = models.TextField()
    guidance = models.TextField("guidance to the officer", blank=True)
    section = models.CharField(max_length=12, choices=Section.choices)
    not_for_disclosure = models.BooleanField("not to be disclosed to the service user", default=False)
    children = models.ManyToManyField("people.Child", blank=True, related_name="decision_mentions")

    class Meta:
        ordering = ["-decided_on", "-id"]
        permissions = [("record_decision", "Can record a manager's decision or supervision discussion")]
        indexes = [models.Index(fields=["case", "-decided_on"], name="decision_case_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.decided_on:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        if self.decided_on and self.decided_on > clock.today():
            raise ValidationError({"decided_on": "The date must be today or in the past"})


class Disclosure(Written):
    """A copy of the case record produced for the service user (a subject access request): who
    produced it, when, for whom, and how many items were withheld under each heading.

    The counts stay out of the audit trail (`AUDIT_WITHHELD`): a count of restricted or victim items
    would tell a History reader who may not read those sections that the case has some. They are read
    on the list of disclosures, by those who may produce one."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        HTML = "html", "Web page"

    AUDIT_WITHHELD: ClassVar[set[str]] = {"withheld"}

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="disclosures")
    requested_by = models.CharField("who asked for it", max_length=200)
    requested_on = models.DateField("date of the request")
    produced_at = models.DateTimeField()
    produced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    format = models.CharField(max_length=4, choices=Format.choices)
    disclosed = models.PositiveIntegerField("items disclosed", default=0)
    withheld = models.JSONField("items withheld, by heading", default=dict, blank=True)

    class Meta:
        ordering = ["-produced_at", "-id"]
        permissions = [("produce_disclosure", "Can produce the disclosure bundle of a case")]

    def __str__(self) -> str:
        return f"Disclosure of {timezone.localtime(self.produced_at):%d/%m/%Y %H:%M}"
