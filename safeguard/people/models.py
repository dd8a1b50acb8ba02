"""Service users, children, other adults, their addresses and the links between them."""

import datetime
import re
from collections.abc import Collection
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from safeguard.accounts.models import LocalAuthority
from safeguard.core import clock
from safeguard.core.forms import name_key, normalise_name
from safeguard.core.models import TrackedModel


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    NOT_KNOWN = "not_known", "Not known"


class Ethnicity(models.TextChoices):
    """ONS 2021 census groups (England and Wales)."""

    ASIAN_INDIAN = "A1", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "A2", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "A3", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "A4", "Asian or Asian British: Chinese"
    ASIAN_OTHER = "A9", "Asian or Asian British: any other Asian background"
    BLACK_AFRICAN = "B1", "Black, Black British, Caribbean or African: African"
    BLACK_CARIBBEAN = "B2", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_OTHER = "B9", "Black, Black British, Caribbean or African: any other background"
    MIXED_WBC = "M1", "Mixed or multiple: White and Black Caribbean"
    MIXED_WBA = "M2", "Mixed or multiple: White and Black African"
    MIXED_WA = "M3", "Mixed or multiple: White and Asian"
    MIXED_OTHER = "M9", "Mixed or multiple: any other background"
    WHITE_BRITISH = "W1", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "W2", "White: Irish"
    WHITE_GYPSY = "W3", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "W4", "White: Roma"
    WHITE_OTHER = "W9", "White: any other White background"
    OTHER_ARAB = "O1", "Other ethnic group: Arab"
    OTHER = "O9", "Other ethnic group: any other"
    NOT_STATED = "NS", "Not stated"


class RoshLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    VERY_HIGH = "very_high", "Very high"
    NOT_ASSESSED = "not_assessed", "Not yet assessed"


class MappaLevel(models.TextChoices):
    NONE = "none", "Not MAPPA"
    LEVEL_1 = "1", "Level 1"
    LEVEL_2 = "2", "Level 2"
    LEVEL_3 = "3", "Level 3"


