"""Which entries may carry files: the step apps register theirs from ``AppConfig.ready()``
(signals and contra-signals in step 1, conversations in step 3), so this app imports no
step app."""

from __future__ import annotations

from dataclasses import dataclass

from deelwijzer.cases.entries import VersionedEntry


@dataclass(frozen=True)
class Owner:
    kind: str  # "signal", "conversation": in the API path and on the row
    model: type[VersionedEntry]
    step: int
    correct_action: str  # the audit action of the entry's correction (withdrawal)
    url_name: str  # the entry page, reversed with case_id and key


_owners: dict[str, Owner] = {}


def register_owner(owner: Owner) -> None:
    _owners[owner.kind] = owner


def owner(kind: str) -> Owner | None:
    return _owners.get(kind)


def owners() -> list[Owner]:
    return list(_owners.values())
