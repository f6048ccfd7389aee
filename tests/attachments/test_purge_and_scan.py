"""Purge destroys the files; clamd scanning refuses what it finds, and says so in the audit."""

from __future__ import annotations

import os
import socket
import struct
import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from deelwijzer.attachments.models import Attachment
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from deelwijzer.cases.retention import case_purge_expired, months_before
from deelwijzer.cases.services import case_close
from tests.attachments import helpers
from tests.attachments.conftest import stored_files

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n"


add = helpers.attach


def test_purge_leaves_no_file(personas, signal, attachment_dir, django_capture_on_commit_callbacks):
    add(personas, signal, helpers.jpeg_with_gps())
    add(personas, signal, helpers.pdf(), "brief.pdf")
    assert len(stored_files(attachment_dir)) == 3
    today = date(2030, 1, 1)
    case_close(actor=personas.professional, case_id=personas.case.pk, reason="afgerond")
    Case.objects.filter(pk=personas.case.pk).update(
        closed_at=Case.objects.get(pk=personas.case.pk).closed_at.replace(
            year=months_before(today, 30).year
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        purged = case_purge_expired(today=today)
    assert [p.case_id for p in purged] == [personas.case.pk]
    assert purged[0].deleted["attachments.Attachment"] == 2
    assert stored_files(attachment_dir) == []
    assert not Attachment.objects.exists()


class FakeClamd:
    """Speaks clamd's INSTREAM protocol on a unix socket: FOUND for EICAR, OK otherwise.
    (clamav-daemon needs its signature database from the internet, which CI cannot reach.)"""

    def __init__(self, path: str):
        self.path = path
        self.received: list[bytes] = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(4)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, conn, n: int) -> bytes:
        data = b""
        while len(data) < n:
            part = conn.recv(n - len(data))
            if not part:
                raise ConnectionError
            data += part
        return data

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                assert self._read(conn, 10) == b"zINSTREAM\0"
                body = b""
                while True:
                    (length,) = struct.unpack(">I", self._read(conn, 4))
                    if not length:
                        break
                    body += self._read(conn, length)
                self.received.append(body)
                found = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in body
                conn.sendall(b"stream: Eicar-Test-Signature FOUND\0" if found else b"stream: OK\0")

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def clamd(tmp_path, settings):
    path = str(tmp_path / "clamd.sock")
    fake = FakeClamd(path)
    settings.CLAMD = path
    yield fake
    fake.close()


def test_clamd_scans_every_upload_and_refuses_what_it_finds(
    personas, signal, clamd, attachment_dir
):
    add(personas, signal, b"gewone tekst\n", "a.txt")
    with pytest.raises(ValidationError) as refused:
        add(personas, signal, EICAR, "b.txt")
    assert "Eicar-Test-Signature" in refused.value.message_dict["file"][0]
    assert clamd.received == [b"gewone tekst\n", EICAR]
    assert Attachment.objects.count() == 1 and len(stored_files(attachment_dir)) == 1
    event = AuditEvent.objects.get(action="attachment.refuse_infected")
    assert event.outcome == "denied" and event.detail["finding"] == "Eicar-Test-Signature"


def test_a_configured_scanner_that_is_down_refuses_the_upload(personas, signal, settings, tmp_path):
    settings.CLAMD = str(tmp_path / "nobody-listens.sock")
    with pytest.raises(ValidationError) as refused:
        add(personas, signal, b"tekst\n", "a.txt")
    assert "virusscanner" in refused.value.message_dict["file"][0]
    assert not Attachment.objects.exists()
    assert not os.path.exists(tmp_path / "attachments")
