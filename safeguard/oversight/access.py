"""Who sees what on My work: everyone their own held cases; line managers what is escalated or
awaits their decision in the teams they manage; team admin the missed register reviews of their
team (West Mercia 5.1)."""

from typing import Any

from safeguard.accounts import roles


def follows_up_missed_reviews(user: Any) -> bool:
    return user.has_role(roles.ADMIN_RECEPTION)