class NamedPerson(TrackedModel):
    """Names as typed (tidied) plus lower-case keys for indexed, punctuation-proof search."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    first_name_key = models.CharField(max_length=100, editable=False, db_index=True)
    last_name_key = models.CharField(max_length=100, editable=False)

    class Meta:
        abstract = True

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        super().clean()
        self.first_name = normalise_name(self.first_name)
        self.last_name = normalise_name(self.last_name)
        if not name_key(self.first_name) and not name_key(self.last_name):
            raise ValidationError({"last_name": "Enter a name that contains letters"})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.first_name_key = name_key(self.first_name)
        self.last_name_key = name_key(self.last_name)
        super().save(*args, **kwargs)


def validate_not_future(value: datetime.date) -> None:
    if value and value > clock.today():
        raise ValidationError("Date of birth must be today or in the past", code="future")


def validate_after_1900(value: datetime.date) -> None:
    if value and value.year < 1900:
        raise ValidationError("Date must be after 1900", code="too_old")


CRN_RE = re.compile(r"^[A-Z]\d{6}$")
PNC_RE = re.compile(r"^(\d{2}|\d{4})/\d{1,7}[A-Z]$")


def normalise_pnc(value: str) -> str:
    """PNC numbers arrive as 2012/123X, 12/0000123x, 2012 123 X: store YYYY/NNNNNNNX."""
    value = re.sub(r"\s+", "", (value or "").upper())
    match = re.fullmatch(r"(\d{2}|\d{4})/?(\d{1,7})([A-Z])", value)
    if not match:
        return value
    year, number, check = match.groups()
    return f"{pnc_year(year)}/{int(number):07d}{check}"


def pnc_year(year: str) -> str:
    """The four-digit year of a PNC number written with two ("12" is 2012, "98" is 1998)."""
    if len(year) == 2:
        return ("20" if int(year) <= clock.today().year % 100 else "19") + year
    return year


class ServiceUser(NamedPerson):
    middle_names = models.CharField(max_length=150, blank=True)
    date_of_birth = models.DateField(validators=[validate_not_future, validate_after_1900], db_index=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, default=Gender.NOT_KNOWN)
    ethnicity = models.CharField(max_length=3, choices=Ethnicity.choices, default=Ethnicity.NOT_STATED)
    first_language = models.CharField(max_length=60, default="English")
    interpreter_required = models.BooleanField(default=False)
    crn = models.CharField(
        "CRN", max_length=7, unique=True, help_text="Case reference number: a letter and six digits, e.g. X123456"
    )
    pnc = models.CharField("PNC number", max_length=13, blank=True, help_text="For example 2012/0123456X")
    rosh_level = models.CharField(
        "risk of serious harm", max_length=14, choices=RoshLevel.choices, default=RoshLevel.NOT_ASSESSED
    )
    mappa_level = models.CharField("MAPPA level", max_length=4, choices=MappaLevel.choices, default=MappaLevel.NONE)
    marac = models.BooleanField("known to MARAC", default=False)
    domestic_abuse = models.BooleanField(
        "domestic-abuse marker", default=False, help_text="Perpetrator or victim of domestic abuse: a police check is required"
    )
    risk_to_unspecified_children = models.BooleanField(
        "poses a risk to children generally",
        default=False,
        help_text="For example after a sexual offence against a child, even where no child is identified",
    )
    risk_to_children_details = models.TextField("details of the risk to children", blank=True)
    # When each marker was last set on the record (by the services, never asked): the steps a
    # marker calls for are timed from it, not from the opening of a case that had none.
    domestic_abuse_marked_on = models.DateField(null=True, blank=True, editable=False)
    risk_to_children_marked_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["last_name_key", "first_name_key"]
        indexes = [
            models.Index(fields=["last_name_key", "first_name_key"], name="su_name_idx"),
            models.Index(fields=["pnc"], name="su_pnc_idx"),
        ]

    def clean(self) -> None:
        super().clean()
        self.crn = (self.crn or "").strip().upper()
        if self.crn and not CRN_RE.match(self.crn):
            raise ValidationError({"crn": "Enter a CRN as a letter followed by six digits, like X123456"})
        self.pnc = normalise_pnc(self.pnc)
        if self.pnc and not PNC_RE.match(self.pnc):
            raise ValidationError({"pnc": "Enter a PNC number like 2012/0123456X"})
        if self.date_of_birth and self.date_of_birth <= clock.today() and clock.age_on(self.date_of_birth) < 10:
            raise ValidationError({"date_of_birth": "A service user must be at least 10 years old"})
        if self.risk_to_unspecified_children and not (self.risk_to_children_details or "").strip():
            raise ValidationError({"risk_to_children_details": "Describe the risk to children"})

    @property
    def age(self) -> int:
        return clock.age_on(self.date_of_birth)


class Alias(NamedPerson):
    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="aliases")
    date_of_birth = models.DateField(null=True, blank=True, validators=[validate_not_future])

    class Meta:
        ordering = ["last_name_key", "first_name_key"]
        verbose_name_plural = "aliases"
        indexes = [models.Index(fields=["last_name_key", "first_name_key"], name="alias_name_idx")]


class Address(TrackedModel):
    line_1 = models.CharField("address line 1", max_length=150)
    line_2 = models.CharField("address line 2", max_length=150, blank=True)
    town = models.CharField("town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    local_authority = models.ForeignKey(
        "accounts.LocalAuthority",
        on_delete=models.PROTECT,
        related_name="addresses",
        help_text="The council for this address: it decides where children's checks are sent",
    )

    class Meta:
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return ", ".join(part for part in [self.line_1, self.line_2, self.town, self.postcode] if part)

    def clean(self) -> None:
        super().clean()
        self.line_1 = normalise_name(self.line_1)
        self.line_2 = normalise_name(self.line_2)
        self.town = normalise_name(self.town)
        compact = re.sub(r"\s+", "", (self.postcode or "").upper())
        if compact:
            if not re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}", compact):
                raise ValidationError({"postcode": "Enter a real postcode, like WR1 2AB"})
            compact = f"{compact[:-3]} {compact[-3:]}"
        self.postcode = compact


class AddressType(models.TextChoices):
    GIVEN = "given", "Given address"
    STAYS = "stays", "Known to stay here"
    APPROVED_PREMISES = "approved_premises", "Approved premises"
    CUSTODY = "custody", "In custody"
    OTHER = "other", "Other"


class ServiceUserAddress(TrackedModel):
    """A service user may have several current addresses: the one given and where they actually stay."""

    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="addresses")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="service_user_uses")
    address_type = models.CharField(max_length=20, choices=AddressType.choices, default=AddressType.GIVEN)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["end_date", "-start_date", "id"]
        indexes = [models.Index(fields=["service_user", "end_date"], name="suaddr_current_idx")]

    def __str__(self) -> str:
        return f"{self.get_address_type_display()}: {self.address}"

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "End date must be on or after the start date"})


def which_address_message(service_user: ServiceUser, who: str) -> str:
    """The GOV.UK error when the service user has several current addresses and none was chosen."""
    lives = "live" if who == "they" else "lives"
    return f"Select which of {service_user.full_name}'s addresses {who} {lives} at"


class CSCStatus(models.TextChoices):
    """Children's social care status (domain.md)."""

    NOT_KNOWN = "not_known", "Not known"
    EARLY_HELP = "early_help", "Early help"
    CHILD_IN_NEED = "child_in_need", "Child in need"
    CHILD_PROTECTION_PLAN = "cpp", "Child-protection plan"
    LOOKED_AFTER = "looked_after", "Looked after"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship"
    ADOPTED = "adopted", "Adopted"
    CLOSED = "closed", "Closed"


