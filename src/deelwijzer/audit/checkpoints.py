"""Signed checkpoints of the audit chain, kept outside the database (issue #17.2).

A checkpoint says: "at this time the chain ended at row ``event_id`` with this hash, after
``count`` rows", signed with an HMAC under the current audit key (its key id is in the file).
``deelwijzer audit-checkpoint`` writes one file per checkpoint into ``AUDIT_CHECKPOINT_DIR``
(never overwriting one) and prints the same line for the log; the operator ships the directory
to write-once storage. ``verify-audit`` holds the chain against every checkpoint it finds, so
removing the newest rows, or recomputing the chain, is found up to the last checkpoint.
Checkpoints hold ids and hashes only, no content.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from deelwijzer.audit import keys

FORMAT = "deelwijzer-audit-checkpoint/1"
SIGNED_FIELDS = ("format", "event_id", "hash", "count", "written_at", "key_id")


class CheckpointError(Exception):
    """A checkpoint file that cannot be read or whose signature does not match."""


@dataclass(frozen=True)
class Checkpoint:
    event_id: int
    hash: str
    count: int
    written_at: str
    key_id: str
    signature: str = ""
    format: str = FORMAT

    def signed_part(self) -> dict:
        return {name: getattr(self, name) for name in SIGNED_FIELDS}

    def line(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))


def _signature(checkpoint: Checkpoint) -> str:
    body = json.dumps(checkpoint.signed_part(), sort_keys=True, separators=(",", ":"))
    return keys.mac(checkpoint.key_id, f"{FORMAT}\n{body}".encode(), "een auditcheckpoint")


def make(*, event_id: int, hash: str, count: int) -> Checkpoint:
    unsigned = Checkpoint(
        event_id=event_id,
        hash=hash,
        count=count,
        written_at=datetime.now(UTC).isoformat(timespec="seconds"),
        key_id=keys.current_key_id(),
    )
    return Checkpoint(**{**asdict(unsigned), "signature": _signature(unsigned)})


def write(checkpoint: Checkpoint, directory: Path) -> Path:
    """A new file in ``directory`` (made if missing); an existing file is never replaced."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = checkpoint.written_at.replace(":", "").replace("+0000", "Z")
    path = directory / f"checkpoint-{checkpoint.event_id:012d}-{stamp}.json"
    tmp = directory / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}"
    tmp.write_text(checkpoint.line() + "\n")
    tmp.chmod(0o640)
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass  # the same row, the same second: that checkpoint is already there
    finally:
        tmp.unlink()
    return path


def read(path: Path) -> Checkpoint:
    """One checkpoint file, its signature checked."""
    try:
        data = json.loads(path.read_text())
        checkpoint = Checkpoint(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise CheckpointError(f"checkpoint {path.name} cannot be read: {exc}") from exc
    if checkpoint.format != FORMAT:
        raise CheckpointError(f"checkpoint {path.name} has an unknown format")
    if not keys.same(_signature(checkpoint), str(checkpoint.signature)):
        raise CheckpointError(
            f"checkpoint {path.name} has a bad signature: changed or not made with an audit key"
        )
    return checkpoint


def load_all(directory: Path) -> list[Checkpoint]:
    """Every checkpoint in ``directory`` (none if it does not exist), oldest row first."""
    if not directory.is_dir():
        return []
    found = [read(path) for path in sorted(directory.glob("checkpoint-*.json"))]
    return sorted(found, key=lambda c: (c.event_id, c.written_at))
