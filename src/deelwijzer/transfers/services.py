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

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.audit.services import audit_record
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.models import Case
from deelwijzer.cases.services import team_member_add
from deelwijzer.dates import nl_date
from deelwijzer.disclosures.items import Shareable, identity_options, shareable_items
from deelwijzer.disclosures.outgoing import DECLARE, OTHER, Outgoing, scan
from deelwijzer.disclosures.services import DisclosureInput, ItemInput, signed_off_decision
from deelwijzer.interchange.casefile import build_casefile
from deelwijzer.interchange.importing import casefile_import
from deelwijzer.notifications.events import Kind, notify, role_holders
from deelwijzer.organisations.models import Membership, Organisation, Role
from deelwijzer.organisations.roles import has_role
from deelwijzer.procedure.casefile import CaseFileError, load_casefile
from deelwijzer.procedure.evaluate import evaluate
from deelwijzer.procedure.validation import validate_casefile
from deelwijzer.transfers import package
from deelwijzer.transfers.models import Transfer, TransferStatus
from deelwijzer.transfers.selectors import DECIDERS
from deelwijzer.transfers.subset import IMPORTED, casefile_subset
from deelwijzer.transfers.transitions import TRANSITIONS
from deelwijzer.transitions import ensure


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


# What the transfer form asks, and says when it is left empty (the form's own required
# messages are these, so the page and the service say the same).
NO_ORGANISATION = _l("Kies de organisatie waar de jongere naartoe gaat.")
NO_ITEMS = _l(
    "Kies wat meegaat: alleen wat de nieuwe organisatie nodig heeft (R6.3). Er is nu niets gekozen."
)
NO_PURPOSE = _l(
    "Schrijf waarom de nieuwe organisatie dit nodig heeft: wat meegaat moet daarvoor nodig "
    "zijn (R6.3)."
)
NAME_NEEDED = _l(
    "Een overdracht opent bij de andere organisatie een casus over deze jongere, en daarvoor "
    "is de naam nodig: vink de naam aan. Andere gegevens gaan alleen mee als je ze aanvinkt."
)
NO_SUCH_ITEM = _l("%(value)s kan niet mee of bestaat niet (meer).")  # as Django's invalid_choice
NO_SUCH_IDENTITY = _l("Een aangevinkt identiteitsgegeven bestaat niet (meer).")
FOUND_IDENTITY_CHOICE = _l("Kies of de gevonden gegevens bewust meegaan.")
# What the decision forms say when a required answer is missing.
TEAM_NEEDED = _l("Kies een of meer beroepskrachten van je organisatie voor het team.")
ROLE_NEEDED = _l("Schrijf welke rol het team heeft.")
REASON_NEEDED = _l("Schrijf waarom je de overdracht afwijst.")


def _input_errors(
    case: Case, draft: TransferInput, data: dict, external: bool = False
) -> dict[str, list]:
    errors: dict[str, list] = {}
    if external:
        pass  # to another installation: named by its public key file
    elif not receiving_organisations(case).filter(pk=draft.to_organisation_id).exists():
        errors["to_organisation"] = [NO_ORGANISATION]
    elif earlier := _earlier(case, draft.to_organisation_id):
        errors["to_organisation"] = [earlier]
    known = {item.key for item in transferable_items(data)}
    if not draft.item_keys:
        errors["items"] = [NO_ITEMS]
    for key in draft.item_keys:
        if key not in known:
            errors.setdefault("items", []).append(NO_SUCH_ITEM % {"value": key})
    if not draft.purpose.strip():
        errors["purpose"] = [NO_PURPOSE]
    options = {code for code, _label, _value in identity_options(case)} | {OTHER}
    if any(code not in options for code in draft.identity):
        errors["identity"] = [NO_SUCH_IDENTITY]
    elif "name" not in draft.identity:
        errors["identity"] = [NAME_NEEDED]
    if draft.found_identity not in ("", DECLARE):
        errors["found_identity"] = [FOUND_IDENTITY_CHOICE]
    return errors


def _earlier(case: Case, organisation_id) -> str:
    """Why this case cannot go to that organisation again: a transfer there that waits or was
    accepted ("" if none). Twice the same made two rows the receiver could not tell apart, and
    accepting the second one was refused for its pseudonym (the walk)."""
    transfer = (
        Transfer.objects.filter(case=case, to_organisation_id=organisation_id)
        .exclude(status=TransferStatus.DECLINED)
        .select_related("to_organisation")
        .first()
    )
    if transfer is None:
        return ""
    if transfer.status == TransferStatus.PENDING:
        return _(
            "Deze casus staat al klaar voor %(org)s (sinds %(d)s) en wacht op hun besluit. "
            "Een tweede overdracht kan pas als zij de eerste afwijzen."
        ) % {"org": transfer.receiver, "d": nl_date(transfer.prepared_at)}
    return _(
        "Deze casus is al overgedragen aan %(org)s (aanvaard op %(d)s); daar staat hij nu. "
        "Heeft de nieuwe organisatie meer nodig, deel het dan in stap 6."
    ) % {"org": transfer.receiver, "d": nl_date(transfer.decided_at)}


