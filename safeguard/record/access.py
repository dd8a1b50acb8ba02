"""Who may read and write the case record.

Contact entries, manager decisions and disclosures are records under a case: each inherits the
case's access check (`core.access`). Beyond that, each entry's **section** decides who may read it:

| section | who may read it, among those who see the case |
|---|---|
| general | everyone |
| third-party | the case holder, the case's managers, and the practitioners' roles (`read_third_party`) |
| restricted | the case holder, the case's managers (`cases.access.manages_case`), the safeguarding lead |
| victim | those who read restricted material, and the victim liaison officer (`read_victim`) |

Whoever wrote an entry may always read it. The rule is `readable_sections`; the timeline, the
entry's page, search within the case and the History tab all go through it, and the registry hands
it to the shared History pages (`SECTION_RULE`). The disclosure bundle does not: it holds the
general section only, whoever produces it (`disclosure.py`).
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from safeguard.accounts import roles
from safeguard.cases.access import manages_case
from safeguard.core.registry import CaseRecord

from .models import Section

CASE_RECORDS = [
    CaseRecord("record.ContactEntry"),
    CaseRecord("record.ManagerDecision", standard_permissions=False),  # recorded by managers only
    CaseRecord("record.Disclosure", standard_permissions=False),  # produced by those allowed to
]

ROLE_PERMISSIONS = {
    roles.OFFENDER_MANAGER: ["record.read_third_party", "record.produce_disclosure"],
    roles.PSO: ["record.read_third_party"],
    roles.RISK_MANAGER: ["record.read_third_party"],
    roles.INFORMATION_OFFICER: ["record.read_third_party", "record.produce_disclosure"],
    roles.LINE_MANAGER: [
        "record.read_third_party",
        "record.read_restricted",
        "record.read_victim",
        "record.record_decision",
        "record.produce_disclosure",
    ],
    roles.SAFEGUARDING_LEAD: [
        "record.read_third_party",
        "record.read_restricted",
        "record.read_victim",
        "record.record_decision",
        "record.produce_disclosure",
    ],
    roles.VICTIM_LIAISON: ["record.read_victim"],
}


def readable_sections(user: Any, case: Any | None) -> set[str]:
    """The sections `user` may read on `case`; on every case they see, when `case` is None (by their
    roles alone, as the shared audit trail needs: a role that reads restricted material is a manager
    of every case its scope shows)."""
    if case is None:
        holds, manages = False, user.has_perm("record.read_restricted")
    else:
        holds = case.case_holder_id is not None and case.case_holder_id == user.pk
        manages = user.has_perm("record.read_restricted") and manages_case(user, case)
    sections = {Section.GENERAL.value}
    if holds or manages or user.has_perm("record.read_third_party"):
        sections.add(Section.THIRD_PARTY.value)
    if holds or manages:
        sections |= {Section.RESTRICTED.value, Section.VICTIM.value}
    if user.has_perm("record.read_victim"):
        sections.add(Section.VICTIM.value)
    return sections


def may_read(user: Any, case: Any) -> Q:
    """The condition that a contact entry or decision of `case` is one `user` may read: its section is
    one they may read, or they wrote it."""
    return Q(section__in=readable_sections(user, case)) | Q(created_by=user.pk)


def hidden_sections(user: Any, case: Any) -> list[str]:
    """The sections `user` may not read on `case`, in the order they are listed."""
    readable = readable_sections(user, case)
    return [value for value in Section.values if value not in readable]


class SectionRule:
    """The record's sections, for the shared History pages (`core.registry.SectionRule`)."""

    sections = {value: str(label) for value, label in Section.choices if value != Section.GENERAL}

    def readable(self, user: Any, case: Any | None) -> Iterable[str]:
        return readable_sections(user, case)


SECTION_RULE = SectionRule()
