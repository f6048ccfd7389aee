"""#17.15: a public id for every User, filled for the rows there are (then unique: next)."""

from django.db import migrations

from deelwijzer.ids import public_id_added


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_hash_plaintext_recovery_codes")]

    operations = public_id_added("user", "accounts.User")
