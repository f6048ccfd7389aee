from django.db import migrations, models


class Migration(migrations.Migration):
    """What was kept before this migration names no program (cases.program): each case's
    evaluation is built again on its first view, and every open case's summary of findings
    counts as stale until the page view or the nightly ``open-findings --stale-only``."""

    dependencies = [
        ("cases", "0009_case_findings_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="casesnapshot",
            name="built_by",
            field=models.CharField(default="", editable=False, max_length=16),
        ),
        migrations.AddField(
            model_name="case",
            name="findings_built_by",
            field=models.CharField(default="", editable=False, max_length=16),
        ),
    ]
