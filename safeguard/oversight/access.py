"""Who sees what on My work: everyone their own held cases; line managers what is escalated or
awaits their decision in the teams they manage; team admin the missed register reviews of their
team (West Mercia 5.1)."""

from typing import Any

from safeguard.accounts import roles


def follows_up_missed_reviews(user: Any) -> bool:
    return user.has_role(roles.ADMIN_RECEPTION)


# The audit trail and the access log are read here, in the product, never in the admin: the safeguarding
# lead and auditors read them for the cases they may see; system administrators (no case) read the
# events about accounts and reference data, and the access log (ids and addresses, no names).
# The dashboard of outstanding steps: for those who oversee a team, an area or everything (HMIP
# 2014 2.52-2.55, 3.37-3.41); each sees the steps of the cases they may see.
VIEW_DASHBOARD = "core.view_outstandingstep"
ROLE_PERMISSIONS = {
    roles.SAFEGUARDING_LEAD: ["core.view_auditevent", "core.view_accesslog", VIEW_DASHBOARD],
    roles.AUDITOR: ["core.view_auditevent", "core.view_accesslog"],
    roles.LINE_MANAGER: [VIEW_DASHBOARD],
    roles.RISK_MANAGER: [VIEW_DASHBOARD],
    roles.INFORMATION_OFFICER: [VIEW_DASHBOARD],
}
VIEW_AUDIT_TRAIL = "core.view_auditevent"
VIEW_ACCESS_LOG = "core.view_accesslog"
