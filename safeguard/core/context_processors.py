from typing import Any

from django.conf import settings
from django.http import HttpRequest


def service(request: HttpRequest) -> dict[str, Any]:
    return {"service_name": settings.SAFEGUARD["SERVICE_NAME"], "demo_mode": settings.SAFEGUARD["DEMO"]}
