"""Optional virus scanning through clamd (``DEELWIJZER_CLAMD``: a unix socket path, or
``host:port``), with clamd's INSTREAM command: the bytes go to clamd in chunks, clamd answers
``stream: OK`` or ``stream: <name> FOUND``. Unset: no scanning. Set but unreachable: the upload
is refused (a scanner that is configured but down must not let files through unscanned)."""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

from django.conf import settings

CHUNK = 64 * 1024
TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    finding: str = ""  # the signature's name when not clean


class ScannerUnavailable(Exception):
    pass


def _connect(address: str) -> socket.socket:
    if address.startswith("/"):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(TIMEOUT_SECONDS)
        sock.connect(address)
        return sock
    host, _, port = address.rpartition(":")
    return socket.create_connection((host, int(port)), timeout=TIMEOUT_SECONDS)


def _instream(sock: socket.socket, data: bytes) -> str:
    sock.sendall(b"zINSTREAM\0")
    for start in range(0, len(data), CHUNK):
        chunk = data[start : start + CHUNK]
        sock.sendall(struct.pack(">I", len(chunk)) + chunk)
    sock.sendall(struct.pack(">I", 0))
    answer = b""
    while not answer.endswith(b"\0"):
        part = sock.recv(4096)
        if not part:
            break
        answer += part
    return answer.rstrip(b"\0").decode("utf-8", "replace").strip()


def scan(data: bytes) -> ScanResult | None:
    """None when no scanner is configured."""
    address = getattr(settings, "CLAMD", "")
    if not address:
        return None
    try:
        with _connect(address) as sock:
            answer = _instream(sock, data)
    except (OSError, ValueError) as exc:
        raise ScannerUnavailable(str(exc)) from exc
    if answer.endswith("OK"):
        return ScanResult(True)
    if answer.endswith("FOUND"):
        name = answer.removeprefix("stream:").removesuffix("FOUND").strip()
        return ScanResult(False, name)
    raise ScannerUnavailable(answer or "no answer")
