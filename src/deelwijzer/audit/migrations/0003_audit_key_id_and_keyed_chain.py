"""Issue #17.2: each audit row names the audit key of its HMAC, and the existing rows are
re-chained once under the current audit key (see deelwijzer.audit.rekey for why, and what the
``audit.rechain`` event keeps of the old plain chain). Needs the audit key, like 0002 of cases
needs the encryption key: set DEELWIJZER_AUDIT_KEY_FILE before ``deelwijzer migrate``."""

from django.db import migrations, models

from deelwijzer.audit import rekey, triggers


def recreate_triggers(apps, schema_editor):
    """SQLite rebuilds the table to add or remove a column, and its triggers go with it."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        triggers.drop(cursor, connection.vendor)
        triggers.create(cursor, connection.vendor)


def forward(apps, schema_editor):
    recreate_triggers(apps, schema_editor)
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(7513)")  # as audit.services does
    rekey.rechain(connection, apps.get_model("audit", "AuditEvent"))


def backward(apps, schema_editor):
    rekey.unchain(schema_editor.connection, apps.get_model("audit", "AuditEvent"))


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, recreate_triggers),
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.RunPython(forward, backward),
    ]
