"""#17.15: a public id for every RoleGrant, filled for the rows there are (then unique: next)."""

from django.db import migrations

from deelwijzer.ids import public_id_added


class Migration(migrations.Migration):
    dependencies = [("organisations", "0004_role_grant_four_eyes")]

    operations = public_id_added("rolegrant", "organisations.RoleGrant")
