from django.db import migrations, models


class Migration(migrations.Migration):
    """What was kept before this migration carries no program: every case's is built again on
    its first view (cases.snapshots.program)."""

    dependencies = [
        ("cases", "0009_case_findings_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="casesnapshot",
            name="built_by",
            field=models.CharField(default="", editable=False, max_length=16),
        ),
    ]
