"""The sentence plan's part of the handover summary a new case holder reads: each active
child-protection objective, for which children, how children's social care is kept informed, and
when it is next reviewed. (The risk-management plan's sharing with the social worker is the meetings
app's record, ADR 0017, and its part to give.)"""

from collections.abc import Iterable
from typing import Any

from safeguard.core.registry import HandoverPart

from .selectors import active_objectives


def handover_parts(case: Any) -> Iterable[HandoverPart]:
    lines = []
    for objective in active_objectives(case):
        children = ", ".join(str(child) for child in objective.children.all())
        about = f" ({children})" if children else ""
        lines.append(
            f"{' '.join(objective.work.split())}{about}. Children's social care kept informed: "
            f"{' '.join(objective.informing.split())}. Next review {objective.review_on:%-d %B %Y}"
        )
    yield HandoverPart(
        "Sentence plan: child-protection objectives", tuple(lines), empty="No active child-protection objective", order=35
    )
