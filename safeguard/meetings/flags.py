"""Warning flags from meetings (a flag source declared in the registry), on the case wherever it
appears, the register included: a meeting the plan's clock expected with none on record (HMIP
2014 2.39: probation not invited), and a child on a plan whose plan is not on the probation file or
whose social worker has not had the risk-management plan (HMIP 2014 2.26)."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from safeguard.core import clock
from safeguard.core.registry import Flag

from . import selectors

NO_INVITATION = (
    "No invitation",
    "A core group or review conference was due for a child on a plan and none is on record: contact the chair.",
)
PLANS_NOT_ON_FILE = (
    "Plans not on file",
    "A child is on a child-protection plan and its copy is not on file, or the risk-management plan "
    "is not recorded as shared with the social worker.",
)


class MeetingFlags:
    def for_cases(self, cases: Sequence[Any]) -> Mapping[int, list[Flag]]:
        found: dict[int, list[Flag]] = {}
        for case_id, late in selectors.no_invitation(cases, clock.today()).items():
            found.setdefault(case_id, []).append(Flag(*NO_INVITATION, "red", since=min(step.due_on for step in late)))
        for case_id, gaps in selectors.plan_gaps(cases).items():
            found.setdefault(case_id, []).append(Flag(*PLANS_NOT_ON_FILE, "orange", since=gaps.since))
        return found

    def for_children(self, child_ids: Iterable[int]) -> Mapping[int, list[Flag]]:
        return {}
