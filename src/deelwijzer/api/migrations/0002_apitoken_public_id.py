"""#17.15: a public id for every ApiToken, filled for the rows there are (then unique: next)."""

from django.db import migrations, models

from deelwijzer.ids import fill_public_ids


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="publiek kenmerk"),
        ),
        migrations.RunPython(fill_public_ids("api.ApiToken"), migrations.RunPython.noop),
    ]
