"""Writes of step 3. Keyword-only, one transaction, access checked and audited by
``entry_create`` / ``entry_correct``; refusals come from the engine (see checks.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.entries import (
    Correction,
    changed_meanwhile,
    entry_correct,
    entry_create,
    next_key,
)
from deelwijzer.cases.models import Case
from deelwijzer.conversations.casefile import (
    conversation_dict,
    current_statement,
    not_involved_dict,
    skipped_dict,
)
from deelwijzer.conversations.checks import WouldBe, refuse
from deelwijzer.conversations.models import (
    CaseStatement,
    Conversation,
    ConversationSkipped,
    ExceptionGround,
    GuardiansNotInvolved,
    GuardiansWithoutConsent,
    Participant,
    SharingConsent,
)
from deelwijzer.procedure.conversation_checks import safety_reason_problem
from deelwijzer.procedure.limits import TEXT_MAX

# What the services say when a required text of a statement is left empty; the step 3 forms
# mark these fields required and say the same (so an empty post names what it always named).
SKIP_REASON_MISSING = gettext_lazy(
    "Stap 3 (R3.4): schrijf op waarom je het gesprek overslaat: voor wie is het te riskant, en "
    "welk risico?"
)
SKIP_ADVICE_MISSING = gettext_lazy(
    "Stap 3 (R3.4): kies het advies uit stap 2 dat het gesprek te riskant vindt. Is er nog "
    "geen, vraag dan eerst advies."
)
# the engine's words for an R3.2 exception without a reason (procedure/rules/step3.py)
NOT_INVOLVED_REASON_MISSING = gettext_lazy(
    "Stap 3 (R3.2): De uitzondering heeft geen reden: vul de reden aan."
)
WITHOUT_CONSENT_REASON_MISSING = safety_reason_problem("") or ""  # the engine's R3.3 words


@dataclass(frozen=True)
class ConversationInput:
    held_on: date | None
    participants: list[str]
    held_by: list[int] = field(default_factory=list)
    guardian_ids: list[int] = field(default_factory=list)
    purpose_explained: bool = False
    signals_and_concerns_described: bool = False
    reaction_asked: bool = False
    next_steps_after_reaction: bool = False
    reaction: str = ""
    youth_consents_to_parent_contact: bool | None = None
    youth_consents_to_sharing: str = SharingConsent.NOT_ASKED

    def values(self) -> dict:
        values = asdict(self)
        values["reaction"] = self.reaction.strip()
        return values


def _lock(actor, case_id: CaseRef) -> Case:
    case, _access = get_case(actor, case_id, need="edit")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    return case


# --- conversations ---------------------------------------------------------------------------


def _date_errors(case: Case, held_on: date | None) -> list[str]:
    if held_on is None:
        return [_("Vul de datum van het gesprek in.")]
    if held_on > timezone.localdate():
        return [_("De datum ligt in de toekomst. Leg een gesprek vast nadat het is gevoerd.")]
    if held_on < case.youth.birth_date:
        return [_("De datum ligt voor de geboortedatum van de jongere. Controleer de datum.")]
    return []


def _people_errors(case: Case, data: ConversationInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not data.participants or not set(data.participants) <= set(Participant.values):
        errors["participants"] = [_("Kies wie er bij het gesprek waren.")]
    team = set(case.team.values_list("user_id", flat=True))
    if not set(data.held_by) <= team:
        errors["held_by"] = [_("Kies alleen teamleden van deze casus.")]
    guardians = set(case.guardians.values_list("pk", flat=True))
    if not set(data.guardian_ids) <= guardians:
        errors["guardian_ids"] = [_("Kies alleen ouders die bij deze casus horen.")]
    elif Participant.GUARDIANS in data.participants and not data.guardian_ids:
        errors["guardian_ids"] = [_("Kies welke ouders bij het gesprek waren.")]
    elif data.guardian_ids and Participant.GUARDIANS not in data.participants:
        errors["participants"] = [
            _("Je koos ouders die erbij waren: vink dan ook 'ouders met gezag' aan.")
        ]
    if data.youth_consents_to_sharing not in SharingConsent.values:
        errors["youth_consents_to_sharing"] = [_("Kies een van de antwoorden.")]
    return errors


def conversation_input_errors(case: Case, data: ConversationInput) -> dict[str, list[str]]:
    """What the conversation's input lacks or gets wrong, by field (empty: nothing), before
    the engine judges the case file it would make. Only reads: a page also asks it for a post
    its form refused, to show every error at once."""
    errors = _people_errors(case, data)
    if date_errors := _date_errors(case, data.held_on):
        errors["held_on"] = date_errors
    return errors


def _check_conversation(case: Case, key: str, data: ConversationInput, safety_reason: str):
    """Refuse what the engine calls an R3.3 violation in the case file this would make."""
    if errors := conversation_input_errors(case, data):
        raise ValidationError(errors)
    override = current_statement(GuardiansWithoutConsent, case)
    if safety_reason.strip() and override is not None:
        raise ValidationError(
            {
                "safety_reason": [
                    _(
                        "Er is al een reden voor de veiligheid vastgelegd (%(key)s). Pas die zo "
                        "nodig aan bij 'Zonder toestemming met de ouders gesproken'."
                    )
                    % {"key": override.key}
                ]
            }
        )
    entry = conversation_dict(Conversation(key=key, **data.values()))

    def change(casefile: dict) -> None:
        others = [c for c in casefile["conversations"] if c["id"] != key]
        casefile["conversations"] = [*others, entry]
        if safety_reason.strip():
            casefile["guardians_without_consent"] = {"reason": safety_reason.strip()}

    refuse(WouldBe(case, change).refusals(("R3.3",), concerning=key))


def _record_override(actor, case: Case, safety_reason: str) -> None:
    """With the conversation, its R3.3 override when a safety reason was given."""
    if safety_reason.strip():
        entry_create(
            actor=actor,
            case_id=case.pk,
            model=GuardiansWithoutConsent,
            values={"reason": safety_reason.strip()},
            action="guardians_without_consent.record",
        )


@transaction.atomic
def conversation_record(
    *, actor, case_id: CaseRef, data: ConversationInput, safety_reason: str = ""
) -> Conversation:
    """Record a conversation; with ``safety_reason`` also the R3.3 override (one transaction)."""
    case = _lock(actor, case_id)
    _check_conversation(case, next_key(Conversation, case), data, safety_reason)
    _record_override(actor, case, safety_reason)
    return entry_create(
        actor=actor,
        case_id=case.pk,
        model=Conversation,
        values=data.values(),
        action="conversation.record",
    )


@transaction.atomic
def conversation_correct(
    *,
    actor,
    case_id: CaseRef,
    key: str,
    data: ConversationInput,
    correction: Correction | None,
    safety_reason: str = "",
) -> Conversation:
    case = _lock(actor, case_id)
    if correction is None:
        raise ValidationError(_("Open het gesprek opnieuw om het te corrigeren."))
    if not Conversation.current(case).filter(key=key).exists():
        raise ValidationError(_("Dit gesprek bestaat niet (meer) in deze casus."))
    _check_conversation(case, key, data, safety_reason)
    _record_override(actor, case, safety_reason)
    return entry_correct(
        actor=actor,
        case_id=case.pk,
        model=Conversation,
        key=key,
        values=data.values(),
        correction=correction,
        action="conversation.correct",
    )


# --- case-level statements -------------------------------------------------------------------


STATEMENT_ACTIONS: dict[type[CaseStatement], str] = {
    ConversationSkipped: "conversation_skipped",
    GuardiansNotInvolved: "guardians_not_involved",
    GuardiansWithoutConsent: "guardians_without_consent",
}
# The rule each statement is an exception under, for the messages about it.
STATEMENT_RULES: dict[type[CaseStatement], str] = {
    ConversationSkipped: "R3.4",
    GuardiansNotInvolved: "R3.2",
    GuardiansWithoutConsent: "R3.3",
}


def _advice_errors(would_be_ids: set[str], advice_key: str) -> dict[str, list[str]]:
    if advice_key and advice_key not in would_be_ids:
        return {
            "advice_key": [
                _("Dit advies hoort niet bij deze casus. Kies een advies uit de lijst van stap 2.")
            ]
        }
    return {}


def _skip_input_errors(values: dict) -> dict[str, list[str]]:
    """The skip form as it is: a field left empty is named, not judged as a skip already made
    (the engine's R3.4 message speaks of a skipped conversation)."""
    errors: dict[str, list[str]] = {}
    if not values["reason"]:
        errors["reason"] = [str(SKIP_REASON_MISSING)]
    if not values["advice_key"]:
        errors["advice_key"] = [str(SKIP_ADVICE_MISSING)]
    return errors


def _statement_write(*, actor, case: Case, model, values: dict, correction: Correction | None):
    """Record the case's statement, or correct it when one exists (never overwritten)."""
    existing = current_statement(model, case)
    name = STATEMENT_ACTIONS[model]
    if existing is None:
        if correction is not None:
            raise ValidationError(_("Deze verklaring bestaat niet (meer) in deze casus."))
        return entry_create(
            actor=actor, case_id=case.pk, model=model, values=values, action=f"{name}.record"
        )
    if correction is None:
        raise changed_meanwhile()
    return entry_correct(
        actor=actor,
        case_id=case.pk,
        model=model,
        key=existing.key,
        values=values,
        correction=correction,
        action=f"{name}.correct",
    )


@transaction.atomic
def skip_record(
    *, actor, case_id: CaseRef, reason: str, advice_key: str, correction: Correction | None = None
) -> ConversationSkipped:
    """R3.4: skip the conversation, with a reason and the advice that found it too risky."""
    case = _lock(actor, case_id)
    values = {"reason": reason.strip(), "advice_key": advice_key.strip()}
    statement = skipped_dict(ConversationSkipped(**values))

    def change(casefile: dict) -> None:
        casefile["conversation_skipped"] = statement

    would_be = WouldBe(case, change)
    errors = _skip_input_errors(values) | _advice_errors(would_be.advice_ids, values["advice_key"])
    if errors:
        raise ValidationError(errors)
    refuse(would_be.refusals(("R3.4",)))
    return _statement_write(
        actor=actor, case=case, model=ConversationSkipped, values=values, correction=correction
    )


def not_involved_input_errors(ground: str) -> dict[str, list[str]]:
    """What the R3.2 exception's input lacks before the engine judges it (a page also asks
    this for a post its form refused, to show every error at once)."""
    if ground not in ExceptionGround.values:
        return {"ground": [_("Kies de grond waarop je de ouders niet betrekt.")]}
    return {}


@transaction.atomic
def guardians_not_involved_record(
    *,
    actor,
    case_id: CaseRef,
    ground: str,
    reason: str,
    advice_key: str,
    correction: Correction | None = None,
) -> GuardiansNotInvolved:
    """R3.2 exception: the parents with authority of a youth under 16 are not involved."""
    case = _lock(actor, case_id)
    values = {"ground": ground, "reason": reason.strip(), "advice_key": advice_key.strip()}
    if errors := not_involved_input_errors(ground):
        raise ValidationError(errors)
    statement = not_involved_dict(GuardiansNotInvolved(**values))

    def change(casefile: dict) -> None:
        casefile["guardians_not_involved"] = statement

    would_be = WouldBe(case, change)
    if errors := _advice_errors(would_be.advice_ids, values["advice_key"]):
        raise ValidationError(errors)
    problem = would_be.exception_problem()
    refuse([problem] if problem else [])
    return _statement_write(
        actor=actor, case=case, model=GuardiansNotInvolved, values=values, correction=correction
    )


@transaction.atomic
def guardians_without_consent_record(
    *, actor, case_id: CaseRef, reason: str, correction: Correction | None = None
) -> GuardiansWithoutConsent:
    """R3.3 override: why talking with the parents without the youth's consent was needed."""
    case = _lock(actor, case_id)
    problem = safety_reason_problem(reason)
    refuse([problem] if problem else [], field="reason")
    values = {"reason": reason.strip()}
    return _statement_write(
        actor=actor, case=case, model=GuardiansWithoutConsent, values=values, correction=correction
    )


def statement_model(key: str) -> type[CaseStatement] | None:
    """The kind of case-level statement a key names ("cs1", "gn2", "gw1"), or None."""
    for model in STATEMENT_ACTIONS:
        number = key.removeprefix(model.KEY_PREFIX)
        if number != key and number.isdigit():
            return model
    return None


def withdrawal_reason_missing(model) -> str:
    return _(
        "Stap 3 (%(rule)s): schrijf kort op waarom deze verklaring niet meer klopt. Er is "
        "niets ingetrokken."
    ) % {"rule": STATEMENT_RULES[model]}


@transaction.atomic
def statement_withdraw(*, actor, case_id: CaseRef, key: str, reason: str) -> CaseStatement:
    """Withdraw a case-level statement that no longer holds (skipped, parents not involved,
    without consent), with the reason. Its current version is marked as withdrawn (who, when,
    why) and it leaves the case file, so the rules no longer see it; nothing is deleted, and
    a new statement of its kind can be recorded later. 404 for a key the case does not have."""
    case, access = get_case(actor, case_id, need="edit")  # 404 off the team; closed: refused
    Case.objects.select_for_update().filter(pk=case.pk).first()  # as the other writes
    model = statement_model(key)
    if model is None:
        raise Http404
    statement = model.objects.select_for_update().filter(case=case, key=key, is_current=True)
    entry = statement.first()
    if entry is None:
        raise Http404
    rule = STATEMENT_RULES[model]
    if entry.withdrawn_at is not None:
        raise ValidationError(
            _("Stap 3 (%(rule)s): deze verklaring (%(key)s) is al ingetrokken.")
            % {"rule": rule, "key": key}
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [withdrawal_reason_missing(model)]})
    if len(reason) > TEXT_MAX:
        raise ValidationError({"reason": [_("De reden is te lang.")]})
    entry.withdraw(actor, withdrawal_reason=reason)
    audit_case(
        actor,
        case,
        f"{STATEMENT_ACTIONS[model]}.withdraw",
        role=access.role,
        object_type=str(model._meta.model_name),
        object_id=key,
        detail={"version": entry.version},
    )
    return entry
