"""An advice's answer (R2.4) and its outcome (R2.5): input, checks and stored values."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.advice.models import (
    ANSWER_FIELDS,
    AdviceRequest,
    MayIndicate,
    Outcome,
    RequestStatus,
    Timing,
)
from deelwijzer.procedure.casefile import AdviceAnswers
from deelwijzer.procedure.rules.step2 import missing_answer_fields


@dataclass(frozen=True)
class AnswerInput:
    may_indicate_radicalisation: str = ""
    severity: str = ""
    safety_risks: str = ""
    timing: str = ""
    follow_up_steps: str = ""
    follow_up_by: str = ""
    conversation_possible: bool | None = None
    conversation_by: str = ""
    conversation_risks: str = ""
    outcome: str = ""
    review_date: date | None = None

    def cleaned(self) -> AnswerInput:
        values: dict[str, Any] = {
            f.name: (v.strip() if isinstance(v, str) else v)
            for f in fields(self)
            for v in [getattr(self, f.name)]
        }
        return AnswerInput(**values)

    def as_engine_answers(self) -> AdviceAnswers:
        """The answers as the engine reads them (an empty text counts as not given)."""
        return AdviceAnswers(
            may_indicate_radicalisation=self.may_indicate_radicalisation or None,
            severity=self.severity or None,
            safety_risks=self.safety_risks or None,
            timing=self.timing or None,
            follow_up_steps=self.follow_up_steps or None,
            follow_up_by=self.follow_up_by or None,
            conversation_possible=self.conversation_possible,
            conversation_by=self.conversation_by or None,
            conversation_risks=self.conversation_risks or None,
        )

    def values(self) -> dict:
        """The model fields to store; a review date only with the outcome that asks for it."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.outcome != Outcome.EXTRA_ATTENTION:
            values["review_date"] = None
        return values


def outcome_errors(answer: AnswerInput, kept_review: date | None = None) -> dict[str, list[str]]:
    """R2.5: exactly one outcome; "extra attention" needs the date to look again, today or
    later (``kept_review``, the date the answer has already, may stay when it is corrected)."""
    errors: dict[str, list[str]] = {}
    if answer.outcome not in Outcome.values:
        errors["outcome"] = [
            _(
                "Stap 2 (R2.5): kies precies één besluit: geen vervolgstappen, extra aandacht, "
                "een gesprek met de jongere of meer advies vragen."
            )
        ]
    elif answer.outcome == Outcome.EXTRA_ATTENTION and answer.review_date is None:
        errors["review_date"] = [
            _(
                "Stap 2 (R2.5): bij extra aandacht hoort een datum waarop je de signalen "
                "opnieuw bekijkt. Vul die datum in."
            )
        ]
    elif (
        answer.outcome == Outcome.EXTRA_ATTENTION
        and answer.review_date is not None
        and answer.review_date < timezone.localdate()
        and answer.review_date != kept_review
    ):
        errors["review_date"] = [
            _(
                "Stap 2 (R2.5): de datum om de signalen opnieuw te bekijken ligt in het "
                "verleden. Kies vandaag of een latere datum."
            )
        ]
    return errors


def choice_errors(answer: AnswerInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if answer.may_indicate_radicalisation not in ("", *MayIndicate.values):
        errors["may_indicate_radicalisation"] = [_("Kies ja, nee of nog niet te zeggen.")]
    if answer.timing not in ("", *Timing.values):
        errors["timing"] = [_("Kies korte termijn, later of geen risico's.")]
    return errors


def input_errors(answer: AnswerInput, kept_review: date | None) -> dict[str, list[str]]:
    """What is wrong in the answer's choices and outcome (see ``outcome_errors``)."""
    return {**choice_errors(answer), **outcome_errors(answer, kept_review)}


def answer_errors(
    answer: AnswerInput, *, complete: bool, kept_review: date | None
) -> dict[str, list[str]]:
    """What is wrong in the answer (``input_errors``); with ``complete`` also each R2.4
    question it leaves open, at the answer that should say it."""
    errors = input_errors(answer, kept_review)
    if complete:
        for name, what in missing_answer_fields(answer.as_engine_answers(), answer.outcome or None):
            errors.setdefault(name, []).append(
                _("Stap 2 (R2.4): het advies zegt nog niet %(what)s.") % {"what": what}
            )
    return errors


def check_answer(answer: AnswerInput, *, complete: bool, kept_review: date | None) -> None:
    """Refuse an answer without exactly one outcome; with ``complete`` also one that leaves
    an R2.4 question open, naming what is missing at its field. ``kept_review``: the
    request's review date as it stands (see ``outcome_errors``)."""
    if errors := answer_errors(answer, complete=complete, kept_review=kept_review):
        raise ValidationError(errors)


def answer_rows(request: AdviceRequest) -> list[tuple[str, str]]:
    """The R2.4 answers of a request as (question, answer) pairs; empty while unanswered."""
    if request.status != RequestStatus.ANSWERED:
        return []
    return [(_field_label(name), _answer_value(request, name)) for name in ANSWER_FIELDS]


def _field_label(name: str) -> str:
    return str(cast(models.Field, AdviceRequest._meta.get_field(name)).verbose_name)


def _answer_value(request: AdviceRequest, name: str) -> str:
    value = getattr(request, name)
    if name == "conversation_possible":
        return {True: _("Ja"), False: _("Nee")}.get(value, "")
    if value and name in ("may_indicate_radicalisation", "timing"):
        return str(getattr(request, f"get_{name}_display")())
    return str(value or "")
