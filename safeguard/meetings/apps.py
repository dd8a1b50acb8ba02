from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "safeguard.meetings"
    verbose_name = "Multi-agency meetings"

    def ready(self) -> None:
        from safeguard.core import registry
        from safeguard.core.registry import CaseTab, NavItem

        from . import access, handover, outside
        from .flags import MeetingFlags
        from .history import HISTORY
        from .tasks import meeting_tasks
        from .timeline import meeting_items

        registry.declare(
            self,
            access=access,
            nav=[NavItem("Meetings", "meetings:mine", order=25, permission="meetings.view_meeting")],
            case_tabs=[CaseTab("Meetings", "meetings:index", order=40, key="meetings")],
            tasks=[meeting_tasks],
            flags=[MeetingFlags()],
            history=HISTORY,
            copies_outside=[outside.copies_outside],
            timeline=[meeting_items],
            handover=[handover.handover_parts],
        )
