"""A case handed over to another organisation (issue #20.2).

The sending organisation prepares a transfer: the lawful ground as for any external sharing,
the entries that go (minimal) and the identity that goes. What goes is kept as a case-file
subset (``casefile``, ``deelwijzer-casefile/1``), encrypted. The receiving organisation's
attention officer or functional administrator accepts it (a new case is opened there from the
subset, through the case-file import) or declines it with a reason; either way the subset is
then cleared (it lives on in the new case, or must not stay with a receiver who declined), and
the transfer keeps only keys, names of organisations and dates. Each side keeps its own case
and audit trail.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.fields import EncryptedJSONField, EncryptedTextField
from deelwijzer.cases.models import Case
from deelwijzer.ids import public_id_field
from deelwijzer.organisations.models import Organisation
from deelwijzer.userref import user_ref


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("wacht op de ontvangende organisatie")
    ACCEPTED = "accepted", _("aanvaard")
    DECLINED = "declined", _("afgewezen")


class Transfer(models.Model):
    public_id = public_id_field()
    # Empty on the receiving side of a package from another installation (transfer-import):
    # the sending case and organisation live there; ``from_name`` names it.
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="transfers_out"
    )
    from_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="transfers_out"
    )
    from_name = models.CharField(_("van (organisatie)"), max_length=200, blank=True)
    # Empty on the sending side of an export to another installation (transfer-export).
    to_organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="transfers_in"
    )
    to_name = models.CharField(_("naar (organisatie)"), max_length=200, blank=True)
    item_keys = models.JSONField(_("onderdelen die meegaan"), default=list)
    identity = models.JSONField(_("identiteitsgegevens die meegaan"), default=list)
    casefile = EncryptedJSONField(_("wat er meegaat (casusbestand)"), default=dict)
    purpose = EncryptedTextField(_("waarom de casus meegaat"))
    ground = models.CharField(_("grond"), max_length=30)
    decision_key = models.CharField(_("besluit"), max_length=12)
    status = models.CharField(
        _("status"), max_length=10, choices=TransferStatus.choices, default=TransferStatus.PENDING
    )
    prepared_by = user_ref(optional=True)  # empty: imported from another installation
    prepared_at = models.DateTimeField(_("klaargezet op"), auto_now_add=True)
    decided_by = user_ref(optional=True)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)
    decline_reason = EncryptedTextField(_("reden van afwijzen"), blank=True)
    new_case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="transfers_in"
    )
    imported_keys = models.JSONField(_("kenmerken in de nieuwe casus"), default=list)
    # A package from another installation (transfer-import): the sender's transfer id and the
    # SHA-256 of the package as received. The same package is read in only once.
    package_id = models.CharField(_("pakket (overdracht bij de afzender)"), max_length=36,
                                  blank=True)  # fmt: skip
    package_hash = models.CharField(_("pakket (SHA-256)"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("overdracht")
        verbose_name_plural = _("overdrachten")
        ordering = ["-prepared_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["to_organisation", "package_id"],
                condition=~models.Q(package_id=""),
                name="transfer_package_once",
            ),
            models.UniqueConstraint(
                fields=["to_organisation", "package_hash"],
                condition=~models.Q(package_hash=""),
                name="transfer_package_hash_once",
            ),
        ]

    def __str__(self) -> str:
        return f"overdracht {self.public_id} ({self.status})"

    @property
    def sender(self) -> str:
        return self.from_organisation.name if self.from_organisation else self.from_name

    @property
    def receiver(self) -> str:
        return self.to_organisation.name if self.to_organisation else self.to_name

    @property
    def ground_label(self) -> str:
        if self.ground == "consent":
            return str(_("toestemming van de jongere (R5.1)"))
        return str(_("ernstig, concreet veiligheidsrisico (R5.2)"))

    def identity_labels(self) -> list[str]:
        """What kinds of identity went (labels, each once), besides the pseudonym and the
        birth date that always go: for the dossier and the register."""
        labels: list[str] = []
        for code in self.identity:
            label = str(IDENTITY_LABELS.get(code.split("-")[0], code))
            if label not in labels:
                labels.append(label)
        return labels


IDENTITY_LABELS = {
    "name": _("naam"),
    "birth_date": _("geboortedatum"),
    "identifier": _("herkenbaar gegeven"),
    "guardian": _("ouder of verzorger"),
    "other": _("gegevens in de teksten (verklaard)"),
}
