"""The case file's sections: each step app registers its own in its ``AppConfig.ready()``.

A section fills its part of the ``deelwijzer-casefile/1`` dict (``export``) and, where the
app's entries can be imported, turns that part back into entries through the app's own
services (``import_``). ``order`` is the step order: a later section may read what an earlier
one wrote (risks leave out references to ids the file does not hold), and an import may use
the keys an earlier one gave (an opinion's ``about``, a risk's ``based_on``).

This module imports no step app; the step apps import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError


@dataclass
class ImportStep:
    """What one section's import works with; ``keys`` maps the file's ids to the new case's
    keys (``s3`` in the file may become ``s1``) and is shared by all sections."""

    actor: Any
    case: Any
    data: dict
    problems: Any
    keys: dict[str, str] = field(default_factory=dict)
    imported: dict[str, int] = field(default_factory=dict)

    def run(self, path: str, call: Callable[[], Any]) -> Any:
        """``call()``, or None with its refusal kept as a problem at the JSON ``path``."""
        try:
            return call()
        except ValidationError as error:
            self.problems.add(path, error)
            return None

    def add_each(
        self,
        group: str,
        values_of: Callable[[dict], Any],
        add: Callable[..., Any],
        then: Callable[[dict, Any, str], None] | None = None,
    ) -> int:
        """Each item of ``data[group]`` through ``add(actor=, case_id=, data=values_of(item))``
        (a step service); its key is remembered for the file's id, ``then(item, entry, path)``
        follows an added entry. Returns how many were added."""
        count = 0
        for i, item in enumerate(self.data.get(group) or []):
            path = f"$.{group}[{i}]"
            values = values_of(item)
            entry = self.run(
                path, partial(add, actor=self.actor, case_id=self.case.pk, data=values)
            )
            if entry is not None:
                self.keys[item["id"]] = entry.key
                if then is not None:
                    then(item, entry, path)
                count += 1
        return count


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[Any, dict], None]
    import_: Callable[[ImportStep], None] | None
    order: int


_SECTIONS: dict[str, Section] = {}


def register_section(
    name: str,
    *,
    export: Callable[[Any, dict], None],
    import_: Callable[[ImportStep], None] | None = None,
    order: int,
) -> None:
    """Register (or, on a second ``ready()``, replace) the section ``name``."""
    taken = [s.name for s in _SECTIONS.values() if s.order == order and s.name != name]
    if taken:
        raise ValueError(f"case-file section {name!r}: order {order} is taken by {taken[0]!r}")
    _SECTIONS[name] = Section(name=name, export=export, import_=import_, order=order)


def sections() -> list[Section]:
    """Every registered section, in step order."""
    return sorted(_SECTIONS.values(), key=lambda s: s.order)
