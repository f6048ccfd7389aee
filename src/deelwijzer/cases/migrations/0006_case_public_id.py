"""#17.15: a public id for every Case, filled for the rows there are (then unique: next)."""

from django.db import migrations

from deelwijzer.ids import public_id_added


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_merge_identity_versions_and_pseudonym_scope")]

    operations = public_id_added("case", "cases.Case")
