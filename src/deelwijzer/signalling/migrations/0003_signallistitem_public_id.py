"""#17.15: a public id for every SignalListItem, filled for the rows there are (then unique: next)."""

from django.db import migrations, models

from deelwijzer.ids import fill_public_ids


class Migration(migrations.Migration):
    dependencies = [("signalling", "0002_encrypt_at_rest")]

    operations = [
        migrations.AddField(
            model_name="signallistitem",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="publiek kenmerk"),
        ),
        migrations.RunPython(fill_public_ids("signalling.SignalListItem"), migrations.RunPython.noop),
    ]
