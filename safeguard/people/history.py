"""How the people app's changes read on a case's History tab (`core.history`)."""

from safeguard.core.registry import HistoryWording

HISTORY = HistoryWording(
    kind="People",
    actions={
        "service_user.create": "Service user added",
        "service_user.update": "Service user's details changed",
        "alias.add": "Alias added",
        "address.create": "Address added",
        "service_user_address.add": "Address recorded for the service user",
        "service_user_address.end": "Service user's address ended",
        "child.create": "Child added",
        "child.update": "Child's details changed",
        "child.status": "Child's social-care status changed",
        "child.address": "Child's address changed",
        "child.name_variant.add": "Other name added for a child",
        "child.missing": "Child's whereabouts recorded as unknown",
        "child.found": "Child recorded as found",
        "csc_status.add": "Children's social-care status recorded",
        "csc_status.end": "Children's social-care status ended",
        "child_link.add": "Child linked to the service user",
        "child_link.update": "Service user's link to a child changed",
        "adult.create": "Other adult added",
        "adult.update": "Other adult's details changed",
        "adult_link.add": "Other adult linked to the service user",
        "adult_link.update": "Service user's link to an adult changed",
        "adult_child_link.add": "Other adult linked to a child",
        "adult_child_link.remove": "Link between an adult and a child removed",
    },
)
