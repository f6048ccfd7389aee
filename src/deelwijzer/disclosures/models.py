"""Step 6: the organisation's contacts, the disclosures (verstrekkingen) and their feedback.

A ``Disclosure`` is written once, when the information goes out, and never changed: it keeps a
snapshot of exactly what was shared (``document``) so the share document can be produced again
as it was. Feedback that comes back later is a separate, append-only ``FeedbackReceipt``.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from deelwijzer.cases.entries import CaseRecord
from deelwijzer.cases.fields import EncryptedJSONField, EncryptedTextField
from deelwijzer.cases.models import Case
from deelwijzer.dates import nl_date
from deelwijzer.ids import public_id_field
from deelwijzer.organisations.models import CodeChannel, Organisation, OrgListItem
from deelwijzer.userref import Withdrawable, user_ref

if TYPE_CHECKING:
    from deelwijzer.disclosures.deliveries import Sent


class ContactKind(models.TextChoices):
    POLICE = "police", _("Politie")
    MUNICIPALITY_AOOV = "municipality_aoov", _("Gemeente: ambtenaar openbare orde en veiligheid")
    VEILIGHEIDSHUIS = "veiligheidshuis", _("Veiligheidshuis")
    PLATFORM_JEP = "platform_jep", _("Platform JEP")
    OTHER = "other", _("Andere instantie")


class Ground(models.TextChoices):
    CONSENT = "consent", _("Toestemming van de jongere (R5.1)")
    SERIOUS_RISK_ONLY_WAY = (
        "serious_risk_only_way",
        _("Ernstig, concreet veiligheidsrisico en delen is de enige weg (R5.2)"),
    )


class Contact(OrgListItem):
    """Someone outside the organisation who can be given information (R6.6)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(_("soort instantie"), max_length=20, choices=ContactKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    department = models.CharField(_("afdeling of functie"), max_length=200, blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")
        ordering = ["organisation", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.name}"


class Disclosure(CaseRecord):
    """One act of sharing (verstrekking). Immutable once written."""

    KEY_PREFIX = "x"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="disclosures")
    contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("ontvanger")
    )
    # The recipient as it was when shared; a later change of the contact does not alter it.
    recipient_kind = models.CharField(
        _("soort ontvanger"), max_length=20, choices=ContactKind.choices
    )
    recipient_name = models.CharField(_("naam ontvanger"), max_length=200)
    recipient_department = models.CharField(_("afdeling ontvanger"), max_length=200, blank=True)
    items = EncryptedJSONField(_("gedeelde onderdelen"), default=list)  # [{key, purpose, risk}]
    # Files shared beside the entries (issue #19): [{key, sha256, purpose, risk}]. Not in the
    # case file's ``items`` (the engine knows no files); the document snapshot describes them.
    files = EncryptedJSONField(_("gedeelde bestanden"), default=list, blank=True)
    images_checked = models.BooleanField(
        _("afbeeldingen bekeken op herkenbare gegevens"), default=False
    )
    identity = EncryptedJSONField(_("gedeelde identiteitsgegevens"), default=list, blank=True)
    document = EncryptedJSONField(_("wat er precies gedeeld is"), default=dict)
    purpose = EncryptedTextField(_("doel"), blank=True)
    steps_taken = EncryptedTextField(_("al gezette stappen"))
    task_professional = EncryptedTextField(_("wat de beroepskracht doet"))
    task_recipient = EncryptedTextField(_("wat de ontvanger doet"))
    feedback_possible = models.BooleanField(_("ontvanger kan terugkoppelen"))
    feedback_due_on = models.DateField(_("terugkoppeling uiterlijk"), null=True, blank=True)
    ground = models.CharField(_("grond"), max_length=30, choices=Ground.choices)
    decision_key = models.CharField(_("besluit"), max_length=12)
    shared_on = models.DateField(_("gedeeld op"))
    shared_by = user_ref()
    shared_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    # Set by disclosure_share when the disclosure was also delivered (not stored): the new
    # delivery with its secrets, for the one page or answer that shows the code.
    sent: Sent | None = None

    class Meta(CaseRecord.Meta):
        verbose_name = _("verstrekking")
        verbose_name_plural = _("verstrekkingen")
        ordering = ["case_id", "shared_at", "id"]

    def __str__(self) -> str:
        return f"{self.key} (casus {self.case_id})"

    @property
    def item_keys(self) -> list[str]:
        return [item["key"] for item in self.items]

    def delivery_summary(self) -> str:
        """All of its links in one line, for the register: the newest link's status, how
        many links there were and how many were withdrawn, the openings of all of them and
        the first confirmation of receipt (the recipient walk: the register showed the newest
        link alone, and a receipt confirmed on a withdrawn link was gone). "" without any."""
        links = sorted(self.deliveries.all(), key=lambda d: (d.sent_at, d.pk))
        if not links:
            return ""
        newest = links[-1]
        parts = [newest.status_label()]
        if len(links) > 1:
            withdrawn = sum(1 for d in links if d.withdrawn_at)
            parts.append(
                _("%(n)s links, waarvan %(w)s ingetrokken") % {"n": len(links), "w": withdrawn}
            )
        opened = sum(d.opened_count for d in links)
        if opened:
            parts.append(
                ngettext("%(n)s keer geopend", "%(n)s keer geopend", opened) % {"n": opened}
            )
        confirmed = [d.confirmed_at for d in links if d.confirmed_at]
        if confirmed and newest.status() != DeliveryStatus.CONFIRMED:
            first = nl_date(timezone.localdate(min(confirmed)))
            parts.append(_("ontvangst bevestigd op %(d)s") % {"d": first})
        return "; ".join(str(p) for p in parts)

    @property
    def identity_labels(self) -> list[str]:
        """What kinds of identity went out (labels only, each once): for the register."""
        labels: list[str] = []
        for entry in (self.document or {}).get("identity") or []:
            label = str(entry.get("label", ""))
            label = label[:1].upper() + label[1:]
            if label and label not in labels:
                labels.append(label)
        return labels


