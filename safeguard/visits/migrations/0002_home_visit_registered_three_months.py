"""A registered case's home visit is due every 3 months (it was 10 working days, a placeholder kept in
core until this app took the rule over). Only a rule still at the old default changes: an
administrator's own length or unit is kept."""

from django.db import migrations

OLD = {"length": 10, "unit": "working_days"}
NEW = {
    "length": 3,
    "unit": "months",
    "anchor": "registration, the last home visit or the last agreed reason for no visit, whichever is latest",
}


def three_months(apps, schema_editor):
    rules = apps.get_model("core", "DeadlineRule").objects.filter(name="home_visit_registered", **OLD)
    rules.filter(anchor="registration").update(**NEW)
    rules.update(length=NEW["length"], unit=NEW["unit"])  # counted from as the administrator worded it


def back(apps, schema_editor):
    apps.get_model("core", "DeadlineRule").objects.filter(name="home_visit_registered", length=3, unit="months").update(**OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("visits", "0001_initial"),
        ("core", "0002_deadline_rule"),
    ]

    operations = [migrations.RunPython(three_months, back)]
