"""Reference data shipped with the code (local authorities of England and Wales).

Loaded after every migrate (and after a test flush): authorities missing from the database are
added; existing rows, which administrators may have edited, are left as they are.
"""

import csv
from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.apps import apps as global_apps
from django.apps.registry import Apps

LOCAL_AUTHORITIES_CSV = Path(__file__).parent / "data" / "local_authorities.csv"


def read_local_authorities() -> list[dict[str, str]]:
    with LOCAL_AUTHORITIES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ensure_local_authorities(sender: AppConfig | None = None, apps: Apps = global_apps, **kwargs: Any) -> int:
    """Add the shipped local authorities that are not yet in the database; returns how many were added."""
    try:
        model = apps.get_model("accounts", "LocalAuthority")
    except LookupError:
        return 0
    existing = set(model.objects.values_list("code", flat=True))
    missing = [
        model(code=row["code"], name=row["name"], nation=row["nation"])
        for row in read_local_authorities()
        if row["code"] not in existing
    ]
    model.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)
