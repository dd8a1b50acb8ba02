"""The audit trail keeps the case's id as a plain number instead of a foreign key to cases, so core
depends on no app above it. The column, its values and its index stay as they are; only the
foreign-key constraint is dropped."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_deadline_rule"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterField(
                    model_name="auditevent",
                    name="case",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="cases.case",
                    ),
                ),
            ],
            state_operations=[
                migrations.RemoveIndex(model_name="auditevent", name="core_audite_case_id_a48911_idx"),
                migrations.RemoveField(model_name="auditevent", name="case"),
                migrations.AddField(model_name="auditevent", name="case_id", field=models.BigIntegerField(blank=True, null=True)),
                migrations.AddIndex(
                    model_name="auditevent",
                    index=models.Index(fields=["case_id", "-at"], name="core_audite_case_id_a48911_idx"),
                ),
            ],
        ),
        migrations.AlterModelOptions(
            name="auditevent",
            options={"base_manager_name": "objects", "ordering": ["-at", "-id"]},
        ),
    ]
