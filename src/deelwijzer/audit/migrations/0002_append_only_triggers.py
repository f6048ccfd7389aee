"""The database itself refuses UPDATE, DELETE (and TRUNCATE) on the audit table."""

from django.db import migrations

from deelwijzer.audit import triggers


def forward(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        triggers.create(cursor, schema_editor.connection.vendor)


def backward(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        triggers.drop(cursor, schema_editor.connection.vendor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
