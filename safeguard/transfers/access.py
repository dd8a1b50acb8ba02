"""Handovers and the notices of a transfer are records under a case: each inherits the case's access
check (`core.access`), so when a case moves to another area, its handovers move with it.

A handover is produced by the allocation itself, never added or changed by hand: no standard
permissions. Its acknowledgement is the new case holder's alone (`services.handover_acknowledge`
refuses anyone else). Recording that a unit was told needs the standard add permission.
"""

from safeguard.core.registry import CaseRecord

CASE_RECORDS = [
    CaseRecord("transfers.Handover", standard_permissions=False),
    CaseRecord("transfers.HandoverNotice", "handover__case"),
]