def _ground(case: Case, data: dict):
    """The signed-off decision and the lawful ground, or a refusal naming the rule."""
    decision = signed_off_decision(case)
    if decision is None:
        return None, _(
            "Overdragen kan pas na een afgetekend besluit om te delen: neem dat eerst in stap 5 "
            "(R6.7)."
        )
    sharing = evaluate(load_casefile(data)).sharing
    if not sharing.allowed or not sharing.ground:
        return None, _(
            "Er is nu geen geldige grond om over te dragen: daarvoor is toestemming (R5.1) of "
            "een ernstig, concreet veiligheidsrisico (R5.2) nodig, vastgelegd in stap 5 (R6.7)."
        )
    return (decision, sharing.ground), ""


def transfer_blocked(case: Case, data: dict) -> str:
    """Why no transfer of ``case`` can be prepared now (no signed-off decision, no lawful
    ground), or "": the page says so before the form is filled in."""
    return _ground(case, data)[1]


def _outgoing(draft: TransferInput, data: dict) -> tuple[Outgoing, str]:
    """What goes after the identity scan of step 6, and the refusal when it found identity
    that was not ticked or declared."""
    as_disclosure = DisclosureInput(
        contact_id=None,
        items=[ItemInput(key=key, purpose=draft.purpose) for key in draft.item_keys],
        # the birth date always goes (every case needs it, subset.py): never "found"
        identity=list(dict.fromkeys([*draft.identity, "birth_date"])),
        found_identity=draft.found_identity,
    )
    outgoing = scan(as_disclosure, data)
    if not outgoing.refused:
        return outgoing, ""
    return outgoing, _(
        "In wat meegaat staan gegevens die iemand herkenbaar maken, terwijl je ze niet "
        "aanvinkte: %(found)s. Vink ze aan, kies dat ze bewust meegaan, of laat het onderdeel "
        "weg (R6.3)."
    ) % {"found": "; ".join(outgoing.listing())}


@dataclass(frozen=True)
class _Checked:
    errors: dict[str, list]
    ground: tuple | None = None  # (the signed-off decision, the lawful ground)
    outgoing: Outgoing | None = None


def _check(case: Case, draft: TransferInput, data: dict, external: bool = False) -> _Checked:
    """Every refusal of a transfer at once: the input, the lawful ground, and (when the
    entries and identity chosen are valid) the identity scan of what goes."""
    errors = _input_errors(case, draft, data, external=external)
    ground, refusal = _ground(case, data)
    if refusal:
        errors[NON_FIELD_ERRORS] = [refusal]
    outgoing = None
    if not errors.keys() & {"items", "identity", "found_identity"}:
        outgoing, found = _outgoing(draft, data)
        if found:
            errors["identity"] = [found]
    return _Checked(errors, ground, outgoing)


def transfer_input_errors(case: Case, draft: TransferInput) -> dict[str, list]:
    """What ``transfer_prepare`` would refuse in ``draft``, per field: for a form that refused
    the post itself, so that every error shows at once."""
    return _check(case, draft, build_casefile(case)).errors


def _audit(transfer: Transfer, action: str, *, actor, side: str, role: str, **detail) -> None:
    """One event in one side's trail: ``side`` "from" (the sending case) or "to". A side in
    another installation (a package) is not in this database: its own trail records it."""
    sending = side == "from"
    if (transfer.from_organisation_id if sending else transfer.to_organisation_id) is None:
        return
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
    """Who may decide on a transfer to the organisation: told that one waits (content-free)."""
    return [user for role in DECIDERS for user in role_holders(organisation_id, role)]


