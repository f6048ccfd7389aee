"""Input types with the limits of ``procedure.limits`` (the same as the forms' and the
import's), so a request that would not fit is a 422 with the reason, never a database error.
Texts may hold no invisible control character: no NUL (PostgreSQL refuses it), no bell or
escape (no page or PDF can show them); tab and line breaks are text. The forms refuse the same
(``ui.forms.visible_text``), and the refusal names the characters (``api.api``). Numbers and
yes/no in a body are strict: ``true``, ``"1"`` or ``1.0`` is no version or id, ``1`` or
``"yes"`` no boolean (422), as the schema says; path and query values arrive as text and are
read as numbers there."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any
from uuid import UUID

from ninja import Path
from pydantic import Field, GetCoreSchemaHandler
from pydantic_core import core_schema

from deelwijzer.procedure.limits import (
    IDENTIFIER_MAX,
    NAME_MAX,
    PSEUDONYM_MAX,
    RELATION_MAX,
    ROLE_MAX,
    TEXT_MAX,
)

# Unicode's control characters (category Cc) but tab, line feed and carriage return, as
# procedure.limits.control_characters counts them
VISIBLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
MAX_ID = 2**63 - 1

Text = Annotated[str, Field(max_length=TEXT_MAX, pattern=VISIBLE)]


# One line of text at most so many characters long. Spelled out one by one: a type checker
# reads only such aliases as types, not a call that makes them.
Line10 = Annotated[str, Field(max_length=10, pattern=VISIBLE)]
Line12 = Annotated[str, Field(max_length=12, pattern=VISIBLE)]
Line15 = Annotated[str, Field(max_length=15, pattern=VISIBLE)]
Line20 = Annotated[str, Field(max_length=20, pattern=VISIBLE)]
Line30 = Annotated[str, Field(max_length=30, pattern=VISIBLE)]
Line40 = Annotated[str, Field(max_length=40, pattern=VISIBLE)]
Line60 = Annotated[str, Field(max_length=60, pattern=VISIBLE)]
Line100 = Annotated[str, Field(max_length=100, pattern=VISIBLE)]
Line120 = Annotated[str, Field(max_length=120, pattern=VISIBLE)]
Line200 = Annotated[str, Field(max_length=200, pattern=VISIBLE)]
NameLine = Annotated[str, Field(max_length=NAME_MAX, pattern=VISIBLE)]
PseudonymLine = Annotated[str, Field(max_length=PSEUDONYM_MAX, pattern=VISIBLE)]
RelationLine = Annotated[str, Field(max_length=RELATION_MAX, pattern=VISIBLE)]
RoleLine = Annotated[str, Field(max_length=ROLE_MAX, pattern=VISIBLE)]
IdentifierLine = Annotated[str, Field(max_length=IDENTIFIER_MAX, pattern=VISIBLE)]


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


class OneOf:
    """``Annotated[str, OneOf(SomeChoices)]``: the value is one of a model's choices (the same
    list the form and the service take, declared once on the model), listed as ``enum`` in the
    OpenAPI document; ``empty=True`` also takes "" (a field that may stay unanswered, whose
    service then says which rule wants it). Anything else is a 422 "Kies een van: …"."""

    def __init__(self, choices: Iterable[Any] | type, *, empty: bool = False) -> None:
        values = [str(getattr(c, "value", c)) for c in choices]  # type: ignore[union-attr]
        self.values = [""] * empty + values

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.literal_schema(self.values)
