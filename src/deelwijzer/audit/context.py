"""Who is acting from where, for the audit rows written during one request or command."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditContext:
    client_address: str = ""
    channel: str = "web"


_current: ContextVar[AuditContext] = ContextVar("audit_context", default=AuditContext())  # noqa: B039 - frozen


def current() -> AuditContext:
    return _current.get()


def set_context(context: AuditContext):
    return _current.set(context)


def reset_context(token) -> None:
    _current.reset(token)
