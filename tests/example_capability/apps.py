"""An example capability, installed only by the tests that prove the registry: a folder that plugs in.

It adds a case tab, an outstanding step and two flags, and edits no other app: everything it adds
goes through `core.registry.declare`. New capabilities (meetings, home visits, audits) start from
this shape; see docs/adding-a-capability.md.
"""

from django.apps import AppConfig


class ExampleCapabilityConfig(AppConfig):
    name = "tests.example_capability"
    label = "example_capability"
    verbose_name = "Example capability (tests only)"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab, NavItem

        from .capability import WhereaboutsFlags, visit_tasks

        registry.declare(
            self,
            nav=[NavItem("Visits (example)", "example_capability:all_visits", order=60)],
            case_tabs=[CaseTab("Visits (example)", "example_capability:visits", order=70, key="visits")],
            tasks=[visit_tasks],
            flags=[WhereaboutsFlags()],
            tag_colours={"Visit planned": "purple"},
        )