# Children's social care is involved with the child now: probation must notify them of its own
# involvement (West Mercia Appendix 1; HMIP 2014 2.11). The one definition of "known to social care".
KNOWN_TO_CSC = frozenset({CSCStatus.CHILD_IN_NEED, CSCStatus.CHILD_PROTECTION_PLAN, CSCStatus.LOOKED_AFTER})

# The child is on a child-protection plan or looked after: a linked service user's case is registered
# (West Mercia 5.1), and the plan ending is a change of circumstances (5.2).
ON_A_PLAN = frozenset({CSCStatus.CHILD_PROTECTION_PLAN, CSCStatus.LOOKED_AFTER})


class CPCategory(models.TextChoices):
    NEGLECT = "neglect", "Neglect"
    PHYSICAL = "physical", "Physical abuse"
    EMOTIONAL = "emotional", "Emotional abuse"
    SEXUAL = "sexual", "Sexual abuse"
    MULTIPLE = "multiple", "Multiple"


class Child(NamedPerson):
    first_name = models.CharField(max_length=100, blank=True, help_text="Leave blank for an unborn child not yet named")
    date_of_birth = models.DateField(null=True, blank=True, validators=[validate_not_future, validate_after_1900], db_index=True)
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, default=Gender.NOT_KNOWN)
    address = models.ForeignKey(Address, null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    school = models.CharField("school or nursery", max_length=150, blank=True)
    local_authority_override = models.ForeignKey(
        "accounts.LocalAuthority",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="responsible local authority (if not the address's)",
        help_text="Only when another authority is responsible, e.g. a looked-after child placed out of area",
    )
    # Current children's social care status, kept in step with the history by the services.
    csc_status = models.CharField(
        "children's social care status", max_length=24, choices=CSCStatus.choices, default=CSCStatus.NOT_KNOWN, db_index=True
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["date_of_birth", "last_name_key", "first_name_key"]
        verbose_name_plural = "children"
        indexes = [models.Index(fields=["last_name_key", "first_name_key"], name="child_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_of_birth__isnull=False) | models.Q(expected_date_of_delivery__isnull=False),
                name="child_has_dob_or_edd",
            )
        ]

    _loaded_dob: datetime.date | None  # the date of birth as read from the database (set by from_db)

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any]) -> Self:
        instance = super().from_db(db, field_names, values)
        instance._loaded_dob = instance.__dict__.get("date_of_birth")
        return instance

    def __str__(self) -> str:
        if self.is_unborn:
            return f"Unborn child of {self.last_name}".strip() if not self.first_name else f"{self.full_name} (unborn)"
        return self.full_name

    def clean(self) -> None:
        if not self.date_of_birth and not self.expected_date_of_delivery:
            raise ValidationError({"date_of_birth": "Enter a date of birth, or an expected date of delivery for an unborn child"})
        if self.date_of_birth and self.expected_date_of_delivery:
            raise ValidationError(
                {"expected_date_of_delivery": "Enter a date of birth or an expected date of delivery, not both"}
            )
        super().clean()
        today = clock.today()
        if self.date_of_birth:
            adding_or_changed = self._state.adding or self.date_of_birth != getattr(self, "_loaded_dob", None)
            if adding_or_changed and clock.age_on(self.date_of_birth, today) >= int(settings.SAFEGUARD["ADULT_AGE"]):
                raise ValidationError({"date_of_birth": "This person is 18 or over: add them as an adult instead"})
        if self.expected_date_of_delivery:
            oldest = today - datetime.timedelta(days=int(settings.SAFEGUARD["EDD_RECENT_PAST_DAYS"]))
            if self.expected_date_of_delivery < oldest:
                raise ValidationError(
                    {"expected_date_of_delivery": "The expected date of delivery has passed: enter the baby's date of birth"}
                )
            if self.expected_date_of_delivery > today + datetime.timedelta(days=300):
                raise ValidationError(
                    {"expected_date_of_delivery": "Expected date of delivery must be within the next 10 months"}
                )

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_delivery is not None

    @property
    def age(self) -> int | None:
        return clock.age_on(self.date_of_birth) if self.date_of_birth else None

    @property
    def is_adult(self) -> bool:
        return self.date_of_birth is not None and clock.age_on(self.date_of_birth) >= int(settings.SAFEGUARD["ADULT_AGE"])

    @property
    def responsible_local_authority(self) -> LocalAuthority | None:
        if self.local_authority_override_id:
            return self.local_authority_override
        return self.address.local_authority if self.address is not None else None


