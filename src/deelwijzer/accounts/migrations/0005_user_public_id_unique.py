"""#17.15: every User has its public id now; from here on it is required and unique.

A migration of its own: on PostgreSQL the table is altered in a transaction of its own, after the
rows were filled."""

from django.db import migrations

from deelwijzer.ids import public_id_required


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_user_public_id")]

    operations = public_id_required("user")
