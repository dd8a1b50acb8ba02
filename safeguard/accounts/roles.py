"""Roles are Django groups with model permissions; what a role may *see* is its scope.

Scopes (who sees which cases) are turned into a query by `accounts.scope` and applied by
`safeguard.cases.access`, the one choke point. Code asks about roles only through these constants
(`user.has_role(roles.LINE_MANAGER)`) or, better, through permissions.
"""

from typing import Any

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.apps.registry import Apps

from safeguard.core import registry

OFFENDER_MANAGER = "Offender manager"
PSO = "Probation service officer"
TRAINEE = "Trainee"
LINE_MANAGER = "Line manager"
RISK_MANAGER = "Risk manager"
INFORMATION_OFFICER = "Information officer"
ADMIN_RECEPTION = "Admin / reception"
AUDITOR = "Auditor"
SAFEGUARDING_LEAD = "Safeguarding lead"
SYSTEM_ADMINISTRATOR = "System administrator"
VICTIM_LIAISON = "Victim liaison officer"

ALL_ROLES = [
    OFFENDER_MANAGER,
    PSO,
    TRAINEE,
    LINE_MANAGER,
    RISK_MANAGER,
    INFORMATION_OFFICER,
    ADMIN_RECEPTION,
    AUDITOR,
    SAFEGUARDING_LEAD,
    SYSTEM_ADMINISTRATOR,
    VICTIM_LIAISON,
]

# Which cases a role may see.
SCOPE_TEAM = "team"  # cases of the user's own team
SCOPE_MANAGED_TEAMS = "managed_teams"  # cases of the teams they manage (and their own)
SCOPE_AREA = "area"  # every case in their area
SCOPE_ALL = "all"  # every case
SCOPE_NONE = "none"  # no case unless something else (an audit) grants it

ROLE_SCOPES = {
    OFFENDER_MANAGER: SCOPE_TEAM,
    PSO: SCOPE_TEAM,
    TRAINEE: SCOPE_TEAM,
    ADMIN_RECEPTION: SCOPE_TEAM,
    LINE_MANAGER: SCOPE_MANAGED_TEAMS,
    RISK_MANAGER: SCOPE_AREA,
    INFORMATION_OFFICER: SCOPE_AREA,
    SAFEGUARDING_LEAD: SCOPE_ALL,
    AUDITOR: SCOPE_NONE,
    SYSTEM_ADMINISTRATOR: SCOPE_NONE,
    VICTIM_LIAISON: SCOPE_AREA,
}

# What each role may do with every record kept under a case, whichever app keeps it: each app declares
# its records (`core.registry.CaseRecord`), and the role gets these actions on each. What a role may
# do beyond that (allocate, see a register, place a legal hold) each app grants in its own access.py.
VIEW: tuple[str, ...] = ("view",)
EDIT: tuple[str, ...] = ("view", "add", "change", "delete")
CASE_RECORD_ACTIONS: dict[str, tuple[str, ...]] = {
    OFFENDER_MANAGER: EDIT,
    PSO: EDIT,
    TRAINEE: EDIT,
    ADMIN_RECEPTION: VIEW,
    LINE_MANAGER: EDIT,
    RISK_MANAGER: EDIT,
    INFORMATION_OFFICER: EDIT,
    SAFEGUARDING_LEAD: EDIT,
    AUDITOR: VIEW,
    SYSTEM_ADMINISTRATOR: (),
    VICTIM_LIAISON: VIEW,
}


def role_permissions(role: str) -> list[tuple[str, str]]:
    """(app_label, codename) of every permission `role` has: the standard actions on each case record,
    and what the installed apps grant it."""
    found: list[tuple[str, str]] = []
    for record in registry.case_records().values():
        if record.standard_permissions:
            app_label, model = record.model.split(".")
            found += [(app_label, f"{action}_{model.lower()}") for action in CASE_RECORD_ACTIONS.get(role, ())]
    for permission in registry.role_permissions().get(role, ()):
        app_label, codename = permission.split(".")
        found.append((app_label, codename))
    return found


def ensure_role_groups(sender: AppConfig | None = None, apps: Apps = global_apps, **kwargs: Any) -> None:
    """Create the role groups and give them their permissions (idempotent).

    Runs once after migrate (and after a test flush), when the last app's signal fires, so every
    app's permissions exist by then.
    """
    with_models = [config.label for config in global_apps.get_app_configs() if config.models_module is not None]
    if sender is not None and sender.label != with_models[-1]:
        return
    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    by_key = {(p.content_type.app_label, p.codename): p for p in Permission.objects.select_related("content_type")}
    for role in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([by_key[key] for key in role_permissions(role) if key in by_key])
