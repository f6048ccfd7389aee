"""A service's input from whatever carries its fields: an API payload, a model row, a form's
cleaned data. One way to copy fields by name instead of listing them at every caller."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def input_from(cls: type[T], source: Any, **given: Any) -> T:
    """``cls`` (a dataclass) with each of its fields taken from ``given``, else from ``source``
    by name (a key of a mapping, else an attribute); a field ``source`` lacks keeps its
    default. Lists are copied, so the input never shares one with its source."""
    values: dict[str, Any] = {}
    for each in fields(cls):  # type: ignore[arg-type]
        name = each.name
        if name in given:
            values[name] = given[name]
        elif isinstance(source, Mapping) and name in source:
            values[name] = source[name]
        elif not isinstance(source, Mapping) and hasattr(source, name):
            values[name] = getattr(source, name)
        else:
            continue
        if isinstance(values[name], list):
            values[name] = list(values[name])
    return cls(**values)
