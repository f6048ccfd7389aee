"""Step 2 writes by the team: compose, send, and record the answer of an adviser.

The attention officer's reads and answers are in :mod:`deelwijzer.advice.inbox`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.advice import notices
from deelwijzer.advice.answers import AnswerInput, check_answer
from deelwijzer.advice.models import AdviceRequest, AdviserKind, ExternalOrganisation, RequestStatus
from deelwijzer.advice.selectors import current_request, current_signals
from deelwijzer.advice.texts import (
    compose_text,
    identity_casefile,
    organisation_names,
    remaining_identifiers,
)
from deelwijzer.advice.transitions import ensure_transition
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.entries import Correction, entry_correct, entry_create
from deelwijzer.cases.models import Case
from deelwijzer.procedure.deidentify import DeduceNotBuiltError
from deelwijzer.procedure.identifiers import bidi_controls
from deelwijzer.procedure.pseudonymise import pseudonymise


@dataclass(frozen=True)
class ComposeInput:
    question: str
    adviser_kind: str
    signal_keys: list[str] = field(default_factory=list)
    adviser_member_id: int | None = None
    external_organisation: str = ""
    external_name: str = ""


def _adviser_errors(case: Case, actor, data: ComposeInput) -> dict[str, list[str]]:
    if data.adviser_kind not in AdviserKind.values:
        return {"adviser_kind": [_("Kies aan wie je advies vraagt.")]}
    if data.adviser_kind == AdviserKind.TEAM_MEMBER:
        member = data.adviser_member_id
        on_team = (
            member is not None and case.team.filter(user_id=member).exclude(user=actor).exists()
        )
        if not on_team:
            return {"adviser_member": [_("Kies een collega uit het team van deze jongere.")]}
    if data.adviser_kind == AdviserKind.ATTENTION_OFFICER:
        if not case.organisation.has_attention_officer:
            return {
                "adviser_kind": [
                    _("Je organisatie heeft geen aandachtsfunctionaris radicalisering.")
                ]
            }
    if data.adviser_kind == AdviserKind.EXTERNAL:
        if data.external_organisation not in ExternalOrganisation.values:
            return {"external_organisation": [_("Kies bij welke organisatie de adviseur werkt.")]}
    return {}


def _compose_errors(case: Case, actor, data: ComposeInput, found: list) -> dict:
    errors = _adviser_errors(case, actor, data)
    if not data.question.strip():
        errors["question"] = [_("Schrijf op wat je de adviseur wilt vragen.")]
    if len(found) != len(set(data.signal_keys)):
        errors["signal_keys"] = [_("Kies alleen signalen die nu in deze casus staan.")]
    return errors


def _proposed_text(case: Case, text: str, outside_team: bool) -> str:
    if not outside_team:
        return text
    try:
        names = organisation_names(case)
        return pseudonymise(text, identity_casefile(case), organisation_names=names).text
    except DeduceNotBuiltError as error:
        raise ValidationError(str(error)) from error


def _asker_role(case: Case, actor) -> str:
    return case.team.filter(user=actor).values_list("role_on_team", flat=True).first() or ""


@transaction.atomic
def advice_compose(*, actor, case_id: CaseRef, data: ComposeInput) -> AdviceRequest:
    """A draft request; for an adviser outside the team its text is pseudonymised already."""
    case, _access = get_case(actor, case_id, need="edit")
    found = current_signals(case, data.signal_keys)
    errors = _compose_errors(case, actor, data, found)
    if errors:
        raise ValidationError(errors)
    original = compose_text(data.question, found)
    outside = data.adviser_kind != AdviserKind.TEAM_MEMBER
    values = {
        "asked_by": actor,
        "asker_role": _asker_role(case, actor),
        "adviser_kind": data.adviser_kind,
        "adviser_member_id": data.adviser_member_id
        if data.adviser_kind == AdviserKind.TEAM_MEMBER
        else None,
        "external_organisation": data.external_organisation
        if data.adviser_kind == AdviserKind.EXTERNAL
        else "",
        "external_name": data.external_name.strip()
        if data.adviser_kind == AdviserKind.EXTERNAL
        else "",
        "signal_keys": [s.key for s in found],
        "question": data.question.strip(),
        "original_text": original,
        "request_text": _proposed_text(case, original, outside),
    }
    return entry_create(
        actor=actor, case_id=case.pk, model=AdviceRequest, values=values, action="advice.compose"
    )


@transaction.atomic
def advice_send(
    *, actor, case_id: CaseRef, key: str, text: str, expected_version: int
) -> AdviceRequest:
    """Send a draft. Outside the team, refused while the text holds a known identifier (R2.1)."""
    case, _access = get_case(actor, case_id, need="edit")
    draft = current_request(case, key)
    ensure_transition(draft, RequestStatus.SENT)
    text = text.replace("\r\n", "\n").strip()  # as composed: lines end in LF
    if not text:
        raise ValidationError({"request_text": [_("De tekst van de adviesvraag is leeg.")]})
    reordered = bidi_controls(text)
    if reordered:  # shown in another order than stored: no check can vouch for it
        raise ValidationError(
            {
                "request_text": [
                    _(
                        "Stap 2 (R2.1): niet verstuurd. De tekst bevat tekens die de "
                        "leesrichting omdraaien (%(found)s): wat je ziet is dan niet wat er "
                        "staat, en Deelwijzer kan niet nagaan of de jongere herkenbaar is. Typ "
                        "de tekst opnieuw zonder die tekens en verstuur opnieuw."
                    )
                    % {"found": ", ".join(reordered)}
                ]
            }
        )
    named = remaining_identifiers(text, identity_casefile(case))
    if draft.outside_team and named:
        raise ValidationError(
            {
                "request_text": [
                    _(
                        "Stap 2 (R2.1): niet verstuurd. Buiten het team mag niet te zien zijn om "
                        "welke jongere het gaat, en de tekst bevat nog: %(found)s. Haal dit weg of "
                        "vervang het, en verstuur opnieuw."
                    )
                    % {"found": "; ".join(named)}
                ]
            }
        )
    values = {
        "status": RequestStatus.SENT,
        "request_text": text,
        "asked_on": timezone.localdate(),
        "identifies_youth": bool(named),
    }
    sent = entry_correct(
        actor=actor,
        case_id=case.pk,
        model=AdviceRequest,
        key=key,
        values=values,
        correction=Correction(_("Adviesvraag verstuurd."), expected_version),
        action="advice.send",
    )
    notices.advice_sent(actor=actor, request=sent, organisation_id=case.organisation_id)
    return sent


@transaction.atomic
def advice_record_answer(
    *,
    actor,
    case_id: CaseRef,
    key: str,
    answer: AnswerInput,
    correction: Correction,
) -> AdviceRequest:
    """The professional records what a colleague or an external adviser answered.

    A first answer needs no note (``correction.note`` may be empty); changing a recorded
    answer is a correction and does.
    The attention officer answers in the inbox instead.
    """
    case, _access = get_case(actor, case_id, need="edit")
    request = current_request(case, key)
    if request.adviser_kind == AdviserKind.ATTENTION_OFFICER:
        raise ValidationError(
            _("De aandachtsfunctionaris beantwoordt deze vraag zelf, in Deelwijzer.")
        )
    ensure_transition(request, RequestStatus.ANSWERED)
    answer = answer.cleaned()
    check_answer(answer, complete=False, kept_review=request.review_date)
    correcting = request.status == RequestStatus.ANSWERED
    if not correcting and not correction.note:
        correction = replace(correction, note=_("Antwoord van de adviseur vastgelegd."))
    values = {
        **answer.values(),
        "status": RequestStatus.ANSWERED,
        "answered_by": actor,
        "answered_at": timezone.now(),
    }
    entry = entry_correct(
        actor=actor,
        case_id=case.pk,
        model=AdviceRequest,
        key=key,
        values=values,
        correction=correction,
        action="advice.answer_correct" if correcting else "advice.answer_record",
    )
    if not correcting:
        notices.advice_answered(actor=actor, request=entry)
    return entry
