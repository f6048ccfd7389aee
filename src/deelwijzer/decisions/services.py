"""Step 5 writes: the decision, its sign-off by the role the organisation's procedure names
(R5.3), and involving that decision maker early.

What others may call: ``signed_off_share_decision`` (step 6 needs it, R6.7),
``signed_off_decision``, ``open_decision`` (reads, in ``decisions.selectors``, named here
too), ``case_involve_decision_maker``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext

from deelwijzer.audit.services import audit_case, audit_organisation
from deelwijzer.cases.access import (
    CaseAccess,
    CaseRef,
    ensure_open,
    get_case,
    organisations_with_role,
)
from deelwijzer.cases.entries import Correction, changed_meanwhile, entry_correct, entry_create
from deelwijzer.cases.models import Case
from deelwijzer.decisions.models import Consent, ConsentHow, DecisionStatus, SharingDecision
from deelwijzer.decisions.selectors import (
    consent_from_conversations,
    open_decision,
    signed_off_decision,
    signed_off_share_decision,
)
from deelwijzer.decisions.transitions import ensure_transition
from deelwijzer.decisions.verdict import NOT_JUDGED, DecisionInput, Verdict, would_be
from deelwijzer.inputs import hidden_characters, input_from
from deelwijzer.notifications import events
from deelwijzer.organisations.models import Role
from deelwijzer.procedure.limits import control_characters
from deelwijzer.risks.models import Risk

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = [
    "DecisionInput",
    "case_involve_decision_maker",
    "consent_from_conversations",
    "decision_input_errors",
    "decision_queue",
    "decision_return",
    "decision_save",
    "decision_sign_off",
    "open_decision",
    "signed_off_decision",
    "signed_off_share_decision",
]


# --- checks ------------------------------------------------------------------------------------


def decision_input_errors(case: Case, data: DecisionInput) -> dict[str, list[str]]:
    """What a save of ``data`` is refused for, per field, before the engine judges whether
    sharing would be lawful: a choice missing or unknown, a risk not of this case, no
    reasoning (R5.4), an incomplete or impossible record of consent (R5.1). The live check
    names these too, in the same words (reads only)."""
    errors: dict[str, list[str]] = {}
    if data.share is None:
        errors["share"] = [_("Kies of je besluit extern te delen of niet.")]
    if data.consent not in Consent.values:
        errors["consent"] = [
            _("Stap 5 (R5.1): kies of de jongere toestemming gaf, weigerde of niet is gevraagd.")
        ]
    known = set(Risk.current(case).values_list("key", flat=True))
    if set(data.serious_concrete_risks) - known:
        errors["serious_concrete_risks"] = [_("Kies risico's van deze casus uit stap 4.")]
    if not data.reasoning.strip():
        errors["reasoning"] = [
            _("Stap 5 (R5.4): schrijf op waarop je besluit rust, ook als je besluit niet te delen.")
        ]
    errors.update(_consent_record_errors(case, data))
    for name in ("reasoning", "only_way_reason", "consent_note"):  # the walk: saved as typed
        if refused := hidden_characters(getattr(data, name)):
            errors.setdefault(name, []).append(refused)
    return errors


def _consent_record_errors(case: Case, data: DecisionInput) -> dict[str, list[str]]:
    """A record of a new statement on consent is whole: a date (not in the future, not
    before the young person was born: the case file refuses both), how the young person said
    it, and a note (R5.1)."""
    if data.consent_on is None and not data.consent_how and not data.consent_note.strip():
        return {}
    errors: dict[str, list[str]] = {}
    if data.consent == Consent.NOT_ASKED:
        errors["consent"] = [
            _(
                "Stap 5 (R5.1): je legt een uitspraak van de jongere vast, maar kiest 'niet "
                "gevraagd'. Kies wat de jongere zei, of maak de vastlegging leeg."
            )
        ]
    if data.consent_on is None:
        errors["consent_on"] = [_("Stap 5 (R5.1): vul in op welke datum de jongere dit zei.")]
    elif data.consent_on > timezone.localdate():
        errors["consent_on"] = [_("Stap 5 (R5.1): deze datum ligt in de toekomst.")]
    elif data.consent_on < case.youth.birth_date:
        errors["consent_on"] = [
            _("Stap 5 (R5.1): deze datum ligt voor de geboortedatum van de jongere.")
        ]
    if data.consent_how not in ConsentHow.values:
        errors["consent_how"] = [
            _("Stap 5 (R5.1): kies hoe de jongere dit zei: in een gesprek of schriftelijk.")
        ]
    if not data.consent_note.strip():
        errors["consent_note"] = [
            _("Stap 5 (R5.1): schrijf kort op wat de jongere zei, en tegen wie of in welk stuk.")
        ]
    return errors


def _refusals(verdict: Verdict, data: DecisionInput, *, submit: bool) -> dict[str, list[str]]:
    """What the engine says stands in the way: no lawful ground (R5.2), no risks yet (R5.4)."""
    if not verdict.valid:
        return {"share": [str(NOT_JUDGED)]}
    errors: dict[str, list[str]] = {}
    if verdict.messages("R5.1"):  # a statement on consent without its record: a false record
        errors["consent"] = verdict.messages("R5.1")
    if data.share and not verdict.allowed:
        errors["share"] = verdict.messages("R5.2") or [
            _("Stap 5 (R5.2): delen is nu niet rechtmatig.")
        ]
    if submit and verdict.messages("R5.4"):
        errors.setdefault("share", []).extend(verdict.messages("R5.4"))
    if submit and (overstated := overstated_ground(verdict)):
        # only a second look in the evaluation, but submitting or signing would put the
        # decision's untrue statement of that risk on record
        errors.setdefault("serious_concrete_risks", []).extend(overstated)
    return errors


def overstated_ground(verdict: Verdict) -> list[str]:
    """The engine's R5.2 warning on a lawful decision that names a risk as serious and
    concrete which step 4 does not describe so."""
    return [f.message for f in verdict.overstated]


def _hidden_characters_message(codes: list[str]) -> str:
    return ngettext(
        "Je opmerking bevat een onzichtbaar stuurteken (%(codes)s), bijvoorbeeld uit een "
        "gekopieerde tekst. Haal het weg en probeer het opnieuw.",
        "Je opmerking bevat onzichtbare stuurtekens (%(codes)s), bijvoorbeeld uit een "
        "gekopieerde tekst. Haal ze weg en probeer het opnieuw.",
        len(codes),
    ) % {"codes": ", ".join(codes)}


# --- writes ------------------------------------------------------------------------------------


def _same_record(data: DecisionInput, decision: SharingDecision | None) -> bool:
    return decision is not None and (
        decision.consent,
        decision.consent_on,
        decision.consent_how,
        decision.consent_note,
    ) == (data.consent, data.consent_on, data.consent_how, data.consent_note.strip())


def _with_carried_record(case: Case, data: DecisionInput) -> DecisionInput:
    """Without a new record, the record of the decision in force still holds for the same
    statement: a new decision repeats it rather than asking for it again."""
    previous = signed_off_decision(case)
    if data.has_consent_record or previous is None or previous.consent_on is None:
        return data
    if previous.consent != data.consent:
        return data
    return replace(
        data,
        consent_on=previous.consent_on,
        consent_how=previous.consent_how,
        consent_note=previous.consent_note,
        consent_recorded_by=_name(previous.consent_recorded_by),
    )


def _record_owner(actor, data: DecisionInput, *earlier: SharingDecision | None):
    """Who recorded the statement on consent: whoever recorded this very record before, else
    the actor (None without a record)."""
    if not data.has_consent_record:
        return None
    for decision in earlier:
        if decision is not None and _same_record(data, decision):
            return decision.consent_recorded_by
    return actor


def _name(user) -> str | None:
    return user.display_name() if user is not None else None


def _values(data: DecisionInput, *, actor, submit: bool) -> dict:
    now = timezone.now()
    return {
        "share": bool(data.share),
        "consent": data.consent,
        "consent_on": data.consent_on if data.has_consent_record else None,
        "consent_how": data.consent_how if data.has_consent_record else "",
        "consent_note": data.consent_note.strip() if data.has_consent_record else "",
        "serious_concrete_risks": sorted(set(data.serious_concrete_risks)),
        "only_way": data.only_way,
        "only_way_reason": data.only_way_reason.strip(),
        "reasoning": data.reasoning.strip(),
        "status": DecisionStatus.SUBMITTED if submit else DecisionStatus.DRAFT,
        "submitted_by": actor if submit else None,
        "submitted_at": now if submit else None,
        "return_remark": "",
    }


@transaction.atomic
def decision_save(
    *, actor, case_id: CaseRef, data: DecisionInput, submit: bool, expected_version: int = 0
) -> SharingDecision:
    """Save the decision being prepared (as a draft, or submitted to the decision maker).

    A decision to share that the engine does not find lawful is refused, naming what is
    missing (R5.2); nothing is saved. ``expected_version`` 0 means "a new decision".
    """
    case, access = get_case(actor, case_id, need="edit")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    case.refresh_from_db(fields=["decision_maker_involved_at"])
    current = open_decision(case)
    status = DecisionStatus.SUBMITTED if submit else DecisionStatus.DRAFT
    ensure_transition(current, status)
    if (current.version if current else 0) != expected_version:
        raise changed_meanwhile()
    errors = decision_input_errors(case, data)
    if not errors:
        data = _with_carried_record(case, data)
        owner = _record_owner(actor, data, current, signed_off_decision(case))
        data = replace(data, consent_recorded_by=_name(owner))
        errors = _refusals(would_be(case, data), data, submit=submit)
    if errors:
        raise ValidationError(errors)
    values = {**_values(data, actor=actor, submit=submit), "consent_recorded_by": owner}
    action = "decision.submit" if submit else "decision.save_draft"
    if current is None:
        entry = entry_create(
            actor=actor, case_id=case.pk, model=SharingDecision, values=values, action=action
        )
    else:
        note = _("Ingediend bij de beslisser.") if submit else _("Concept bijgewerkt.")
        entry = entry_correct(
            actor=actor,
            case_id=case.pk,
            model=SharingDecision,
            key=current.key,
            values=values,
            correction=Correction(note, expected_version),
            action=action,
        )
    if submit:
        _involve(actor, case, access)
        # for the organisation's decision makers (R5.3)
        events.notify_role(
            kind=events.Kind.DECISION_SUBMITTED,
            organisation_id=case.organisation_id,
            role=Role.DECISION_MAKER,
            actor=actor,
        )
    return entry


def _submitted_for_decision(actor, case_id: CaseRef, expected_version: int, to_status: str):
    """The submitted decision, for someone in the deciding role; 404/403 otherwise."""
    case, access = get_case(actor, case_id, need="view")
    ensure_open(case)  # the decision maker's writes too: a closed case takes none
    if not access.decide:
        raise PermissionDenied
    current = open_decision(case)
    ensure_transition(current, to_status)
    if current is None or current.version != expected_version:
        raise changed_meanwhile()
    return case, current


# The decision maker's two moves on a submitted decision: who is told, the audit action and the
# note on the new version.
DECIDER_MOVES: dict[str, tuple[events.Kind, str, StrOrPromise]] = {
    DecisionStatus.SIGNED_OFF: (
        events.Kind.DECISION_SIGNED_OFF,
        "decision.sign_off",
        _l("Afgetekend door de beslisser."),
    ),
    DecisionStatus.RETURNED: (
        events.Kind.DECISION_RETURNED,
        "decision.return",
        _l("Teruggestuurd door de beslisser."),
    ),
}


def _decided(actor, case, current: SharingDecision, status: str, values: dict) -> SharingDecision:
    """The decision maker's move to ``status`` (a key of ``DECIDER_MOVES``): the professional
    who submitted the decision is told, and it gets a new version with ``values``."""
    kind, action, note = DECIDER_MOVES[status]
    events.notify(kind=kind, users=[current.submitted_by], actor=actor)
    return entry_correct(
        actor=actor,
        case_id=case.pk,
        model=SharingDecision,
        key=current.key,
        values={"status": status, **values},
        correction=Correction(str(note), current.version),
        action=action,
        need="decide",
    )


@transaction.atomic
def decision_sign_off(*, actor, case_id: CaseRef, expected_version: int) -> SharingDecision:
    """The decision maker named by the internal procedure takes the decision (R5.3)."""
    case, current = _submitted_for_decision(
        actor, case_id, expected_version, DecisionStatus.SIGNED_OFF
    )
    role = case.organisation.decision_maker_role
    if current.share:
        data = decision_input(current)
        verdict = would_be(case, data, decided_by={"name": actor.display_name(), "role": role})
        if errors := _refusals(verdict, data, submit=True):
            refused = [m for messages in errors.values() for m in messages]
            if overstated_ground(verdict):
                refused.append(str(SEND_BACK))
            raise ValidationError(refused)
    values = {"decided_by": actor, "decided_role": role, "decided_on": timezone.localdate()}
    return _decided(actor, case, current, DecisionStatus.SIGNED_OFF, values)


# the decision maker cannot change the decision; the professional can, once it is back
SEND_BACK = _l("Stuur het besluit terug, zodat het wordt aangepast; pas daarna kun je aftekenen.")


@transaction.atomic
def decision_return(
    *, actor, case_id: CaseRef, remark: str, expected_version: int
) -> SharingDecision:
    """Send the submitted decision back to the professional, with a remark."""
    case, current = _submitted_for_decision(
        actor, case_id, expected_version, DecisionStatus.RETURNED
    )
    if not remark.strip():
        raise ValidationError(
            {"remark": [_("Schrijf op waarom je het besluit terugstuurt en wat er nodig is.")]}
        )
    if hidden := control_characters(remark):
        raise ValidationError({"remark": [_hidden_characters_message(hidden)]})
    return _decided(
        actor, case, current, DecisionStatus.RETURNED, {"return_remark": remark.strip()}
    )


def decision_input(decision: SharingDecision) -> DecisionInput:
    return input_from(
        DecisionInput, decision, consent_recorded_by=_name(decision.consent_recorded_by)
    )


def _involve(actor, case: Case, access: CaseAccess) -> bool:
    if case.decision_maker_involved_at is not None:
        return False
    case.decision_maker_involved_at = timezone.now()
    case.save(update_fields=["decision_maker_involved_at"])
    detail = {"decision_maker_role": case.organisation.decision_maker_role}
    audit_case(actor, case, "case.involve_decision_maker", role=access.role, detail=detail)
    return True


@transaction.atomic
def case_involve_decision_maker(*, actor, case_id: CaseRef) -> bool:
    """Involve the decision maker now (R5.3: as early as possible); from then on they can
    follow the case. Returns False when they were involved already (nothing changes)."""
    case, access = get_case(actor, case_id, need="edit")
    Case.objects.select_for_update().filter(pk=case.pk).first()
    case.refresh_from_db(fields=["decision_maker_involved_at"])
    return _involve(actor, case, access)


@transaction.atomic
def decision_queue(*, actor) -> list[SharingDecision]:
    """Submitted decisions of the organisations where the actor is a decision maker (audited)."""
    organisations = organisations_with_role(actor, Role.DECISION_MAKER)
    if not organisations:
        raise PermissionDenied
    rows = list(
        SharingDecision.objects.filter(
            case__organisation_id__in=organisations,
            is_current=True,
            status=DecisionStatus.SUBMITTED,
        )
        .select_related("case", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    for organisation_id in organisations:
        submitted = sum(r.case.organisation_id == organisation_id for r in rows)
        audit_organisation(
            actor,
            organisation_id,
            "decision.queue_view",
            object_type="decision_queue",
            object_id="",
            role=Role.DECISION_MAKER,
            detail={"submitted": submitted},
        )
    return rows
