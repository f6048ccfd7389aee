"""Step 1 notes that are added, never changed: follow-ups on an opinion, which may close it
(R1.2), and the statement that no contra-signals are known (R1.5), withdrawn but kept."""

from __future__ import annotations

from datetime import date
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.entries import Correction, changed_meanwhile, entry_correct
from deelwijzer.cases.models import Case
from deelwijzer.procedure import signalling_checks as checks
from deelwijzer.signalling.models import (
    FollowUp,
    NoContraSignalsStatement,
    Opinion,
    OpinionStatus,
    Signal,
    SignalKind,
)
from deelwijzer.signalling.services import date_problem

# --- follow-up notes and closing an opinion (R1.2) -----------------------------------------------


def _follow_up_errors(case: Case, status: str, on: date | None, text: str) -> dict:
    errors: dict[str, list[str]] = {}
    if status not in OpinionStatus.values:
        errors["status"] = [_("Kies open, bevestigd of ontkracht.")]
        return errors
    notes = [(on or timezone.localdate(), text)] if text.strip() else []
    if checks.blocking(checks.opinion_findings(status, notes)):
        errors["text"] = [
            _(
                "Stap 1 (R1.2): een mening sluit je alleen af met een vervolgaantekening. "
                "Schrijf op, met datum, waardoor de mening bevestigd of ontkracht is."
            )
        ]
    elif not text.strip():
        errors["text"] = [_("Schrijf de vervolgaantekening op.")]
    if problem := date_problem(case, on, _("van de vervolgaantekening")):
        errors["date"] = [problem]
    return errors


@transaction.atomic
def opinion_follow_up(
    *,
    actor,
    case_id: CaseRef,
    key: str,
    status: str,
    on: date | None,
    text: str,
    expected_version: int,
) -> FollowUp:
    """Add a dated follow-up note; with a new status, the opinion gets a new version."""
    case, access = get_case(actor, case_id, need="edit")
    errors = _follow_up_errors(case, status, on, text)
    if errors:
        raise ValidationError(errors)
    Case.objects.select_for_update().filter(pk=case.pk).first()  # as entry_correct: case first
    current = Opinion.current(case).select_for_update().filter(key=key).first()
    if current is None or current.version != expected_version:
        # entry_correct gives the same refusal; here it must come before the note is added
        raise changed_meanwhile()
    if status != current.status:
        entry_correct(
            actor=actor,
            case_id=case.pk,
            model=Opinion,
            key=key,
            values={"status": status},
            correction=Correction(
                _("Status gewijzigd naar '%(status)s', zie de vervolgaantekening.")
                % {"status": OpinionStatus(status).label},
                expected_version,
            ),
            action="opinion.status",
        )
    note = FollowUp.objects.create(
        # date_problem refused an empty date
        case=case,
        opinion_key=key,
        date=cast(date, on),
        text=text.strip(),
        recorded_by=actor,
    )
    detail = {"opinion": key, "status": status}
    audit_case(
        actor,
        case,
        "opinion.follow_up",
        role=access.role,
        object_type="follow_up",
        object_id=note.pk,
        detail=detail,
    )
    return note


# --- "geen contrasignalen bekend" (R1.5) ---------------------------------------------------------


def current_statement(case: Case) -> NoContraSignalsStatement | None:
    return NoContraSignalsStatement.objects.filter(case=case, withdrawn_at__isnull=True).first()


@transaction.atomic
def no_contra_signals_set(*, actor, case_id: CaseRef, known: bool) -> NoContraSignalsStatement:
    """Make the statement (known=False means: none known) or withdraw it (known=True)."""
    case, access = get_case(actor, case_id, need="edit")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    statement = current_statement(case)
    if not known:
        if statement is not None:
            raise ValidationError(_("Je hebt al verklaard dat er geen contrasignalen bekend zijn."))
        if Signal.current(case).filter(kind=SignalKind.CONTRA_SIGNAL).exists():
            raise ValidationError(
                _(
                    "Stap 1 (R1.5): er staat al een contrasignaal in deze casus. Je kunt dan "
                    "niet verklaren dat er geen bekend zijn."
                )
            )
        statement = NoContraSignalsStatement.objects.create(case=case, made_by=actor)
        action = "no_contra_signals.state"
    else:
        if statement is None:
            raise ValidationError(_("Er is geen verklaring om in te trekken."))
        statement.withdraw(actor)
        action = "no_contra_signals.withdraw"
    kind = "no_contra_signals_statement"
    audit_case(actor, case, action, role=access.role, object_type=kind, object_id=statement.pk)
    return statement
