"""#17.15: a public id for every ApiToken, filled for the rows there are (then unique: next)."""

from django.db import migrations

from deelwijzer.ids import public_id_added


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = public_id_added("apitoken", "api.ApiToken")
