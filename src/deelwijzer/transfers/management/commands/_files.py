"""Reading and writing the JSON files of the transfer commands, with one-line refusals."""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.core.management.base import CommandError

from deelwijzer.commandbase import BAD_INPUT


def read_json(path: str, what: str) -> dict:
    try:
        value = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(
            f"Kan {what} {path} niet lezen: {error.strerror}.", returncode=BAD_INPUT
        ) from None
    except ValueError:
        raise CommandError(f"{what} {path} is geen JSON.", returncode=BAD_INPUT) from None
    if not isinstance(value, dict):
        raise CommandError(f"{what} {path} is geen JSON-object.", returncode=BAD_INPUT)
    return value


def write_json(path: Path, value: dict, *, secret: bool = False) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    try:
        if secret:  # only the owner may read a private key
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            path.write_text(text, encoding="utf-8")
    except FileExistsError:
        raise CommandError(
            f"{path} bestaat al; kies een andere map.", returncode=BAD_INPUT
        ) from None
    except OSError as error:
        raise CommandError(
            f"Kan {path} niet schrijven: {error.strerror}.", returncode=BAD_INPUT
        ) from None
