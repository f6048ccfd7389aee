"""#17.15: a public id for every Case, filled for the rows there are (then unique: next)."""

from django.db import migrations, models

from deelwijzer.ids import fill_public_ids


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_merge_identity_versions_and_pseudonym_scope")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="publiek kenmerk"),
        ),
        migrations.RunPython(fill_public_ids("cases.Case"), migrations.RunPython.noop),
    ]
