"""#17.15: a public id for every User, filled for the rows there are (then unique: next)."""

from django.db import migrations, models

from deelwijzer.ids import fill_public_ids


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_hash_plaintext_recovery_codes")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="publiek kenmerk"),
        ),
        migrations.RunPython(fill_public_ids("accounts.User"), migrations.RunPython.noop),
    ]
