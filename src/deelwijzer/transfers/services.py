"""Handing a case over to another organisation in the same installation (issue #20.2).

``transfer_prepare`` (the sending team): the engine checks the lawful ground as for any
external sharing (a signed-off decision to share, R6.7, on consent R5.1 or the serious-risk
ground R5.2), the professional chooses which entries go (minimal, R6.3), and the identity check
of step 6 applies: identity found in their texts goes only when ticked or declared. What goes
is kept as a case-file subset. ``transfer_accept`` / ``transfer_decline`` (the receiving
organisation's attention officer or functional administrator): on accept, the subset opens a
new case there through the case-file import, with the team they choose. Both sides audit every
step; each side's events carry its own organisation (and case).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.audit.services import audit_record
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import team_member_add
from deelwijzer.disclosures.items import Shareable, identity_options, shareable_items
from deelwijzer.disclosures.outgoing import DECLARE, OTHER, Outgoing, scan
from deelwijzer.disclosures.services import DisclosureInput, ItemInput, signed_off_decision
from deelwijzer.interchange.casefile import build_casefile
from deelwijzer.interchange.importing import casefile_import
from deelwijzer.notifications.mail import Kind, notify
from deelwijzer.organisations.models import Membership, Organisation, Role
from deelwijzer.organisations.roles import has_role
from deelwijzer.procedure.casefile import CaseFileError, load_casefile
from deelwijzer.procedure.evaluate import evaluate
from deelwijzer.procedure.validation import validate_casefile
from deelwijzer.transfers.models import Transfer, TransferStatus
from deelwijzer.transfers.subset import IMPORTED, casefile_subset
from deelwijzer.transfers.transitions import TRANSITIONS
from deelwijzer.transitions import ensure

DECIDERS = (Role.ATTENTION_OFFICER, Role.ORG_ADMIN)


@dataclass(frozen=True)
class TransferInput:
    to_organisation_id: int | None
    item_keys: list[str]
    identity: list[str] = field(default_factory=list)
    purpose: str = ""
    found_identity: str = ""  # "declare": identity found in the texts goes, recorded


def transferable_items(data: dict) -> list[Shareable]:
    """The entries a transfer can carry: those the case-file import takes (steps 1 and 4)."""
    return [item for item in shareable_items(data) if item.group in IMPORTED]


def receiving_organisations(case: Case):
    return Organisation.objects.exclude(pk=case.organisation_id).order_by("name")


def _input_errors(case: Case, draft: TransferInput, data: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not receiving_organisations(case).filter(pk=draft.to_organisation_id).exists():
        errors["to_organisation"] = [_("Kies de organisatie waar de jongere naartoe gaat.")]
    known = {item.key for item in transferable_items(data)}
    if not draft.item_keys:
        errors["items"] = [_("Stap 6 (R6.3): kies wat meegaat; er gaat nu niets mee.")]
    for key in draft.item_keys:
        if key not in known:
            errors.setdefault("items", []).append(
                _("%(key)s kan niet mee of bestaat niet (meer).") % {"key": key}
            )
    if not draft.purpose.strip():
        errors["purpose"] = [
            _("Stap 6 (R6.3): schrijf waarom de nieuwe organisatie dit nodig heeft.")
        ]
    options = {code for code, _label, _value in identity_options(case)} | {OTHER}
    if any(code not in options for code in draft.identity):
        errors["identity"] = [_("Een aangevinkt identiteitsgegeven bestaat niet (meer).")]
    if draft.found_identity not in ("", DECLARE):
        errors["found_identity"] = [_("Kies of de gevonden gegevens bewust meegaan.")]
    return errors


def _ground(case: Case, data: dict):
    """The signed-off decision and the lawful ground, or a refusal naming the rule."""
    decision = signed_off_decision(case)
    if decision is None:
        raise ValidationError(
            _("Stap 6 (R6.7): overdragen kan pas na een afgetekend besluit om te delen (stap 5).")
        )
    sharing = evaluate(load_casefile(data)).sharing
    if not sharing.allowed or not sharing.ground:
        raise ValidationError(
            _("Stap 6 (R6.7): er is nu geen geldige grond om te delen (R5.1 of R5.2).")
        )
    return decision, sharing.ground


def _outgoing(draft: TransferInput, data: dict) -> Outgoing:
    as_disclosure = DisclosureInput(
        contact_id=None,
        items=[ItemInput(key=key, purpose=draft.purpose) for key in draft.item_keys],
        identity=list(draft.identity),
        found_identity=draft.found_identity,
    )
    outgoing = scan(as_disclosure, data)
    if outgoing.refused:
        raise ValidationError(
            {
                "identity": [
                    _(
                        "Stap 6 (R6.3): in wat meegaat staan gegevens die iemand herkenbaar "
                        "maken, terwijl je ze niet aanvinkte: %(found)s. Vink ze aan, kies dat "
                        "ze bewust meegaan, of laat het onderdeel weg."
                    )
                    % {"found": "; ".join(outgoing.listing())}
                ]
            }
        )
    return outgoing


def _audit(transfer: Transfer, action: str, *, actor, side: str, role: str, **detail) -> None:
    """One event in one side's trail: ``side`` "from" (the sending case) or "to"."""
    sending = side == "from"
    case_id = transfer.case_id if sending else transfer.new_case_id
    audit_record(
        actor=actor,
        action=action,
        object_type="transfer",
        object_id=transfer.public_id,
        case_id=case_id,
        organisation_id=transfer.from_organisation_id if sending else transfer.to_organisation_id,
        role=role,
        detail={"transfer": str(transfer.public_id), **detail},
    )


def _deciders(organisation_id: int) -> list:
    return list(
        get_user_model().objects.filter(
            memberships__organisation_id=organisation_id,
            memberships__role__in=DECIDERS,
            memberships__active=True,
        )
    )


