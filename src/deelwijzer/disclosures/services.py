"""Sharing (step 6): check a draft with the engine, record the disclosure, record feedback.

Sharing needs a signed-off decision to share (R6.7). Before anything is written, the would-be
case file (the case plus the draft disclosure) goes to the engine; its step 6 findings on the
draft are shown, and a violation or a missing agreement stops the share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.cases.models import Case
from deelwijzer.disclosures.casefile import disclosure_dict
from deelwijzer.disclosures.deliveries import delivery_create
from deelwijzer.disclosures.document import snapshot
from deelwijzer.disclosures.files import (
    ShareableFile,
    file_texts,
    image_refusal,
    shareable_files,
)
from deelwijzer.disclosures.items import identity_options, read_marks, shareable_items
from deelwijzer.disclosures.models import Contact, Disclosure, FeedbackReceipt
from deelwijzer.disclosures.outgoing import MODES, OTHER, Outgoing, as_sent, scan
from deelwijzer.interchange.casefile import build_casefile
from deelwijzer.procedure.casefile import CaseFileError, load_casefile
from deelwijzer.procedure.evaluate import evaluate
from deelwijzer.procedure.evaluation import Evaluation, Finding
from deelwijzer.procedure.rules.context import finding
from deelwijzer.procedure.rules.step6 import as_draft

BLOCKING = ("violation", "missing")
FEEDBACK_DATE_OUTSIDE = _l("De datum moet tussen de datum van delen en vandaag liggen.")
FEEDBACK_DATE_MISSING = _l("Vul in op welke datum de terugkoppeling kwam.")
FEEDBACK_TEXT_MISSING = _l("Schrijf op wat de ontvanger terugkoppelde.")


@dataclass(frozen=True)
class ItemInput:
    key: str
    purpose: str = ""
    risk: str = ""


@dataclass(frozen=True)
class DisclosureInput:
    contact_id: int | None
    items: list[ItemInput]
    identity: list[str] = field(default_factory=list)
    steps_taken: str = ""
    task_professional: str = ""
    task_recipient: str = ""
    feedback_possible: bool | None = None
    feedback_due_on: date | None = None
    # What to do with identity found in the texts that is not ticked: "declare" or "replace".
    found_identity: str = ""
    # Files shared beside the entries (issue #19), and the confirmation that the professional
    # looked at the images among them for identity (required when there is one).
    files: list[ItemInput] = field(default_factory=list)
    images_checked: bool = False


@dataclass
class Check:
    """The engine's view of a draft: its step 6 findings and the ground for sharing, and the
    identity its texts carry (``outgoing``)."""

    key: str
    findings: list[Finding]
    ground: str | None
    outgoing: Outgoing

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.kind in BLOCKING]

    @property
    def can_share(self) -> bool:
        return not self.blocking and not self.outgoing.refused


def signed_off_decision(case: Case):
    """The signed-off decision to share, or None (R6.7)."""
    from deelwijzer.decisions.services import signed_off_share_decision

    return signed_off_share_decision(case)


def _audit(actor, case: Case, access, action: str, disclosure, detail: dict | None = None) -> None:
    audit_case(
        actor, case, action, role=access.role, object_type="disclosure",
        object_id=disclosure.key, detail=detail,
    )  # fmt: skip


def _contact(case: Case, contact_id: int | None) -> Contact | None:
    if contact_id is None:
        return None
    return Contact.objects.filter(
        pk=contact_id, organisation_id=case.organisation_id, active=True
    ).first()


def item_places(draft: DisclosureInput) -> list[tuple[str, ItemInput]]:
    """Each chosen entry and file with its place in the draft, as an error names it:
    ``items.0``, ``files.1`` (the API's body names an item so too, in its own errors)."""
    return [
        *((f"items.{n}", item) for n, item in enumerate(draft.items)),
        *((f"files.{n}", item) for n, item in enumerate(draft.files)),
    ]


def _input_errors(
    case: Case, draft: DisclosureInput, data: dict, files: dict[str, ShareableFile]
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if _contact(case, draft.contact_id) is None:
        errors["contact"] = [_("Stap 6 (R6.6): kies de ontvanger uit de lijst met contacten.")]
    known = {item.key for item in shareable_items(data)} | set(files)
    risks = {r["id"] for r in data.get("risks") or []}
    if not draft.items and not draft.files:
        errors["items"] = [
            _("Stap 6 (R6.3): kies wat de ontvanger nodig heeft; je deelt nu niets.")
        ]
    for place, item in item_places(draft):
        if item.key not in known:
            errors[f"{place}.key"] = [
                _("%(key)s bestaat niet (meer) in deze casus.") % {"key": item.key}
            ]
        elif not item.purpose.strip() and item.risk not in risks:
            errors[f"{place}.purpose"] = [
                _("Stap 6 (R6.3): schrijf bij %(key)s waarvoor het nodig is, of kies het risico "
                  "dat het helpt verkleinen.") % {"key": item.key}
            ]  # fmt: skip
    options = {code for code, _label, _value in identity_options(case)} | {OTHER}
    if any(code not in options for code in draft.identity):
        errors["identity"] = [_("Een aangevinkt identiteitsgegeven bestaat niet (meer).")]
    if draft.found_identity not in MODES:
        errors["found_identity"] = [
            _("Kies of de gevonden gegevens meegaan (declare) of vervangen worden (replace).")
        ]
    if draft.feedback_due_on and draft.feedback_due_on < timezone.localdate():
        errors["feedback_due_on"] = [_("De datum voor de terugkoppeling ligt in het verleden.")]
    return errors


def _draft_dict(case: Case, draft: DisclosureInput, key: str) -> dict:
    contact = _contact(case, draft.contact_id)
    return disclosure_dict(
        key=key,
        shared_on=timezone.localdate(),
        recipient=(contact.kind, contact.name) if contact else None,
        items=[item.key for item in draft.items],
        purpose=purpose_text(draft.items),
        steps_taken=draft.steps_taken,
        task=(draft.task_professional, draft.task_recipient),
        feedback=(draft.feedback_possible, draft.feedback_due_on, None),
    )


def purpose_text(items: list[ItemInput]) -> str:
    parts = []
    for item in items:
        why = item.purpose.strip()
        if item.risk:
            why = f"{why} ({_('verkleint risico')} {item.risk})" if why else item.risk
        parts.append(f"{item.key}: {why}")
    return "; ".join(parts)


def _evaluate(data: dict) -> Evaluation:
    try:
        return evaluate(load_casefile(data))
    except CaseFileError as error:
        raise ValidationError(
            _("Deelwijzer kan dit niet controleren: %(p)s") % {"p": "; ".join(error.problems)}
        ) from None


def chosen_files(case: Case, draft: DisclosureInput) -> list[ShareableFile]:
    by_key = {f.key: f for f in shareable_files(case)}
    return [by_key[f.key] for f in draft.files if f.key in by_key]


def disclosure_check(case: Case, draft: DisclosureInput, data: dict | None = None) -> Check:
    """Ask the engine about the case with this draft disclosure added. Writes nothing."""
    data = data if data is not None else build_casefile(case)
    key = Disclosure.next_key(case)
    files = {f.key: f for f in shareable_files(case)}
    errors = _input_errors(case, draft, data, files)
    if errors:
        raise ValidationError(errors)
    outgoing = scan(draft, data, file_texts(files.values()))
    sent = as_sent(draft, outgoing)
    data = {**data, "disclosures": [*(data.get("disclosures") or []), _draft_dict(case, sent, key)]}
    evaluation = _evaluate(data)
    # The draft's findings: it has no key yet ("deze verstrekking"), and R6.3 names the risk
    # chosen per item, which the case file does not hold.
    chosen = {item.key: item.risk for item in sent.items if item.risk}
    findings = [
        as_draft(f, key, chosen) for f in evaluation.findings if f.step == 6 and key in f.refs
    ]
    findings += _nameless_task(draft, outgoing)
    ground = evaluation.sharing.ground if evaluation.sharing.allowed else None
    return Check(key, findings, ground, outgoing)


def _nameless_task(draft: DisclosureInput, outgoing: Outgoing) -> list[Finding]:
    """A recipient asked to act on the young person who is not told who that is: the share
    is of no use, or the name goes by phone unrecorded (the recipient walk). A question, not
    a refusal: leaving the name out can be meant (the case file does not hold what identity
    a disclosure carries, so the app asks this, not the engine)."""
    if not draft.task_recipient.strip() or "name" in outgoing.codes():
        return []
    return [
        finding(
            "R6.4",
            "warning",
            "de ontvanger krijgt de naam van de jongere niet, maar moet wel iets doen. "
            "Weet de ontvanger over wie het gaat? Vink dan bij 'Gegevens van de jongere die "
            "meegaan' aan wat nodig is; laat je de naam bewust weg, schrijf dan bij de "
            "afspraken hoe de ontvanger hem krijgt.",
        )
    ]


def _refusal(check: Check, decision) -> ValidationError | None:
    if decision is None:
        return ValidationError(
            _("Stap 6 (R6.7): delen kan pas na een afgetekend besluit om te delen (stap 5).")
        )
    messages = [f.message for f in check.blocking]  # each names its step and rule already
    if check.ground is None:
        messages.append(_("Stap 6 (R6.7): er is nu geen geldige grond om te delen (R5.1 of R5.2)."))
    return ValidationError(messages) if messages else None


CHANGED_MEANWHILE = _l(
    "Stap 6: %(what)s is aangepast nadat je deze pagina opende. Er is niets gedeeld. Lees "
    "hieronder na wat er nu staat, en vink daarna opnieuw aan dat je hebt nagelezen wat er "
    "uitgaat."
)


def _changed_meanwhile(case: Case, data: dict, draft: DisclosureInput, read) -> list[str]:
    """The chosen entries and identity fields whose text is no longer what the page showed
    (``read``: ``items.read_marks`` as the page had them), by the name the page gives them."""
    items = shareable_items(data)
    identity = identity_options(case)
    now = read_marks(items, identity)
    names = {item.key: item.key for item in items}
    names.update({code: label for code, label, _value in identity})
    chosen = [item.key for item in draft.items] + list(draft.identity)
    return [names.get(key, key) for key in chosen if read.get(key) != now.get(key)]


@transaction.atomic
def disclosure_share(
    *, actor, case_id: CaseRef, draft: DisclosureInput, read: Mapping[str, str] | None = None
) -> Disclosure:
    """Record one act of sharing, with a snapshot of exactly what goes out. ``read``: what
    the professional's page showed of each text to choose from (``items.read_marks``); a
    chosen one that changed since is refused (``stale_version``), as the professional
    confirmed to have read what goes out. The API, which shows no page, leaves it out."""
    case, access = get_case(actor, case_id, need="edit")
    Case.objects.select_for_update().filter(pk=case.pk).first()  # serialise key allocation
    data = build_casefile(case)
    if read is not None:
        changed = _changed_meanwhile(case, data, draft, read)
        if changed:
            message = CHANGED_MEANWHILE % {"what": ", ".join(changed)}
            raise ValidationError(message, code="stale_version")
    decision = signed_off_decision(case)
    check = disclosure_check(case, draft, data)
    refusal = _refusal(check, decision)
    if refusal is not None:
        raise refusal
    if check.outgoing.refused:
        raise ValidationError({"identity": [check.outgoing.refusal()]})
    files = chosen_files(case, draft)
    images = [f.key for f in files if f.is_image]
    if images and not draft.images_checked:
        raise ValidationError({"images_checked": [image_refusal()]})
    contact = _contact(case, draft.contact_id)
    assert contact is not None
    sent = as_sent(draft, check.outgoing)
    disclosure = Disclosure.objects.create(
        case=case,
        key=check.key,
        contact=contact,
        recipient_kind=contact.kind,
        recipient_name=contact.name,
        recipient_department=contact.department,
        items=[{"key": i.key, "purpose": i.purpose.strip(), "risk": i.risk} for i in sent.items],
        identity=check.outgoing.codes(),
        files=[
            {
                "key": f.key,
                "sha256": f.attachment.sha256,
                "purpose": i.purpose.strip(),
                "risk": i.risk,
            }
            for f, i in zip(files, sent.files, strict=True)
        ],  # fmt: skip
        images_checked=bool(images),
        document=snapshot(case, actor, contact, sent, data, decision, check.outgoing, files),
        purpose=purpose_text(sent.items),
        steps_taken=sent.steps_taken.strip(),
        task_professional=sent.task_professional.strip(),
        task_recipient=sent.task_recipient.strip(),
        feedback_possible=bool(draft.feedback_possible),
        feedback_due_on=draft.feedback_due_on if draft.feedback_possible else None,
        ground=cast(str, check.ground),  # _refusal refused a check without a ground
        decision_key=decision.key,
        shared_on=timezone.localdate(),
        shared_by=actor,
    )
    detail = {
        "items": disclosure.item_keys,
        "identity": [code.split("-")[0] for code in disclosure.identity],
        "identity_found": len(check.outgoing.found),
        "identity_replaced": len(check.outgoing.replaced),
        "files": [f.key for f in files],
        "images_checked": images,  # the images the professional confirmed they looked at
        "contact_id": contact.pk,
        "ground": disclosure.ground,
        "decision": decision.key,
    }
    _audit(actor, case, access, "disclosure.share", disclosure, detail)
    # Delivered at once to the contact's e-mail address, if it has one (issue #20.1); the
    # code, when it goes by phone, is shown to the professional once (``sent``, not stored).
    disclosure.sent = delivery_create(actor=actor, disclosure=disclosure, role=access.role)
    return disclosure


def feedback_input_errors(
    disclosure: Disclosure | None, received_on: date | None, text: str
) -> dict[str, list[str]]:
    """What the feedback's input lacks or gets wrong, by field (empty: nothing). Only reads.
    Without the disclosure (not found) the date's range is not judged."""
    errors: dict[str, list[str]] = {}
    if received_on is None:
        errors["received_on"] = [str(FEEDBACK_DATE_MISSING)]
    elif disclosure is not None and (
        received_on > timezone.localdate() or received_on < disclosure.shared_on
    ):
        errors["received_on"] = [str(FEEDBACK_DATE_OUTSIDE)]
    if not text.strip():
        errors["text"] = [str(FEEDBACK_TEXT_MISSING)]
    return errors


@transaction.atomic
def feedback_record(
    *, actor, case_id: CaseRef, key: str, received_on: date | None, text: str
) -> FeedbackReceipt:
    """Record the recipient's feedback (R6.5). Earlier feedback stays."""
    case, access = get_case(actor, case_id, need="edit")
    disclosure = Disclosure.objects.filter(case=case, key=key).first()
    if disclosure is None:
        raise ValidationError(_("Deze verstrekking bestaat niet in deze casus."))
    if errors := feedback_input_errors(disclosure, received_on, text):
        raise ValidationError(errors)
    receipt = FeedbackReceipt.objects.create(
        disclosure=disclosure,
        received_on=cast(date, received_on),  # refused above when empty
        text=text.strip(),
        recorded_by=actor,
    )
    _audit(actor, case, access, "disclosure.feedback", disclosure, {"feedback_id": receipt.pk})
    return receipt


@transaction.atomic
def disclosure_download(*, actor, case_id: CaseRef, key: str) -> tuple[Disclosure, bytes]:
    """The share document as PDF (audited)."""
    from deelwijzer.disclosures.document import render_share_pdf

    case, access = get_case(actor, case_id, need="view")
    disclosure = Disclosure.objects.filter(case=case, key=key).first()
    if disclosure is None:
        from django.http import Http404

        raise Http404
    _audit(actor, case, access, "disclosure.download_pdf", disclosure)
    return disclosure, render_share_pdf(disclosure)
