"""Would-be case files: the case as it would be after a write, judged by the engine.

A write of step 3 is refused when the engine finds that the case file it would make breaks
R3.3 or R3.4, or that a recorded R3.2 exception does not hold. The rules stay in procedure/.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cached_property

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.cases.models import Case
from deelwijzer.interchange.casefile import build_casefile
from deelwijzer.procedure import conversation_checks as checks
from deelwijzer.procedure.casefile import CaseFile, CaseFileError, load_casefile

Change = Callable[[dict], None]


class WouldBe:
    """The case file now (``before``) and after a change (``after``)."""

    def __init__(self, case: Case, change: Change) -> None:
        self.today = timezone.localdate()
        self.data = build_casefile(case, evaluated_on=self.today)
        self.after_data = copy.deepcopy(self.data)
        change(self.after_data)

    @cached_property
    def after(self) -> CaseFile:
        return _load(self.after_data)

    @property
    def advice_ids(self) -> set[str]:
        return {a["id"] for a in self.data["advice"]}

    def before(self) -> CaseFile | None:
        try:
            return load_casefile(self.data)
        except CaseFileError:
            return None

    def refusals(self, rules: tuple[str, ...], *, concerning: str | None = None) -> list[str]:
        """The engine's messages on what the change would break."""
        before = self.before()
        if concerning is None or before is None:
            found = checks.violations(self.after, rules, today=self.today)
        else:
            found = checks.new_violations(
                before, self.after, rules, concerning=concerning, today=self.today
            )
        return [f.message for f in found]

    def exception_problem(self) -> str | None:
        return checks.guardians_exception_problem(self.after, today=self.today)


def _load(data: dict) -> CaseFile:
    try:
        return load_casefile(data)
    except CaseFileError as error:
        raise ValidationError(
            _(
                "Deelwijzer kon niet nagaan of dit volgens de werkwijze mag, omdat de gegevens "
                "niet bij de casus passen (%(problems)s). Controleer de invoer."
            )
            % {"problems": "; ".join(error.problems[:3])}
        ) from error


def refuse(messages: list[str], *, field: str | None = None) -> None:
    if messages:
        raise ValidationError({field: messages} if field else messages)