@transaction.atomic
def transfer_prepare(*, actor, case_id: CaseRef, draft: TransferInput) -> Transfer:
    """Prepare a transfer: checked by the engine and the identity check, then pending."""
    case, access = get_case(actor, case_id, need="edit")
    data = build_casefile(case)
    errors = _input_errors(case, draft, data)
    if errors:
        raise ValidationError(errors)
    decision, ground = _ground(case, data)
    outgoing = _outgoing(draft, data)
    subset = casefile_subset(data, set(draft.item_keys), outgoing.codes())
    problems = validate_casefile(subset)
    if problems:
        raise ValidationError(problems)
    transfer = Transfer.objects.create(
        case=case,
        from_organisation_id=case.organisation_id,
        to_organisation_id=cast(int, draft.to_organisation_id),  # checked: _input_errors
        item_keys=list(draft.item_keys),
        identity=outgoing.codes(),
        casefile=subset,
        purpose=draft.purpose.strip(),
        ground=ground,
        decision_key=decision.key,
        prepared_by=actor,
    )
    detail = {"items": transfer.item_keys, "identity": [c.split("-")[0] for c in transfer.identity]}
    _audit(transfer, "transfer.prepare", actor=actor, side="from", role=access.role, **detail)
    _audit(transfer, "transfer.incoming", actor=actor, side="to", role="sender")
    notify(kind=Kind.TRANSFER, users=_deciders(transfer.to_organisation_id), actor=actor)
    return transfer


def decidable(actor, transfer_id) -> Transfer:
    """A transfer to an organisation in which ``actor`` is attention officer or functional
    administrator; 404 for anyone else (another organisation's transfer does not exist)."""
    transfer = (
        Transfer.objects.select_related("from_organisation", "to_organisation")
        .filter(public_id=transfer_id)
        .first()
    )
    if transfer is None or not _may_decide(actor, transfer.to_organisation_id):
        raise Http404
    return transfer


def _may_decide(actor, organisation_id: int) -> bool:
    return any(has_role(actor, organisation_id, role) for role in DECIDERS)


def _role(actor, organisation_id: int) -> str:
    return next(r for r in DECIDERS if has_role(actor, organisation_id, r))


def _locked(actor, transfer_id, to_status: str) -> Transfer:
    transfer = decidable(actor, transfer_id)
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    ensure(TRANSITIONS, transfer.status, to_status)
    return transfer


def _team(organisation_id: int, user_ids: list[int]) -> list:
    found = {
        m.user_id: m.user
        for m in Membership.objects.filter(
            organisation_id=organisation_id,
            role=Role.PROFESSIONAL,
            active=True,
            user__is_active=True,
            user_id__in=user_ids,
        ).select_related("user")
    }
    if not user_ids or len(found) != len(set(user_ids)):
        raise ValidationError(
            {"team": [_("Kies een of meer beroepskrachten van je organisatie voor het team.")]}
        )
    return [found[pk] for pk in dict.fromkeys(user_ids)]


def _imported_keys(case: Case) -> list[str]:
    from deelwijzer.risks.models import Risk
    from deelwijzer.signalling.models import Diagnosis, Opinion, Signal

    keys: list[str] = []
    for model in (Signal, Opinion, Diagnosis, Risk):
        keys += list(model.objects.filter(case=case).order_by("id").values_list("key", flat=True))
    return keys


@transaction.atomic
def transfer_accept(*, actor, transfer_id, team_user_ids: list[int], role_on_team: str) -> Case:
    """Open the case in the receiving organisation from what was sent, with the chosen team
    (the first one opens it); entries arrive as imported entries. Refused: nothing is kept."""
    transfer = _locked(actor, transfer_id, TransferStatus.ACCEPTED)
    role = _role(actor, transfer.to_organisation_id)
    team = _team(transfer.to_organisation_id, team_user_ids)
    if not role_on_team.strip():
        raise ValidationError({"role_on_team": [_("Schrijf welke rol het team heeft.")]})
    try:
        result = casefile_import(
            actor=team[0],
            organisation=transfer.to_organisation,
            data=transfer.casefile,
            role_on_team=role_on_team.strip(),
        )
    except CaseFileError as error:
        raise ValidationError([str(p) for p in error.problems]) from None
    for member in team[1:]:
        team_member_add(
            actor=team[0], case_id=result.case.pk, user_id=member.pk, role_on_team=role_on_team
        )
    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.new_case = result.case
    transfer.imported_keys = _imported_keys(result.case)
    transfer.save()
    team_ids = [u.pk for u in team]
    _audit(transfer, "transfer.accept", actor=actor, side="to", role=role, team=team_ids,
           imported=result.imported)  # fmt: skip
    _audit(transfer, "transfer.accepted", actor=actor, side="from", role="receiver")
    notify(kind=Kind.TRANSFER, users=[transfer.prepared_by, *team], actor=actor)
    return result.case


@transaction.atomic
def transfer_decline(*, actor, transfer_id, reason: str) -> Transfer:
    """Decline with a reason; the sending organisation sees it, and keeps its case."""
    transfer = _locked(actor, transfer_id, TransferStatus.DECLINED)
    if not reason.strip():
        raise ValidationError({"reason": [_("Schrijf waarom je de overdracht afwijst.")]})
    transfer.status = TransferStatus.DECLINED
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.decline_reason = reason.strip()
    transfer.save()
    role = _role(actor, transfer.to_organisation_id)
    _audit(transfer, "transfer.decline", actor=actor, side="to", role=role)
    _audit(transfer, "transfer.declined", actor=actor, side="from", role="receiver")
    notify(kind=Kind.TRANSFER, users=[transfer.prepared_by], actor=actor)
    return transfer
