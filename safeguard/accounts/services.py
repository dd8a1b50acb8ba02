"""Changes to who may do what: a second administrator for anything that widens access, and the
safeguarding lead told of every widening once it applies."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from safeguard.core import clock
from safeguard.core.services import create_tracked, update_tracked
from safeguard.core.validation import required_text

from . import roles
from .models import Area, RoleChange, Team, User


@transaction.atomic
def role_change_ask(
    *, actor: User, user: User, groups: Iterable[Group], team: Team | None, area: Area | None, reason: str
) -> RoleChange:
    """Ask for `user` to hold exactly `groups`, in `team` or `area`. Taking away applies at once;
    anything that could widen access waits for a second administrator (`role_change_decide`)."""
    if actor.pk == user.pk:
        raise ValidationError("Nobody can change their own roles, team or area: ask another administrator")
    reason = required_text(reason, "reason", "Say why the roles change")
    groups = list(groups)
    added = {group.pk for group in groups} - set(user.groups.values_list("pk", flat=True))
    widens = bool(added) or team != user.team or area != user.area
    change = create_tracked(
        RoleChange,
        actor=actor,
        action="account.role_change.ask",
        user=user,
        groups=groups,
        team=team,
        area=area,
        reason=reason,
        widens=widens,
    )
    if not widens:
        _apply(actor, change)
    return change


@transaction.atomic
def role_change_decide(*, actor: User, change: RoleChange, approve: bool) -> RoleChange:
    """A second system administrator approves (it applies now) or refuses a waiting change."""
    if change.status != RoleChange.Status.PENDING:
        raise ValidationError("This change has already been decided")
    if actor.pk in (change.created_by_id, change.user_id):
        raise ValidationError("A second administrator decides: not the one who asked, nor the person whose roles they are")
    if not actor.has_perm("accounts.decide_rolechange"):
        raise ValidationError("Only a system administrator can approve a change of roles")
    if not approve:
        return _decided(actor, change, RoleChange.Status.REFUSED)
    return _apply(actor, change)


def _decided(actor: User, change: RoleChange, status: str) -> RoleChange:
    action = "account.role_change." + ("apply" if status == RoleChange.Status.APPLIED else "refuse")
    return update_tracked(change, actor=actor, action=action, status=status, decided_by=actor, decided_at=clock.now())


def _apply(actor: User, change: RoleChange) -> RoleChange:
    user = change.user
    groups = list(change.groups.all())
    before = (sorted(user.role_names), user.team, user.area)
    update_tracked(
        user,
        actor=actor,
        action="account.roles",
        groups=groups,
        team=change.team,
        area=change.area,
        is_staff=user.is_superuser or any(group.name == roles.SYSTEM_ADMINISTRATOR for group in groups),
    )
    change = _decided(actor, change, RoleChange.Status.APPLIED)
    if change.widens:
        _tell_the_leads(change, before)
    return change


def _tell_the_leads(change: RoleChange, before: tuple[list[str], Team | None, Area | None]) -> None:
    leads = User.objects.filter(is_active=True, groups__name=roles.SAFEGUARDING_LEAD).exclude(email="")
    user = change.user
    now_holds = ", ".join(sorted(group.name for group in change.groups.all())) or "no role"
    lines = [
        f"{user} ({user.username}) can now see or do more in {settings.SAFEGUARD['SERVICE_NAME']}.",
        f"Roles: {', '.join(before[0]) or 'no role'} → {now_holds}.",
        f"Team: {before[1] or 'none'} → {change.team or 'none'}; area: {before[2] or 'none'} → {change.area or 'none'}.",
        f"Asked for by {change.created_by}, approved by {change.decided_by}: {change.reason}",
        "If this is not expected, tell the system administrators at once.",
    ]
    transaction.on_commit(
        lambda: send_mail(
            subject=f"Access widened: {user}",
            message="\n".join(lines),
            from_email=None,
            recipient_list=list(leads.values_list("email", flat=True).distinct()),
        )
    )
