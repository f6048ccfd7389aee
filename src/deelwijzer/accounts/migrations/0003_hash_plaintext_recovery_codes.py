"""Move the recovery codes that django-otp stored in plain text (otp_static) to
RecoveryCodeDevice, keeping only a salted hash of each (ASVS 5.0 V6.5.2), and delete the
plain-text rows. Users keep the codes they printed; a session that was verified with a
recovery code asks for a code again. The reverse step cannot bring back plain text."""

from django.db import migrations

from deelwijzer.accounts.recovery import hash_code


def hash_static_tokens(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    RecoveryCodeDevice = apps.get_model("accounts", "RecoveryCodeDevice")
    RecoveryCode = apps.get_model("accounts", "RecoveryCode")
    for static in StaticDevice.objects.all().iterator():
        device = RecoveryCodeDevice.objects.create(
            user_id=static.user_id,
            name=static.name,
            confirmed=static.confirmed,
            throttling_failure_timestamp=static.throttling_failure_timestamp,
            throttling_failure_count=static.throttling_failure_count,
            last_used_at=static.last_used_at,
        )
        tokens = static.token_set.values_list("token", flat=True)
        RecoveryCode.objects.bulk_create(
            RecoveryCode(device=device, code_hash=hash_code(token)) for token in tokens
        )
        static.delete()  # its StaticToken rows go with it (on_delete=CASCADE)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_recovery_codes"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_static_tokens, migrations.RunPython.noop)]
