"""#17.15: a public id for every SignalListItem, filled for the rows there are (then unique: next)."""

from django.db import migrations

from deelwijzer.ids import public_id_added


class Migration(migrations.Migration):
    dependencies = [("signalling", "0002_encrypt_at_rest")]

    operations = public_id_added("signallistitem", "signalling.SignalListItem")
