"""deelwijzer verify-attachments, and rotate-key re-encrypting the files too."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from deelwijzer import crypto
from deelwijzer.attachments import storage
from deelwijzer.attachments.services import attachment_open
from deelwijzer.audit.models import AuditEvent
from tests.attachments import helpers
from tests.cases.test_encryption import key_file  # noqa: F401 - a fixture

add = helpers.attach


def verify() -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("verify_attachments", stdout=out)
    except CommandError as exc:
        return exc.returncode, out.getvalue() + str(exc)
    return 0, out.getvalue()


def test_verify_says_ok_then_names_a_changed_and_a_missing_file(personas, signal, attachment_dir):
    photo = add(personas, signal, helpers.jpeg_with_gps(), "foto.jpg")
    text = add(personas, signal, b"tekst\n", "a.txt")
    assert verify() == (0, "OK: 3 bestanden gecontroleerd (files verified).\n")
    sealed = bytearray(storage.read_sealed(text.storage_name))
    sealed[-1] ^= 1
    storage.rewrite(text.storage_name, bytes(sealed))
    storage.destroy(photo.thumbnail_name)
    code, output = verify()
    assert code == 1
    assert f"bijlage {text.key}: De versleutelde waarde" in output
    assert f"bijlage {photo.key}: ontbreekt" in output
    assert "2 van 3 bestanden niet in orde" in output
    assert AuditEvent.objects.filter(action="attachment.verify").count() == 2


def test_one_file_is_counted_in_the_singular(personas, signal):
    add(personas, signal, b"tekst\n", "a.txt")  # a text has no thumbnail: one file
    assert verify() == (0, "OK: 1 bestand gecontroleerd (files verified).\n")


def test_a_file_whose_hash_no_longer_matches_is_named(personas, signal):
    text = add(personas, signal, b"tekst\n", "a.txt")
    # a valid encryption of other bytes under the same name: decrypts, but is not the file
    storage.rewrite(
        text.storage_name,
        crypto.encrypt_bytes(b"anders\n", context=f"attachments/{text.storage_name}"),
    )
    code, output = verify()
    assert code == 1 and "hash klopt niet" in output


@pytest.mark.usefixtures("key_file")
def test_rotate_key_reencrypts_the_files_under_the_new_key(personas, signal):
    text = add(personas, signal, b"tekst onder de oude sleutel\n", "a.txt")
    old = crypto.file_key_id(storage.read_sealed(text.storage_name))
    out = io.StringIO()
    call_command("rotate_key", stdout=out)
    new = crypto.keyring().current_id
    assert new != old
    assert crypto.file_key_id(storage.read_sealed(text.storage_name)) == new
    assert "attachments (bestanden): 1" in out.getvalue()
    _, data = attachment_open(
        actor=personas.professional, case_id=personas.case.public_id, key=text.key
    )
    assert data == b"tekst onder de oude sleutel\n"