def _prepare(actor, case_id: CaseRef, draft: TransferInput, to_name: str = "") -> Transfer:
    """The checks and the pending transfer; ``to_name``: to another installation."""
    case, access = get_case(actor, case_id, need="edit")
    data = build_casefile(case)
    checked = _check(case, draft, data, external=bool(to_name))
    if checked.errors:
        raise ValidationError(checked.errors)
    decision, ground = cast(tuple, checked.ground)
    outgoing = cast(Outgoing, checked.outgoing)
    subset = casefile_subset(data, set(draft.item_keys), outgoing.codes())
    problems = validate_casefile(subset)
    if problems:
        raise ValidationError(problems)
    transfer = Transfer.objects.create(
        case=case,
        from_organisation_id=case.organisation_id,
        to_organisation_id=None if to_name else draft.to_organisation_id,
        to_name=to_name,
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
    return transfer


@transaction.atomic
def transfer_prepare(*, actor, case_id: CaseRef, draft: TransferInput) -> Transfer:
    """Prepare a transfer within this installation: checked by the engine and the identity
    check, then pending at the receiving organisation."""
    transfer = _prepare(actor, case_id, draft)
    _audit(transfer, "transfer.incoming", actor=actor, side="to", role="sender")
    notify(kind=Kind.TRANSFER, users=_deciders(cast(int, transfer.to_organisation_id)), actor=actor)
    return transfer


def _payload(transfer: Transfer) -> dict:
    return {
        "transfer": str(transfer.public_id),
        "prepared_at": transfer.prepared_at.isoformat(),
        "purpose": transfer.purpose,
        "ground": transfer.ground,
        "decision_key": transfer.decision_key,
        "casefile": transfer.casefile,
    }


@transaction.atomic
def transfer_export(
    *, actor, case_id: CaseRef, draft: TransferInput, sender_key: dict, receiver_key: dict
) -> tuple[Transfer, dict]:
    """Prepare a transfer to an organisation of another installation and seal it as a
    ``deelwijzer-transfer/1`` package (encrypted to ``receiver_key``, signed with
    ``sender_key``). The same checks as within one installation; nothing is kept when sealing
    fails."""
    case, _access = get_case(actor, case_id, need="edit")
    if sender_key.get("organisation") != case.organisation.name:
        raise ValidationError(
            _("De sleutel van de afzender hoort bij %(k)s, niet bij %(o)s.")
            % {"k": sender_key.get("organisation"), "o": case.organisation.name}
        )
    transfer = _prepare(actor, case_id, draft, to_name=str(receiver_key.get("organisation", "")))
    try:
        sealed = package.seal(_payload(transfer), sender=sender_key, receiver=receiver_key)
    except package.PackageError as error:
        raise ValidationError(str(error)) from None
    _audit(transfer, "transfer.export", actor=actor, side="from", role=_access.role,
           to=transfer.to_name)  # fmt: skip
    return transfer, sealed


@transaction.atomic
def transfer_import(
    *, organisation: Organisation, sealed: dict, receiver_key: dict, sender_key: dict
) -> Transfer:
    """A package from another installation, checked (signature, receiver, a valid case file)
    and pending for ``organisation``'s attention officer or functional administrator: the
    same accept or decline step. Run by the installation's operator (``transfer-import``)."""
    if receiver_key.get("organisation") != organisation.name:
        raise ValidationError(
            _("De sleutel hoort bij %(k)s, niet bij %(o)s.")
            % {"k": receiver_key.get("organisation"), "o": organisation.name}
        )
    try:
        payload = package.open_sealed(sealed, receiver=receiver_key, sender=sender_key)
    except package.PackageError as error:
        raise ValidationError(str(error)) from None
    casefile = payload.get("casefile")
    if not isinstance(casefile, dict):
        raise ValidationError(_("Het pakket bevat geen casusbestand."))
    problems = validate_casefile(casefile)
    if problems:
        raise ValidationError(problems)
    package_id, package_hash = str(payload.get("transfer", ""))[:36], package.digest(sealed)
    _refuse_twice(organisation, package_id, package_hash)
    try:
        with transaction.atomic():  # two imports at once: the constraint refuses the second
            transfer = _imported(organisation, sealed, payload, casefile, package_id, package_hash)
    except IntegrityError:
        _refuse_twice(organisation, package_id, package_hash)
        raise
    _audit(transfer, "transfer.incoming", actor=None, side="to", role="sender",
           package=package_id, sha256=package_hash, sender=transfer.from_name)  # fmt: skip
    notify(kind=Kind.TRANSFER, users=_deciders(organisation.pk))
    return transfer


def _refuse_twice(organisation: Organisation, package_id: str, package_hash: str) -> None:
    """The same package (by the sender's transfer id or by its hash) is read in only once."""
    same = Q(package_hash=package_hash)
    if package_id:
        same |= Q(package_id=package_id)
    earlier = Transfer.objects.filter(same, to_organisation=organisation).first()
    if earlier is not None:
        raise ValidationError(
            _(
                "Dit pakket is al ingelezen op %(d)s (overdracht %(id)s, status: %(s)s). "
                "Een pakket wordt maar één keer ingelezen; er is niets nieuws aangemaakt. Moet "
                "het opnieuw, vraag de afzender dan om een nieuwe overdracht."
            )
            % {
                "d": nl_date(timezone.localtime(earlier.prepared_at)),
                "id": earlier.public_id,
                "s": earlier.get_status_display(),
            }
        )


def _imported(
    organisation: Organisation,
    sealed: dict,
    payload: dict,
    casefile: dict,
    package_id: str,
    package_hash: str,
) -> Transfer:
    return Transfer.objects.create(
        from_name=str(sealed.get("from", "")),
        to_organisation=organisation,
        item_keys=[e["id"] for group in IMPORTED for e in casefile.get(group) or []],
        casefile=casefile,
        purpose=str(payload.get("purpose", "")),
        ground=str(payload.get("ground", "")),
        decision_key=str(payload.get("decision_key", "")),
        prepared_by=None,
        package_id=package_id,
        package_hash=package_hash,
    )


def decidable(actor, transfer_id) -> Transfer:
    """A transfer to an organisation in which ``actor`` is attention officer or functional
    administrator; 404 for anyone else (another organisation's transfer does not exist)."""
    transfer = (
        Transfer.objects.select_related("from_organisation", "to_organisation", "new_case")
        .filter(public_id=transfer_id)
        .first()
    )
    if transfer is None or not _may_decide(actor, transfer.to_organisation_id):
        raise Http404
    return transfer


def _may_decide(actor, organisation_id: int | None) -> bool:
    return organisation_id is not None and any(
        has_role(actor, organisation_id, role) for role in DECIDERS
    )


def _role(actor, organisation_id: int | None) -> str:
    return next(r for r in DECIDERS if has_role(actor, cast(int, organisation_id), r))


def _locked(actor, transfer_id, to_status: str) -> Transfer:
    transfer = decidable(actor, transfer_id)
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    ensure(TRANSITIONS, transfer.status, to_status)
    return transfer


def _team(organisation_id: int | None, user_ids: list[int]) -> list:
    """The chosen professionals of the receiving organisation; empty if any is not one."""
    found = {
        m.user_id: m.user
        for m in Membership.objects.filter(
            organisation_id=cast(int, organisation_id),  # decidable: set
            role=Role.PROFESSIONAL,
            active=True,
            user__is_active=True,
            user_id__in=user_ids,
        ).select_related("user")
    }
    if not user_ids or len(found) != len(set(user_ids)):
        return []
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
    errors = {"team": [TEAM_NEEDED]} if not team else {}
    if not role_on_team.strip():
        errors["role_on_team"] = [ROLE_NEEDED]
    if errors:
        raise ValidationError(errors)  # both at once
    try:
        result = casefile_import(
            actor=team[0],
            organisation=cast(Organisation, transfer.to_organisation),  # decidable: set
            data=transfer.casefile,
            role_on_team=role_on_team.strip(),
            # one of its own: the sender's could be taken here, and would link the two records
            own_pseudonym=True,
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
    transfer.casefile = {}  # it lives on in the new case; the transfer keeps only keys
    transfer.save()
    team_ids = [u.pk for u in team]
    _audit(transfer, "transfer.accept", actor=actor, side="to", role=role, team=team_ids,
           imported=result.imported)  # fmt: skip
    _audit(transfer, "transfer.accepted", actor=actor, side="from", role="receiver")
    notify(kind=Kind.TRANSFER, users=[transfer.prepared_by, *team], actor=actor)  # None: skipped
    return result.case


@transaction.atomic
def transfer_decline(*, actor, transfer_id, reason: str) -> Transfer:
    """Decline with a reason; the sending organisation sees it, and keeps its case."""
    transfer = _locked(actor, transfer_id, TransferStatus.DECLINED)
    if not reason.strip():
        raise ValidationError({"reason": [REASON_NEEDED]})
    transfer.status = TransferStatus.DECLINED
    transfer.decided_by, transfer.decided_at = actor, timezone.now()
    transfer.decline_reason = reason.strip()
    transfer.casefile = {}  # declined: nothing of the case stays with the receiver
    transfer.save()
    role = _role(actor, transfer.to_organisation_id)
    _audit(transfer, "transfer.decline", actor=actor, side="to", role=role)
    _audit(transfer, "transfer.declined", actor=actor, side="from", role="receiver")
    notify(kind=Kind.TRANSFER, users=[transfer.prepared_by], actor=actor)
    return transfer
