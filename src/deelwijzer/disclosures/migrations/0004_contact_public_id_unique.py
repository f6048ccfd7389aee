"""#17.15: every Contact has its public id now; from here on it is required and unique.

A migration of its own: on PostgreSQL the table is altered in a transaction of its own, after the
rows were filled."""

from django.db import migrations, models

import deelwijzer.ids


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0003_contact_public_id")]

    operations = [
        migrations.AlterField(
            model_name="contact",
            name="public_id",
            field=models.UUIDField(
                default=deelwijzer.ids.uuid7,
                editable=False,
                unique=True,
                verbose_name="publiek kenmerk",
            ),
        ),
    ]
