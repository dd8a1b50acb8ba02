from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    return {
        "service_name": settings.SAFEGUARD["SERVICE_NAME"],
        "demo_mode": settings.SAFEGUARD["DEMO"],
        "idle_minutes": settings.SAFEGUARD["IDLE_TIMEOUT_MINUTES"],
        "idle_seconds": settings.SAFEGUARD["IDLE_TIMEOUT_MINUTES"] * 60,
        # Read only by a page that styles itself (a print preview); reading it adds it to the policy.
        "csp_nonce": getattr(request, "csp_nonce", ""),
    }
