"""The S3 path: attachments in an S3-compatible object store (django-storages), against moto's
standalone server, which this test starts on a free port (moto[server] is in the dev extra)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import boto3
import pytest

from deelwijzer.attachments import storage
from deelwijzer.attachments.services import attachment_add, attachment_open, attachment_withdraw
from tests.attachments import helpers

BUCKET = "deelwijzer-bijlagen"
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            assert process.poll() is None, "moto's server stopped"
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("moto's S3 server did not start within 30 s")
    endpoint = f"http://127.0.0.1:{port}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS).create_bucket(
        Bucket=BUCKET
    )
    yield endpoint
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def s3_storage(s3_server, settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "file_overwrite": True,
                "default_acl": None,
            },
        },
    }
    return boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **CREDENTIALS)


def _objects(client) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read() for o in listed}


def test_attachments_live_encrypted_in_the_object_store(
    personas, signal, s3_storage, django_capture_on_commit_callbacks
):
    assert type(storage.store()).__name__ == "S3Storage"
    text = b"Opstel: Jan Jansen schreef dit op 3 maart.\n"
    attachment = attachment_add(
        actor=personas.professional,
        case_id=personas.case.public_id,
        entry_kind="signal",
        entry_key=signal.key,
        upload=helpers.upload(text, "opstel.txt"),
    )
    photo = attachment_add(
        actor=personas.professional,
        case_id=personas.case.public_id,
        entry_kind="signal",
        entry_key=signal.key,
        upload=helpers.upload(helpers.jpeg_with_gps()),
    )
    objects = _objects(s3_storage)
    assert set(objects) >= {attachment.storage_name, photo.storage_name, photo.thumbnail_name}
    assert all(o.startswith(b"DWF1") and b"Jan Jansen" not in o for o in objects.values())
    _, data = attachment_open(
        actor=personas.professional, case_id=personas.case.public_id, key=attachment.key
    )
    assert data == text
    with django_capture_on_commit_callbacks(execute=True):
        attachment_withdraw(
            actor=personas.professional,
            case_id=personas.case.public_id,
            key=photo.key,
            reason="dubbel",
        )
    assert set(_objects(s3_storage)) == {attachment.storage_name}