class ChildNameVariant(NamedPerson):
    """Other spellings and names a child is known by (inspections found misspelt names lost checks)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="name_variants")
    note = models.CharField(max_length=150, blank=True)

    class Meta:
        indexes = [models.Index(fields=["last_name_key", "first_name_key"], name="childvariant_name_idx")]


class SocialCareStatus(TrackedModel):
    """One period of a child's status with children's social care."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=24, choices=CSCStatus.choices)
    category = models.CharField("child-protection category", max_length=12, choices=CPCategory.choices, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    local_authority = models.ForeignKey(
        "accounts.LocalAuthority", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    social_worker = models.CharField("social worker", max_length=150, blank=True)
    social_worker_contact = models.CharField("social worker's phone or e-mail", max_length=150, blank=True)
    source = models.CharField(
        max_length=150, blank=True, help_text="Where this came from, e.g. reply to a request for information"
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name_plural = "social care statuses"
        indexes = [models.Index(fields=["child", "-start_date"], name="cscstatus_child_idx")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} from {self.start_date:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        if self.start_date and self.start_date > clock.today():
            raise ValidationError({"start_date": "Start date must be today or in the past"})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "End date must be on or after the start date"})
        if self.status == CSCStatus.CHILD_PROTECTION_PLAN and not self.category:
            raise ValidationError({"category": "Select the category of the child-protection plan"})
        if self.status != CSCStatus.CHILD_PROTECTION_PLAN:
            self.category = ""

    def in_words(self) -> str:
        """The status as documents state it: "Child-protection plan (neglect) since 2 November 2026,
        Worcestershire; social worker Jo Bloggs (01905 123456)"."""
        words = self.get_status_display()
        if self.category:
            words += f" ({self.get_category_display().lower()})"
        words += f" since {self.start_date:%-d %B %Y}"
        if self.local_authority_id:
            words += f", {self.local_authority}"
        if self.social_worker:
            contact = f" ({self.social_worker_contact})" if self.social_worker_contact else ""
            words += f"; social worker {self.social_worker}{contact}"
        return words


class OtherAdult(NamedPerson):
    date_of_birth = models.DateField(null=True, blank=True, validators=[validate_not_future, validate_after_1900])
    gender = models.CharField(max_length=12, choices=Gender.choices, default=Gender.NOT_KNOWN)
    address = models.ForeignKey(Address, null=True, blank=True, on_delete=models.PROTECT, related_name="adults")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["last_name_key", "first_name_key"]
        indexes = [models.Index(fields=["last_name_key", "first_name_key"], name="adult_name_idx")]


class Relationship(models.TextChoices):
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    PARTNERS_CHILD = "partners_child", "Partner's child"
    SIBLING = "sibling", "Sibling"
    RELATIVE = "relative", "Relative"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    OTHER = "other", "Other"


class Contact(models.TextChoices):
    LIVES_WITH = "lives_with", "Lives with"
    OVERNIGHT = "overnight", "Overnight stays"
    REGULAR = "regular", "Regular contact"
    SUPERVISED = "supervised", "Supervised contact"
    SEEKING = "seeking", "Seeking contact"
    NONE = "none", "No contact"


class RiskRole(models.TextChoices):
    POSES_RISK = "poses_risk", "Poses a risk"
    PROTECTIVE = "protective", "Protective factor"
    NOT_KNOWN = "not_known", "Not known"


class ChildLink(TrackedModel):
    """A service user's relationship with a child."""

    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="child_links")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="service_user_links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    contact = models.CharField(max_length=12, choices=Contact.choices)
    parental_responsibility = models.BooleanField(default=False)
    risk_role = models.CharField(
        "the service user is to this child", max_length=12, choices=RiskRole.choices, default=RiskRole.NOT_KNOWN
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["child__date_of_birth", "id"]
        constraints = [models.UniqueConstraint(fields=["service_user", "child"], name="childlink_unique")]
        indexes = [models.Index(fields=["child"], name="childlink_child_idx")]

    def __str__(self) -> str:
        return f"{self.service_user} – {self.child} ({self.get_relationship_display()})"


class AdultRelationship(models.TextChoices):
    PARTNER = "partner", "Partner"
    EX_PARTNER = "ex_partner", "Ex-partner"
    OTHER_PARENT = "other_parent", "Other parent of a child"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    RELATIVE = "relative", "Relative"
    FRIEND = "friend", "Friend or associate"
    OTHER = "other", "Other"


class AdultLink(TrackedModel):
    """A service user's relationship with another adult (partner, ex-partner, household member)."""

    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="adult_links")
    adult = models.ForeignKey(OtherAdult, on_delete=models.CASCADE, related_name="service_user_links")
    relationship = models.CharField(max_length=20, choices=AdultRelationship.choices)
    lives_with = models.BooleanField("lives with the service user", default=False)
    notes = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service_user", "adult"], name="adultlink_unique")]
        indexes = [models.Index(fields=["adult"], name="adultlink_adult_idx")]

    def __str__(self) -> str:
        return f"{self.service_user} – {self.adult} ({self.get_relationship_display()})"


class AdultChildLink(TrackedModel):
    """Another adult's relationship with a child (e.g. the children's mother)."""

    adult = models.ForeignKey(OtherAdult, on_delete=models.CASCADE, related_name="child_links")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="adult_links")
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    contact = models.CharField(max_length=12, choices=Contact.choices)
    parental_responsibility = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["adult", "child"], name="adultchildlink_unique")]
        indexes = [models.Index(fields=["child"], name="adultchildlink_child_idx")]

    def __str__(self) -> str:
        return f"{self.adult} – {self.child} ({self.get_relationship_display()})"


