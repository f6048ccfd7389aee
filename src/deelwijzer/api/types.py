"""Input types with the limits of ``procedure.limits`` (the same as the forms' and the
import's), so a request that would not fit is a 422 with the reason, never a database error.
Texts may hold no NUL character (PostgreSQL refuses it), as Django's own form fields refuse
it. Numbers and yes/no in a body are strict: ``true``, ``"1"`` or ``1.0`` is no version or id,
``1`` or ``"yes"`` no boolean (422), as the schema says; path and query values arrive as text
and are read as numbers there."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from ninja import Path
from pydantic import Field

from deelwijzer.procedure.limits import TEXT_MAX

NO_NUL = r"^[^\x00]*$"
MAX_ID = 2**63 - 1

Text = Annotated[str, Field(max_length=TEXT_MAX, pattern=NO_NUL)]


def line(length: int) -> type[str]:
    return Annotated[str, Field(max_length=length, pattern=NO_NUL)]  # type: ignore[return-value]


Id = Annotated[int, Field(strict=True, ge=1, le=MAX_ID)]
Version = Annotated[int, Field(strict=True, ge=0, le=2**31 - 1)]
Flag = Annotated[bool, Field(strict=True)]
Key = Annotated[str, Field(max_length=12, pattern=r"^[a-z]{1,2}[0-9]{1,9}$")]

# Ids that leave the app are public ids (UUIDv7, #17.15): an integer key would show how many
# cases, users or contacts all organisations together have.
PublicId = Annotated[UUID, Field(description="Publiek id (UUID).")]
CaseId = Annotated[UUID, Path(description="Het id van de casus (UUID).")]
EntryKey = Annotated[
    str,
    Path(max_length=12, pattern=r"^[a-z]{1,2}[0-9]{1,9}$", description="Kenmerk, bv. s1."),
]
