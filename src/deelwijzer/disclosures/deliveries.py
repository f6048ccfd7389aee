"""Delivering a disclosure to its recipient (issue #20.1): send, withdraw, open with the code,
download, confirm receipt, give feedback.

The professional's side checks access to the case (``get_case``); the recipient has no account:
the link's token (256 bits, stored as its SHA-256) finds the delivery, and the code (8 digits,
stored as a keyed hash) opens it. Five wrong codes lock the link. Every step is audited in the
same transaction; the recipient's steps with no user, the delivery's public id as the actor
(``detail["delivery"]``, role ``recipient``).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.attachments.models import Attachment
from deelwijzer.audit import context
from deelwijzer.audit.models import AuditEvent, Outcome
from deelwijzer.audit.services import audit_case, audit_record
from deelwijzer.cases.access import CaseRef, get_case
from deelwijzer.disclosures import delivery_mail
from deelwijzer.disclosures.models import Delivery, Disclosure, FeedbackReceipt
from deelwijzer.inputs import hidden_characters
from deelwijzer.notifications.mail import Kind, notify
from deelwijzer.organisations.models import CodeChannel
from deelwijzer.procedure.limits import TEXT_MAX

RECIPIENT = "recipient"  # the audit role of what the recipient does through the link
RECIPIENT_FEEDBACK_MISSING = _l("Schrijf je terugkoppeling in het tekstvak.")
CODE_DIGITS = 8
# Unknown links from one client address within an hour before it is refused (brute force
# over the link itself; a real token has 256 bits, so each try is audited).
UNKNOWN_LINKS_PER_HOUR = 20


@dataclass(frozen=True)
class Sent:
    """A delivery just made, with its secrets in the clear: they exist only here and in the
    mails. ``code`` is for the professional to read out when the code goes by phone."""

    delivery: Delivery
    token: str
    code: str

    @property
    def code_for_phone(self) -> str | None:
        return spaced(self.code) if self.delivery.code_channel == CodeChannel.PHONE else None


def spaced(code: str) -> str:
    return f"{code[:4]} {code[4:]}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def code_hash(delivery: Delivery, code: str) -> str:
    return salted_hmac("deelwijzer.delivery.code", f"{delivery.public_id}:{code}").hexdigest()


def normalised(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())


def _audit(delivery: Delivery, action: str, *, actor=None, role=RECIPIENT, **values) -> None:
    x = delivery.disclosure
    detail = {"delivery": str(delivery.public_id), **values.pop("detail", {})}
    audit_case(
        actor,
        x.case,
        action,
        object_type="disclosure",
        object_id=x.key,
        role=role,
        detail=detail,
        **values,
    )


def delivery_create(*, actor, disclosure: Disclosure, role: str) -> Sent | None:
    """A new delivery of ``disclosure`` to its contact's e-mail address, and its mails (sent
    after the commit). None when the contact has no e-mail address. Call inside the caller's
    transaction, after its access check (``disclosure_share``, ``delivery_send``)."""
    email = disclosure.contact.email
    if not email:
        return None
    organisation = disclosure.case.organisation
    token, code = secrets.token_urlsafe(32), f"{secrets.randbelow(10**CODE_DIGITS):08d}"
    delivery = Delivery(
        disclosure=disclosure,
        email=email,
        code_channel=organisation.delivery_code_channel,
        token_hash=token_hash(token),
        expires_at=timezone.now() + timedelta(days=organisation.delivery_days),
        sent_by=actor,
    )
    delivery.code_hash = code_hash(delivery, code)
    delivery.save()
    _audit(
        delivery,
        "delivery.send",
        actor=actor,
        role=role,
        detail={"code_channel": delivery.code_channel, "expires_at": str(delivery.expires_at)},
    )
    delivery_mail.send_after_commit(delivery, token=token, code=code)
    return Sent(delivery, token, code)


def _disclosure(case, key: str) -> Disclosure:
    disclosure = Disclosure.objects.filter(case=case, key=key).select_related("contact").first()
    if disclosure is None:  # an address that leads nowhere: 404, as an unknown entry key
        raise Http404(_("Deze verstrekking bestaat niet in deze casus."))
    return disclosure


RESENT = _l("Opnieuw verstuurd: een nieuwe link en code vervangen deze link.")
WITHDRAWAL_REASON_MISSING = _l(
    "Schrijf kort op waarom je de link intrekt, bijvoorbeeld: verstuurd naar een verkeerd "
    "e-mailadres. Zo kun je later uitleggen waarom de ontvanger er niet meer bij kon."
)


def withdrawal_reason_errors(reason: str) -> list[str]:
    """What is wrong with the reason typed for withdrawing a link (the form and the API ask
    the same); [] when it can be saved."""
    if not reason.strip():
        return [str(WITHDRAWAL_REASON_MISSING)]
    if len(reason.strip()) > TEXT_MAX:
        return [
            _("De reden is te lang: ten hoogste %(n)s tekens.")
            % {"n": f"{TEXT_MAX:_}".replace("_", ".")}
        ]
    refused = hidden_characters(reason)
    return [refused] if refused else []


def _withdraw(delivery: Delivery, *, actor, role: str, why: str, reason: str) -> None:
    """``why``: "withdrawn" or "resent", for the audit trail (which holds no case content);
    ``reason``: the text the case keeps."""
    delivery.withdraw(actor, withdrawal_reason=reason)
    _audit(delivery, "delivery.withdraw", actor=actor, role=role, detail={"reason": why})


@transaction.atomic
def delivery_send(*, actor, case_id: CaseRef, key: str) -> Sent:
    """Send the disclosure (again): a new link and code; a link still in use is withdrawn."""
    case, access = get_case(actor, case_id, need="edit")
    disclosure = _disclosure(case, key)
    if not disclosure.contact.email:
        raise ValidationError(
            _(
                "Stap 6: %(name)s heeft geen e-mailadres in de contactenlijst. Vraag de "
                "functioneel beheerder het toe te voegen, of geef het deeldocument op een "
                "andere veilige manier."
            )
            % {"name": disclosure.contact.name}
        )
    for earlier in disclosure.deliveries.select_for_update().filter(withdrawn_at__isnull=True):
        if earlier.usable:
            _withdraw(earlier, actor=actor, role=access.role, why="resent", reason=str(RESENT))
    sent = delivery_create(actor=actor, disclosure=disclosure, role=access.role)
    assert sent is not None  # the contact has an address: checked above
    return sent


@transaction.atomic
def delivery_withdraw(*, actor, case_id: CaseRef, key: str, delivery_id, reason: str) -> Delivery:
    """Stop a delivery's link at once, with the reason (it stands in the dossier).
    Withdrawing twice is refused, explained."""
    case, access = get_case(actor, case_id, need="edit")
    disclosure = _disclosure(case, key)
    delivery = disclosure.deliveries.select_for_update().filter(public_id=delivery_id).first()
    if delivery is None:
        raise Http404(_("Deze bezorging hoort niet bij deze verstrekking."))
    if delivery.withdrawn_at:
        raise ValidationError(_("Deze link is al ingetrokken."))
    if errors := withdrawal_reason_errors(reason):
        raise ValidationError({"reason": errors})
    _withdraw(delivery, actor=actor, role=access.role, why="withdrawn", reason=reason.strip())
    return delivery


# The recipient's side ---------------------------------------------------------------------


def delivery_by_token(token: str) -> Delivery | None:
    return (
        Delivery.objects.filter(token_hash=token_hash(token))
        .select_related("disclosure__case__organisation", "disclosure__contact")
        .first()
    )


@transaction.atomic
def delivery_unknown_link() -> bool:
    """Audit a link that leads nowhere; False when this client address has tried too many
    within the hour (brute force over the link: refused, and every try audited)."""
    since = timezone.now() - timedelta(hours=1)
    tried = AuditEvent.objects.filter(
        action="delivery.unknown_link",
        client_address=context.current().client_address,
        occurred_at__gte=since,
    ).count()
    audit_record(
        actor=None,
        action="delivery.unknown_link",
        object_type="delivery",
        role=RECIPIENT,
        outcome=Outcome.DENIED,
    )
    return tried < UNKNOWN_LINKS_PER_HOUR


def _locked(delivery_id: int) -> Delivery:
    return (
        Delivery.objects.select_for_update()
        .select_related("disclosure__case", "disclosure__contact")
        .get(pk=delivery_id)
    )


@transaction.atomic
def delivery_open(*, delivery: Delivery, code: str) -> tuple[Delivery, bool]:
    """Check the code. Right (True): the delivery counts as opened, when and how often.
    Wrong (False): counted and audited; the fifth wrong code locks the link."""
    delivery = _locked(delivery.pk)
    if not delivery.usable:
        return delivery, False
    given = normalised(code)
    if len(given) == CODE_DIGITS and constant_time_compare(
        code_hash(delivery, given), delivery.code_hash
    ):
        now = timezone.now()
        delivery.opened_count += 1
        delivery.first_opened_at = delivery.first_opened_at or now
        delivery.last_opened_at = now
        delivery.save(update_fields=["opened_count", "first_opened_at", "last_opened_at"])
        _audit(delivery, "delivery.open", detail={"opened": delivery.opened_count})
        return delivery, True
    delivery.failed_attempts += 1
    fields = ["failed_attempts"]
    if delivery.failed_attempts >= Delivery.MAX_ATTEMPTS:
        delivery.locked_at = timezone.now()
        fields.append("locked_at")
    delivery.save(update_fields=fields)
    _audit(
        delivery,
        "delivery.code_failed",
        outcome=Outcome.DENIED,
        detail={"attempt": delivery.failed_attempts},
    )
    if delivery.locked_at:
        _audit(delivery, "delivery.locked", outcome=Outcome.DENIED)
        # the sender learns it now, not when the recipient calls (the recipient walk)
        notify(kind=Kind.DELIVERY_LOCKED, users=[delivery.sent_by])
    return delivery, False


@transaction.atomic
def delivery_download(*, delivery: Delivery) -> tuple[Disclosure, bytes]:
    """The share document as PDF, for the recipient; audited with the delivery as actor."""
    from deelwijzer.disclosures.document import render_share_pdf

    delivery = _locked(delivery.pk)
    if not delivery.document_open():
        raise ValidationError(_("Het document is via deze link niet meer te downloaden."))
    _audit(delivery, "delivery.download_pdf")
    return delivery.disclosure, render_share_pdf(delivery.disclosure)


@transaction.atomic
def delivery_file(*, delivery: Delivery, key: str) -> tuple[Attachment, bytes]:
    """A file shared with the disclosure (issue #19), for the recipient, through this delivery
    only; audited with the delivery as actor. Http404 for a key the disclosure did not share,
    or a file withdrawn since (its bytes are gone)."""
    from deelwijzer.attachments import storage
    from deelwijzer.disclosures.document import shared_attachments

    delivery = _locked(delivery.pk)
    if not delivery.document_open():
        raise ValidationError(_("Het document is via deze link niet meer te downloaden."))
    attachment = shared_attachments(delivery.disclosure).get(key)
    if attachment is None:
        raise Http404
    _audit(delivery, "delivery.download_file", detail={"file": key, "sha256": attachment.sha256})
    shared = {f["key"]: f for f in (delivery.disclosure.document or {}).get("files") or []}
    attachment.filename = shared.get(key, {}).get("filename") or attachment.key  # as sent
    return attachment, storage.get(attachment.storage_name)


@transaction.atomic
def delivery_confirm(*, delivery: Delivery) -> Delivery:
    """The recipient confirms receipt (once; a second time changes nothing)."""
    delivery = _locked(delivery.pk)
    if not delivery.usable:
        raise ValidationError(_("Deze link werkt niet meer."))
    if delivery.confirmed_at is None:
        delivery.confirmed_at = timezone.now()
        delivery.save(update_fields=["confirmed_at"])
        _audit(delivery, "delivery.confirm")
    return delivery


@transaction.atomic
def delivery_feedback(*, delivery: Delivery, text: str) -> FeedbackReceipt:
    """The recipient's feedback (R6.5): lands on the disclosure, marked as from the recipient;
    the professional who shared gets a content-free e-mail."""
    delivery = _locked(delivery.pk)
    if not delivery.feedback_open():
        raise ValidationError(
            _("Terugkoppelen via deze link kan niet (meer). Neem contact op met de afzender.")
        )
    text = text.strip()
    if not text:
        raise ValidationError({"text": [str(RECIPIENT_FEEDBACK_MISSING)]})
    if len(text) > TEXT_MAX:
        raise ValidationError({"text": [_("Je tekst is te lang.")]})
    receipt = FeedbackReceipt.objects.create(
        disclosure=delivery.disclosure,
        received_on=timezone.localdate(),
        text=text,
        recorded_by=None,
        delivery=delivery,
    )
    _audit(delivery, "delivery.feedback", detail={"feedback_id": receipt.pk})
    notify(kind=Kind.DELIVERY_FEEDBACK, users=[delivery.disclosure.shared_by])
    return receipt