class ChildWhereabouts(TrackedModel):
    """One period when a child's whereabouts were unknown: since when, what was known, and when and
    where the child was found (empty while still missing).

    A history of periods rather than two fields on the child, so a child missing twice shows both
    times (a pattern that matters to children's social care and the police), and recording "found"
    never overwrites when they went missing. At most one period is open per child; a child with an
    open period is missing, and every case the child is linked to carries a step until they are found
    (`people.tasks`).
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="whereabouts")
    missing_since = models.DateField("date the child's whereabouts became unknown")
    what_is_known = models.TextField("what is known", blank=True)
    found_on = models.DateField("date the child was found", null=True, blank=True)
    found_where = models.TextField("where the child was found", blank=True)

    class Meta:
        ordering = ["-missing_since", "-id"]
        verbose_name_plural = "child whereabouts"
        indexes = [models.Index(fields=["child", "found_on"], name="whereabouts_child_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(found_on__isnull=True), name="whereabouts_one_open_per_child"
            )
        ]

    def __str__(self) -> str:
        if self.found_on is None:
            return f"Whereabouts unknown since {self.missing_since:%d/%m/%Y}"
        return f"Missing from {self.missing_since:%d/%m/%Y}, found on {self.found_on:%d/%m/%Y}"

    @property
    def is_open(self) -> bool:
        return self.found_on is None

    def clean(self) -> None:
        super().clean()
        today = clock.today()
        if self.missing_since and self.missing_since > today:
            raise ValidationError({"missing_since": "The date the whereabouts became unknown must be today or in the past"})
        if self.found_on is not None:
            if self.found_on > today:
                raise ValidationError({"found_on": "The date the child was found must be today or in the past"})
            if self.missing_since and self.found_on < self.missing_since:
                raise ValidationError(
                    {
                        "found_on": f"The date the child was found must be on or after {self.missing_since:%d/%m/%Y}, when they went missing"
                    }
                )
            if not (self.found_where or "").strip():
                raise ValidationError({"found_where": "Enter where the child was found"})
