"""Files attached to a signal, contra-signal or conversation (issue 19).

The row holds what the dossier shows (description, date, who, size, hash) and where the
encrypted bytes are in storage (``storage.py``); never the bytes themselves. A withdrawn file
keeps its row (the dossier says it was there and why it went), its bytes are destroyed.
"""

from __future__ import annotations

import mimetypes

from django.db import models
from django.utils.translation import gettext_lazy as _

from deelwijzer.cases.entries import CaseRecord
from deelwijzer.cases.fields import EncryptedCharField, EncryptedTextField
from deelwijzer.cases.models import Case
from deelwijzer.procedure.limits import TEXT_MAX
from deelwijzer.userref import Withdrawable, user_ref


def extensions_for(content_type: str) -> list[str]:
    """The file extensions of a content type, the usual one first ([".jpg", ".jpeg", …]);
    [] for a type without one. Parameters ("; charset=utf-8") aside."""
    kind = content_type.split(";")[0].strip()
    usual = mimetypes.guess_extension(kind)
    if usual is None:
        return []
    return [usual, *(e for e in mimetypes.guess_all_extensions(kind) if e != usual)]


class FileKind(models.TextChoices):
    IMAGE = "image", _("Afbeelding")
    PDF = "pdf", _("PDF")
    TEXT = "text", _("Tekst")


class Attachment(CaseRecord, Withdrawable):
    KEY_PREFIX = "f"  # f1, f2, … per case: what URLs and the API carry

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    entry_kind = models.CharField(_("hoort bij"), max_length=20)  # a registered owner kind
    entry_key = models.CharField(_("aantekening"), max_length=12)
    filename = EncryptedCharField(_("bestandsnaam"), max_length=255)
    content_type = models.CharField(_("soort inhoud"), max_length=40)
    kind = models.CharField(_("soort bestand"), max_length=10, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    description = EncryptedTextField(_("wat het laat zien"), max_length=TEXT_MAX)
    made_on = models.DateField(_("gemaakt of gevonden op"))
    may_contain_metadata = models.BooleanField(_("kan metadata bevatten"), default=False)
    storage_name = models.CharField(max_length=200)
    thumbnail_name = models.CharField(max_length=200, blank=True)
    added_by = user_ref()
    added_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)
    withdrawal_reason = EncryptedTextField(_("reden van intrekken"), blank=True)

    class Meta(CaseRecord.Meta):
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")
        ordering = ["case_id", "added_at", "id"]

    def __str__(self) -> str:
        return f"{self.key} bij {self.entry_key} (casus {self.case_id})"

    @property
    def is_image(self) -> bool:
        return self.kind == FileKind.IMAGE
