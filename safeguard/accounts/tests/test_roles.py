"""The permissions each role's group gets, now that every app declares its own: the standard actions
on every record under a case, and exactly the extra permissions ADR 0008 lists."""

import pytest
from django.contrib.auth.models import Group

from safeguard.accounts import roles

STANDARD = {"view", "add", "change", "delete"}
# A manager reads every section of the record of the cases they manage, records decisions, and
# produces the file for the service user (record/access.py).
RECORD_MANAGER = {
    "record.read_third_party",
    "record.read_restricted",
    "record.read_victim",
    "record.record_decision",
    "record.produce_disclosure",
}
# A manager approves who holds a child-protection case (West Mercia 6.3) and agrees a reason for no
# home visit (visits/access.py).
HOLDING_MANAGER = {"cases.add_holderapproval", "cases.view_holderapproval", "visits.agree_no_visit_reason"}
EXTRA = {
    roles.OFFENDER_MANAGER: {"cases.close_case", "record.read_third_party", "record.produce_disclosure"},
    roles.PSO: {"record.read_third_party"},
    roles.TRAINEE: set(),
    roles.ADMIN_RECEPTION: {
        "cases.add_case",
        "cases.change_case",
        "cases.close_case",
        *(
            f"people.{action}_{model}"
            for model in ("serviceuser", "address", "serviceuseraddress", "alias")
            for action in ("add", "change")
        ),
    },
    roles.LINE_MANAGER: {
        "core.view_outstandingstep",
        "cases.allocate_case",
        "cases.close_case",
        *HOLDING_MANAGER,
        "referrals.view_referral_register",
        "register.view_register",
        *RECORD_MANAGER,
    },
    roles.RISK_MANAGER: {
        "core.view_outstandingstep",
        "record.read_third_party",
        "referrals.view_referral_register",
        "register.view_register",
        "register.countersign_review",
        "register.place_legal_hold",
        "register.view_legalhold",
        "register.add_legalhold",
        "register.change_legalhold",
    },
    roles.INFORMATION_OFFICER: {
        "core.view_outstandingstep",
        "register.view_register",
        "register.confirm_deregistration",
        "record.read_third_party",
        "record.produce_disclosure",
    },
    roles.SAFEGUARDING_LEAD: {
        "core.view_outstandingstep",
        "cases.allocate_case",
        "cases.manage_any_case",
        "cases.close_case",
        *HOLDING_MANAGER,
        "referrals.view_referral_register",
        "register.view_register",
        "register.place_legal_hold",
        "register.view_legalhold",
        "register.add_legalhold",
        "register.change_legalhold",
        "core.view_auditevent",
        "core.view_accesslog",
        *RECORD_MANAGER,
    },
    roles.AUDITOR: {"core.view_auditevent", "core.view_accesslog"},
    roles.VICTIM_LIAISON: {"record.read_victim"},
}
CASE_RECORDS = {
    "people": ["serviceuser", "alias", "address", "serviceuseraddress", "child", "childnamevariant", "socialcarestatus"]
    + ["childwhereabouts"]
    + ["otheradult", "childlink", "adultchildlink", "adultlink"],
    "cases": ["case", "order", "casenote", "keycontact", "riskmanagerconsultation"],
    "checks": [
        "checklist",
        "requestforinformation",
        "policecheck",
        "chase",
        "notification",
        "significantevent",
        "contradiction",
        "decision",
    ],
    "referrals": ["referral", "referralchase", "referralescalation"],
    "register": ["registration", "review", "reviewtrigger"],
    "meetings": ["meeting", "meetingaction", "protectionplan", "riskplanshared", "writtenreport", "reportstatement"],
    "record": ["contactentry"],
    "visits": ["homevisit", "homevisitchild", "novisitreason"],
    "transfers": ["handovernotice"],
    "plans": ["objective", "progressentry"],
}


def granted(role: str) -> set[str]:
    group = Group.objects.get(name=role)
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def standard(actions: set[str]) -> set[str]:
    return {f"{app}.{action}_{model}" for app, models in CASE_RECORDS.items() for model in models for action in actions}


@pytest.mark.parametrize("role", list(EXTRA))
def test_each_role_has_the_standard_case_permissions_and_its_extras_only(db, role):
    actions = {"view"} if role in (roles.ADMIN_RECEPTION, roles.AUDITOR, roles.VICTIM_LIAISON) else STANDARD
    assert granted(role) == standard(actions) | EXTRA[role]


def test_the_administrator_keeps_reference_data_and_sees_no_case(db):
    perms = granted(roles.SYSTEM_ADMINISTRATOR)
    assert "accounts.change_user" in perms and "core.view_auditevent" in perms
    assert not perms & standard(STANDARD)