class DeliveryStatus(models.TextChoices):
    """What the professional sees of a delivery; computed (``Delivery.status``), not stored."""

    SENT = "sent", _("verstuurd")
    OPENED = "opened", _("geopend")
    CONFIRMED = "confirmed", _("ontvangst bevestigd")
    EXPIRED = "expired", _("verlopen")
    WITHDRAWN = "withdrawn", _("ingetrokken")
    LOCKED = "locked", _("geblokkeerd na te veel foute codes")


class Delivery(Withdrawable):
    """A disclosure delivered to its recipient (issue #20.1): a link that expires and a code
    that opens it, both stored only as hashes. The recipient needs no account; the link's
    token is the access, the code the second factor. Withdrawn or locked, the link is dead."""

    MAX_ATTEMPTS = 5

    public_id = public_id_field()
    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(_("e-mailadres ontvanger"))
    code_channel = models.CharField(
        _("hoe de code gaat"), max_length=10, choices=CodeChannel.choices
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    expires_at = models.DateTimeField(_("link verloopt op"))
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)
    sent_by = user_ref()
    opened_count = models.PositiveIntegerField(_("keer geopend"), default=0)
    first_opened_at = models.DateTimeField(_("eerst geopend op"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("laatst geopend op"), null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(_("foute codes"), default=0)
    locked_at = models.DateTimeField(_("geblokkeerd op"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("ontvangst bevestigd op"), null=True, blank=True)
    # why the link was withdrawn: typed by whoever withdrew it, or said by Deelwijzer when a
    # new link replaced it; empty for a link withdrawn before the reason was asked (0008)
    withdrawal_reason = EncryptedTextField(_("reden van intrekken"), blank=True)

    class Meta:
        verbose_name = _("bezorging")
        verbose_name_plural = _("bezorgingen")
        ordering = ["disclosure_id", "sent_at", "id"]

    def __str__(self) -> str:
        return f"bezorging {self.public_id} van {self.disclosure_id}"

    def status(self, now: datetime | None = None) -> str:
        now = now or timezone.now()
        if self.withdrawn_at:
            return DeliveryStatus.WITHDRAWN
        if self.locked_at:
            return DeliveryStatus.LOCKED
        if now >= self.expires_at and not self.feedback_open(now):
            return DeliveryStatus.EXPIRED
        if self.confirmed_at:
            return DeliveryStatus.CONFIRMED
        if self.opened_count:
            return DeliveryStatus.OPENED
        return DeliveryStatus.SENT

    def status_label(self) -> str:
        return str(DeliveryStatus(self.status()).label)

    def document_open(self, now: datetime | None = None) -> bool:
        """The share document can be downloaded: not withdrawn, not locked, not expired."""
        now = now or timezone.now()
        return not (self.withdrawn_at or self.locked_at) and now < self.expires_at

    def feedback_until(self) -> date | None:
        """The last day the recipient can give feedback through the link (R6.5): the agreed
        date plus the grace period (``DEELWIJZER_FEEDBACK_GRACE_DAYS``)."""
        x = self.disclosure
        if not x.feedback_possible or x.feedback_due_on is None:
            return None
        return x.feedback_due_on + timedelta(days=settings.FEEDBACK_GRACE_DAYS)

    def feedback_open(self, now: datetime | None = None) -> bool:
        until = self.feedback_until()
        if until is None or self.withdrawn_at or self.locked_at:
            return False
        return timezone.localdate(now or timezone.now()) <= until

    @property
    def usable(self) -> bool:
        """The link still leads somewhere: the document, or the feedback form."""
        return self.document_open() or self.feedback_open()


class FeedbackReceipt(models.Model):
    """Feedback (R6.5), recorded when it comes: typed in by the professional, or written by
    the recipient through a delivery's link (``delivery`` set, ``recorded_by`` empty). Never
    changed."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="feedback")
    received_on = models.DateField(_("ontvangen op"))
    text = EncryptedTextField(_("terugkoppeling"))
    recorded_by = user_ref(optional=True)
    delivery = models.ForeignKey(
        Delivery,
        on_delete=models.CASCADE,  # both belong to the same case: a purge takes both
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("van de ontvanger, via de bezorging"),
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("terugkoppeling")
        verbose_name_plural = _("terugkoppelingen")
        ordering = ["disclosure_id", "received_on", "id"]

    def __str__(self) -> str:
        return f"terugkoppeling op {self.disclosure_id}"

    @property
    def from_recipient(self) -> bool:
        return self.delivery_id is not None
