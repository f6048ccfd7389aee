"""#17.15: a public id for every RoleGrant, filled for the rows there are (then unique: next)."""

from django.db import migrations, models

from deelwijzer.ids import fill_public_ids


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_role_grant_four_eyes")]

    operations = [
        migrations.AddField(
            model_name="rolegrant",
            name="public_id",
            field=models.UUIDField(editable=False, null=True, verbose_name="publiek kenmerk"),
        ),
        migrations.RunPython(fill_public_ids("organisations.RoleGrant"), migrations.RunPython.noop),
    ]
