"""Access-log addresses keep no query string (a search, ?q=…, names people): strip it from rows
written before refusals stopped recording it."""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import StrIndex, Substr


def strip_query_strings(apps, schema_editor):
    AccessLog = apps.get_model("core", "AccessLog")
    AccessLog.objects.filter(path__contains="?").update(path=Substr("path", 1, StrIndex(F("path"), Value("?")) - 1))


class Migration(migrations.Migration):
    dependencies = [("core", "0003_auditevent_case_id")]

    operations = [migrations.RunPython(strip_query_strings, migrations.RunPython.noop)]
