from django.contrib.auth.models import AbstractUser
from django.db import models

from safeguard.core.models import TrackedModel


class Nation(models.TextChoices):
    ENGLAND = "England", "England"
    WALES = "Wales", "Wales"
    SCOTLAND = "Scotland", "Scotland"
    NORTHERN_IRELAND = "Northern Ireland", "Northern Ireland"
    JERSEY = "Jersey", "Jersey"


class LocalAuthority(TrackedModel):
    """A local authority with children's social care duties (reference data, editable in the admin)."""

    code = models.CharField("ONS code", max_length=12, unique=True)
    name = models.CharField(max_length=120, unique=True)
    nation = models.CharField(max_length=20, choices=Nation.choices, default=Nation.ENGLAND)
    childrens_services_email = models.EmailField("children's services secure e-mail", blank=True)
    mash_name = models.CharField(
        "multi-agency safeguarding hub", max_length=150, blank=True, help_text="Leave blank where the council has no MASH"
    )
    active = models.BooleanField(default=True, help_text="Untick when an authority is abolished or merged")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class Area(TrackedModel):
    """A probation delivery unit (or youth offending service)."""

    name = models.CharField(max_length=120, unique=True)
    code = models.CharField(max_length=20, unique=True)
    nation = models.CharField(
        max_length=20,
        choices=Nation.choices,
        default=Nation.ENGLAND,
        help_text="Decides which bank holidays count for working-day deadlines",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(TrackedModel):
    name = models.CharField(max_length=120)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="teams")
    line_managers = models.ManyToManyField("accounts.User", blank=True, related_name="managed_teams")

    class Meta:
        ordering = ["area__name", "name"]
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="team_name_unique_in_area")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. What they may see follows from their roles (groups) and team or area."""

    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text="For staff who work across an area without a team; otherwise the team's area",
    )
    job_title = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def home_area_id(self) -> int | None:
        if self.area_id:
            return self.area_id
        team = self.team if self.team_id else None
        return team.area_id if team is not None else None

    @property
    def role_names(self) -> list[str]:
        if not hasattr(self, "_role_names"):
            self._role_names = sorted(self.groups.values_list("name", flat=True))
        return self._role_names

    def has_role(self, *roles: str) -> bool:
        return any(role in self.role_names for role in roles)


class RoleChange(TrackedModel):
    """A change to someone's roles, team or area, asked for by a system administrator.

    Taking something away applies at once. Anything that could widen what someone sees or does
    (a role added, another team or area) waits until a second system administrator approves it;
    nobody asks for, or approves, a change to their own account."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a second administrator"
        APPLIED = "applied", "Applied"
        REFUSED = "refused", "Refused"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_changes")
    groups = models.ManyToManyField("auth.Group", blank=True, related_name="+", verbose_name="roles they will hold")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    widens = models.BooleanField(default=False, editable=False)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("decide_rolechange", "Can approve or refuse another administrator's change of roles")]

    def __str__(self) -> str:
        return f"Roles of {self.user}: {self.get_status_display().lower()}"
