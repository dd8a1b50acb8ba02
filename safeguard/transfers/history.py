"""How the transfers app's changes read on a case's History tab (`core.history`)."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="Transfers",
    actions={
        "handover.add": "Handover produced for the new case holder",
        "handover.acknowledge": "Handover acknowledged by the new case holder",
        "handover_notice.add": "Recorded that another probation unit or the prison was told of the transfer",
    },
)
