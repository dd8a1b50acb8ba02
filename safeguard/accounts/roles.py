"""Roles are Django groups with model permissions; what a role may *see* is its scope.

Scopes (who sees which cases) are applied by safeguard.cases.access, the one choke point.
"""

from django.apps import apps as global_apps

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
}

CASE_MODELS = [
    ("people", "serviceuser"),
    ("people", "alias"),
    ("people", "address"),
    ("people", "serviceuseraddress"),
    ("people", "child"),
    ("people", "childnamevariant"),
    ("people", "socialcarestatus"),
    ("people", "otheradult"),
    ("people", "childlink"),
    ("people", "adultchildlink"),
    ("people", "adultlink"),
    ("cases", "case"),
    ("cases", "order"),
    ("checks", "checklist"),
    ("checks", "requestforinformation"),
    ("checks", "policecheck"),
    ("checks", "chase"),
    ("checks", "notification"),
    ("checks", "significantevent"),
    ("checks", "contradiction"),
    ("referrals", "referral"),
    ("referrals", "referralchase"),
    ("referrals", "referralescalation"),
    ("register", "registration"),
    ("register", "review"),
    ("register", "reviewtrigger"),
    ("cases", "casenote"),
]
REFERENCE_MODELS = [
    ("accounts", "localauthority"),
    ("accounts", "area"),
    ("accounts", "team"),
    ("accounts", "user"),
    ("core", "deadlinerule"),
]


def _perms(models: list[tuple[str, str]], actions: list[str]) -> list[tuple[str, str]]:
    return [(app, f"{action}_{model}") for app, model in models for action in actions]


VIEW = _perms(CASE_MODELS, ["view"])
EDIT = _perms(CASE_MODELS, ["view", "add", "change", "delete"])
ALLOCATE = [("cases", "allocate_case")]
REFERRAL_REGISTER = [("referrals", "view_referral_register")]
LEGAL_HOLD = [
    ("register", "place_legal_hold"),
    ("register", "view_legalhold"),
    ("register", "add_legalhold"),
    ("register", "change_legalhold"),
]

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    OFFENDER_MANAGER: EDIT,
    PSO: EDIT,
    TRAINEE: EDIT,
    ADMIN_RECEPTION: VIEW
    + _perms(
        [
            ("people", "serviceuser"),
            ("cases", "case"),
            ("people", "address"),
            ("people", "serviceuseraddress"),
            ("people", "alias"),
        ],
        ["add", "change"],
    ),
    LINE_MANAGER: EDIT + ALLOCATE + REFERRAL_REGISTER,
    RISK_MANAGER: EDIT + REFERRAL_REGISTER + LEGAL_HOLD,
    INFORMATION_OFFICER: EDIT,
    SAFEGUARDING_LEAD: EDIT + ALLOCATE + REFERRAL_REGISTER + LEGAL_HOLD,
    AUDITOR: VIEW,
    SYSTEM_ADMINISTRATOR: _perms(REFERENCE_MODELS, ["view", "add", "change"])
    + [("auth", "view_group"), ("core", "view_auditevent"), ("core", "view_accesslog")],
}


def ensure_role_groups(sender=None, apps=global_apps, **kwargs) -> None:
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
    for role, wanted in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([by_key[key] for key in wanted if key in by_key])
