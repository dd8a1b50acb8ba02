"""Objectives and their progress entries are records under a case: each inherits the case's access
check (`core.access`). Every role that may change a case may write its sentence-plan objectives;
nothing here needs more than the standard permissions (`accounts.roles.CASE_RECORD_ACTIONS`)."""

from safeguard.core.registry import CaseRecord

CASE_RECORDS = [
    CaseRecord("plans.Objective"),
    CaseRecord("plans.ProgressEntry", "objective__case"),
]
