"""Attachment writes and audited reads (issue 19). Keyword-only; access through
``cases.access.get_case`` like the entry the file belongs to; one audit event per action in
the same transaction as the change.

Adding a file first checks and cleans it outside the transaction (sniffing, the optional virus
scan, re-encoding an image can take a moment), then stores it encrypted and writes its row and
audit event in one transaction; should that fail, the stored bytes are removed again. Nothing
is kept of a refused file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.attachments import scanning, storage
from deelwijzer.attachments.images import clean_image
from deelwijzer.attachments.models import Attachment, FileKind
from deelwijzer.attachments.registry import Owner, owner
from deelwijzer.attachments.sniff import Refused, sniff
from deelwijzer.audit.models import Outcome
from deelwijzer.audit.services import audit_case
from deelwijzer.cases.access import CaseAccess, CaseRef, get_case
from deelwijzer.cases.entries import Correction, entry_correct
from deelwijzer.cases.models import Case
from deelwijzer.procedure.limits import TEXT_MAX

MB = 1024 * 1024


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes
    description: str
    made_on: date | None


@dataclass(frozen=True)
class Prepared:
    kind: str
    content_type: str
    data: bytes
    thumbnail: bytes
    may_contain_metadata: bool


def _owner(kind: str) -> Owner:
    found = owner(kind)
    if found is None:
        raise Http404
    return found


def _audit(actor, case: Case, access: CaseAccess, action: str, key: str, **detail) -> None:
    audit_case(
        actor,
        case,
        action,
        object_type="attachment",
        object_id=key,
        role=access.role,
        detail=detail or None,
    )


# --- checks ----------------------------------------------------------------------------------


def too_large_message(limit: int) -> str:
    return _(
        "Dit bestand is groter dan %(mb)s MB. Verklein de foto of maak een kleinere "
        "schermafbeelding, of voeg alleen het deel toe dat ertoe doet."
    ) % {"mb": limit // MB}


def _field_errors(upload: Upload) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    description = upload.description.strip()
    if not description:
        errors["description"] = [_("Beschrijf kort wat het bestand laat zien (R1.1, R1.3).")]
    elif len(description) > TEXT_MAX:
        errors["description"] = [_("De beschrijving is te lang.")]
    if upload.made_on is None:
        errors["made_on"] = [_("Vul de datum in waarop het bestand is gemaakt of gevonden.")]
    elif upload.made_on > timezone.localdate():
        errors["made_on"] = [_("Deze datum ligt in de toekomst. Controleer de datum.")]
    if not upload.data:
        errors["file"] = [_("Kies een bestand.")]
    elif len(upload.data) > settings.ATTACHMENT_FILE_MAX_BYTES:
        errors["file"] = [too_large_message(settings.ATTACHMENT_FILE_MAX_BYTES)]
    return errors


def _prepare(upload: Upload) -> Prepared:
    """Sniffed and, for an image, re-encoded without metadata; ``Refused`` otherwise."""
    sniffed = sniff(upload.data, upload.filename)
    if sniffed.kind == FileKind.IMAGE:
        cleaned = clean_image(upload.data, sniffed)
        return Prepared(
            FileKind.IMAGE, cleaned.content_type, cleaned.data, cleaned.thumbnail, False
        )
    return Prepared(
        sniffed.kind, sniffed.content_type, upload.data, b"", sniffed.kind == FileKind.PDF
    )


def _scan(actor, case: Case, access: CaseAccess, upload: Upload) -> None:
    try:
        result = scanning.scan(upload.data)
    except scanning.ScannerUnavailable as exc:
        raise ValidationError(
            {"file": [_("De virusscanner is nu niet bereikbaar. Probeer het later opnieuw.")]}
        ) from exc
    if result is None or result.clean:
        return
    with transaction.atomic():  # the refusal is audited, the file is not kept
        detail = {"finding": result.finding[:200], "size": len(upload.data)}
        audit_case(
            actor,
            case,
            "attachment.refuse_infected",
            object_type="attachment",
            object_id="",
            role=access.role,
            outcome=Outcome.DENIED,
            detail=detail,
        )
    raise ValidationError(
        {
            "file": [
                _("De virusscanner vond iets in dit bestand (%(name)s). Het is niet opgeslagen.")
                % {"name": result.finding}
            ]
        }
    )


def _safe_filename(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(c for c in base if c.isprintable() and c not in '"<>:|?*')
    return (cleaned.strip() or "bestand")[:200]


def _capacity_errors(case: Case, owner_: Owner, entry_key: str, size: int) -> list[str]:
    if not owner_.model.current(case).filter(key=entry_key).exists():
        raise Http404
    live = Attachment.objects.filter(case=case, withdrawn_at__isnull=True)
    if (
        live.filter(entry_kind=owner_.kind, entry_key=entry_key).count()
        >= settings.ATTACHMENTS_PER_ENTRY
    ):
        return [
            _("Bij deze aantekening staan al %(n)s bestanden, het maximum.")
            % {"n": settings.ATTACHMENTS_PER_ENTRY}
        ]
    used = live.aggregate(total=Sum("size"))["total"] or 0
    if used + size > settings.ATTACHMENT_CASE_MAX_BYTES:
        return [
            _(
                "Met dit bestand komt de casus boven %(mb)s MB aan bijlagen. Trek eerst een "
                "bestand in dat niet meer nodig is."
            )
            % {"mb": settings.ATTACHMENT_CASE_MAX_BYTES // MB}
        ]
    return []


# --- writes ----------------------------------------------------------------------------------


def attachment_add(
    *, actor, case_id: CaseRef, entry_kind: str, entry_key: str, upload: Upload
) -> Attachment:
    """Attach a file to an entry; ``ValidationError`` (keyed by field) when refused."""
    owner_ = _owner(entry_kind)
    case, access = get_case(actor, case_id, need="edit")
    if not owner_.model.current(case).filter(key=entry_key).exists():
        raise Http404
    errors = _field_errors(upload)
    if errors:
        raise ValidationError(errors)
    try:
        prepared = _prepare(upload)
    except Refused as exc:
        raise ValidationError({"file": [str(exc)]}) from exc
    _scan(actor, case, access, upload)
    names = [storage.put(storage.new_name(case.public_id), prepared.data)]
    if prepared.thumbnail:
        names.append(storage.put(storage.new_name(case.public_id, "-t"), prepared.thumbnail))
    try:
        return _record(actor, case.pk, owner_, entry_key, upload, prepared, names)
    except BaseException:
        for name in names:
            storage.destroy(name)
        raise


@transaction.atomic
def _record(
    actor,
    case_pk: int,
    owner_: Owner,
    entry_key: str,
    upload: Upload,
    prepared: Prepared,
    names: list[str],
) -> Attachment:
    case, access = get_case(actor, case_pk, need="edit")
    Case.objects.select_for_update().filter(pk=case.pk).first()  # serialise keys and limits
    problems = _capacity_errors(case, owner_, entry_key, len(prepared.data))
    if problems:
        raise ValidationError({"file": problems})
    assert upload.made_on is not None  # _field_errors refused an upload without one
    attachment = Attachment.objects.create(
        case=case,
        key=Attachment.next_key(case),
        entry_kind=owner_.kind,
        entry_key=entry_key,
        filename=_safe_filename(upload.filename),
        content_type=prepared.content_type,
        kind=prepared.kind,
        size=len(prepared.data),
        sha256=hashlib.sha256(prepared.data).hexdigest(),
        description=upload.description.strip(),
        made_on=upload.made_on,
        may_contain_metadata=prepared.may_contain_metadata,
        storage_name=names[0],
        thumbnail_name=names[1] if len(names) > 1 else "",
        added_by=actor,
    )
    _audit(
        actor,
        case,
        access,
        "attachment.add",
        attachment.key,
        entry=entry_key,
        kind=attachment.kind,
        size=attachment.size,
        sha256=attachment.sha256,
    )
    return attachment


@transaction.atomic
def attachment_withdraw(*, actor, case_id: CaseRef, key: str, reason: str) -> Attachment:
    """Withdraw a file: the entry gets a new version that says so and why; the bytes are
    destroyed once the transaction has committed. The row stays, for the dossier."""
    case, access = get_case(actor, case_id, need="edit")
    attachment = (
        Attachment.objects.select_for_update()
        .filter(case=case, key=key, withdrawn_at__isnull=True)
        .first()
    )
    if attachment is None:
        raise Http404
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Schrijf kort op waarom je dit bestand intrekt.")]})
    if len(reason) > TEXT_MAX:
        raise ValidationError({"reason": [_("De reden is te lang.")]})
    owner_ = _owner(attachment.entry_kind)
    current = owner_.model.current(case).filter(key=attachment.entry_key).first()
    if current is not None:
        note = _("Bijlage %(key)s (%(what)s) ingetrokken: %(reason)s") % {
            "key": attachment.key,
            "what": attachment.description[:80],
            "reason": reason,
        }
        entry_correct(
            actor=actor,
            case_id=case.pk,
            model=owner_.model,
            key=current.key,
            values={},
            correction=Correction(note, current.version),
            action=owner_.correct_action,
        )
    names = [attachment.storage_name, attachment.thumbnail_name]
    attachment.withdraw(actor, withdrawal_reason=reason, storage_name="", thumbnail_name="")
    _audit(actor, case, access, "attachment.withdraw", attachment.key, entry=attachment.entry_key)
    transaction.on_commit(lambda: _destroy(names))
    return attachment


def _destroy(names: list[str]) -> None:
    for name in names:
        storage.destroy(name)


def attachments_destroy_for_purge(case: Case) -> None:
    """Purge hook (cases.retention): the case's files go once its deletion has committed."""
    rows = Attachment.objects.filter(case=case).values_list("storage_name", "thumbnail_name")
    names = [name for pair in rows for name in pair if name]
    transaction.on_commit(lambda: _destroy(names))


# --- audited reads ---------------------------------------------------------------------------


@transaction.atomic
def attachment_open(
    *, actor, case_id: CaseRef, key: str, thumbnail: bool = False
) -> tuple[Attachment, bytes]:
    """The file (or its thumbnail) decrypted, for who may see the entry; 404 otherwise."""
    case, access = get_case(actor, case_id, need="view")
    attachment = Attachment.objects.filter(case=case, key=key, withdrawn_at__isnull=True).first()
    if attachment is None or (thumbnail and not attachment.thumbnail_name):
        raise Http404
    name = attachment.thumbnail_name if thumbnail else attachment.storage_name
    data = storage.get(name)
    action = "attachment.view_thumbnail" if thumbnail else "attachment.download"
    _audit(actor, case, access, action, attachment.key)
    return attachment, data
