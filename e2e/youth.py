"""Fictional young people for the scenarios, with their age computed from today."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


@dataclass(frozen=True)
class Youth:
    first_name: str
    last_name: str
    age: int
    identifiers: tuple[str, ...]
    guardians: tuple[tuple[str, str], ...] = ()  # (name, relation), all with authority

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def birth_date(self) -> date:
        """``age`` years old today, with the birthday about four months ago."""
        today = date.today()
        anniversary = today - timedelta(days=120)
        try:
            return anniversary.replace(year=anniversary.year - self.age)
        except ValueError:  # 29 February
            return (anniversary - timedelta(days=1)).replace(year=anniversary.year - self.age)

    def birth_date_forms(self) -> list[str]:
        """The ways a page could write the birth date."""
        d = self.birth_date
        return [
            d.isoformat(),
            f"{d.day} {MONTHS[d.month - 1]} {d.year}",
            f"{d.day:02d}-{d.month:02d}-{d.year}",
            f"{d.day}-{d.month}-{d.year}",
            f"{d.day:02d}/{d.month:02d}/{d.year}",
        ]

    def traces_in(self, html: str) -> list[str]:
        """Whatever in ``html`` would tell who this young person is."""
        words = [self.name, self.first_name, self.last_name, *self.identifiers]
        words += self.birth_date_forms()
        return [w for w in words if re.search(re.escape(w), html, flags=re.IGNORECASE)]
