from django.conf import settings


def service(request):
    return {"service_name": settings.SAFEGUARD["SERVICE_NAME"], "demo_mode": settings.SAFEGUARD["DEMO"]}
