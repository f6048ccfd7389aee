"""Entries of the steps are never overwritten: a correction makes a new version.

Every step app's entry model inherits ``VersionedEntry``; its services call
``entry_create`` and ``entry_correct``, which check access and audit in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.audit.services import audit_record
from deelwijzer.cases.access import CaseAccess, CaseRef, get_case
from deelwijzer.cases.fields import EncryptedTextField
from deelwijzer.cases.models import Case
from deelwijzer.userref import user_ref


@dataclass(frozen=True)
class Correction:
    """What a correction of an entry carries besides its new content, from a form or the API
    alike: why (``note``, required) and the version the user was looking at
    (``expected_version``: if someone else corrected the entry in the meantime, the
    correction is refused and nothing is lost)."""

    note: str
    expected_version: int


# What a correction without its note is told, by the service and by every form that asks it.
CORRECTION_NOTE_MISSING = _l("Schrijf kort op wat je corrigeert en waarom.")


def changed_meanwhile() -> ValidationError:
    """The one refusal when someone else changed what the user was changing (code
    ``stale_version``: 409 in the API); nothing was saved."""
    return ValidationError(
        _(
            "Iemand anders heeft dit intussen gewijzigd. Er is niets opgeslagen; bekijk wat "
            "er nu staat en probeer het opnieuw."
        ),
        code="stale_version",
    )


@dataclass(frozen=True)
class Content:
    """One content field of an entry, beside its model field: the question the form asks, the
    hint under it, what the history shows when it has no value, whether the case file (a
    public contract, CASEFILE.md) carries it, whether the entry's form asks it (an
    opinion's status changes through its follow-up notes, not through its form), and whether
    the service refuses it empty."""

    name: str
    question: object
    help: object = ""
    empty: object = ""
    casefile: bool = True
    form: bool = True
    needed: bool = False  # the service refuses it empty: the form marks it "(verplicht)"


class VersionedEntry(models.Model):
    KEY_PREFIX = "e"  # the case file id is KEY_PREFIX + number: "s3", "o1", …
    # The entry's content fields, declared once on the model, in the order every reader
    # (form, entry page, API, case file) uses them.
    CONTENT: ClassVar[tuple[Content, ...]] = ()

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="%(class)s_entries")
    key = models.CharField(_l("kenmerk"), max_length=12)
    version = models.PositiveIntegerField(_l("versie"), default=1)
    is_current = models.BooleanField(default=True, db_index=True)
    recorded_by = user_ref()
    recorded_at = models.DateTimeField(_l("vastgelegd op"), auto_now_add=True)
    correction_note = EncryptedTextField(_l("reden van de correctie"), blank=True)

    # Each concrete entry model gets Django's default manager; named here for the type checker.
    objects: ClassVar[models.Manager[Self]]

    class Meta:
        abstract = True
        ordering = ["case_id", "key", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "key", "version"], name="%(app_label)s_%(class)s_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} v{self.version} (casus {self.case_id})"

    @classmethod
    def current(cls, case: Case):
        return cls.objects.filter(case=case, is_current=True)

    @classmethod
    def content_fields(cls) -> tuple[str, ...]:
        return tuple(c.name for c in cls.CONTENT)

    def content(self) -> dict:
        """The declared content fields (``CONTENT``) and their values."""
        return {name: getattr(self, name) for name in self.content_fields()}


class CaseRecord(models.Model):
    """A record of a case that is written once and never versioned (a disclosure, an
    attachment), with its own key within the case (``KEY_PREFIX`` + number: "x2", "f1"): what
    URLs, the API and the case file name it by. The concrete model declares its ``case``."""

    KEY_PREFIX = "k"

    key = models.CharField(_l("kenmerk"), max_length=12)

    objects: ClassVar[models.Manager[Self]]

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="%(app_label)s_unique_key")
        ]

    @classmethod
    def next_key(cls, case: Case) -> str:
        """The key of the next record of this kind in the case (call it with the case locked)."""
        return f"{cls.KEY_PREFIX}{cls.objects.filter(case=case).count() + 1}"


def next_key(model: type[VersionedEntry], case: Case) -> str:
    count = model.objects.filter(case=case, version=1).count()
    return f"{model.KEY_PREFIX}{count + 1}"


def _audit(actor, case: Case, access: CaseAccess, action: str, entry, detail: dict) -> None:
    audit_record(
        actor=actor,
        action=action,
        object_type=type(entry)._meta.model_name,
        object_id=entry.key,
        case_id=case.pk,
        organisation_id=case.organisation_id,
        role=access.role,
        detail={"version": entry.version, **detail},
    )


@transaction.atomic
def entry_create(
    *,
    actor,
    case_id: CaseRef,
    model: type[VersionedEntry],
    values: dict,
    action: str,
    need: str = "edit",
):
    """Record a new entry (version 1). ``values`` are already validated by the caller."""
    case, access = get_case(actor, case_id, need=need)
    Case.objects.select_for_update().filter(pk=case.pk).first()  # serialise key allocation
    entry = model.objects.create(case=case, key=next_key(model, case), recorded_by=actor, **values)
    _audit(actor, case, access, action, entry, {"fields": sorted(values)})
    return entry


@transaction.atomic
def entry_correct(
    *,
    actor,
    case_id: CaseRef,
    model: type[VersionedEntry],
    key: str,
    values: dict,
    correction: Correction,
    action: str,
    need: str = "edit",
):
    """Make a new version of an entry; the old one stays, marked as no longer current.
    ``correction`` says why, and which version the user corrected (see ``Correction``)."""
    case, access = get_case(actor, case_id, need=need)
    # Lock the case first: a correction that waited for a concurrent one then reads the new
    # current version and is refused as stale (409). Waiting on the old version's row lock
    # instead, PostgreSQL skips that row once it is no longer current and finds nothing.
    Case.objects.select_for_update().filter(pk=case.pk).first()
    current = model.objects.select_for_update().filter(case=case, key=key, is_current=True).first()
    if current is None:
        raise ValidationError(_("Deze aantekening bestaat niet (meer) in deze casus."))
    if current.version != correction.expected_version:
        raise changed_meanwhile()
    note = correction.note.strip()
    if not note:
        raise ValidationError({"correction_note": [CORRECTION_NOTE_MISSING]})
    current.is_current = False
    current.save(update_fields=["is_current"])
    changed = sorted(name for name, value in values.items() if getattr(current, name) != value)
    fields = {
        f.name: getattr(current, f.name)
        for f in model._meta.concrete_fields
        if f.name
        not in {
            "id",
            "version",
            "is_current",
            "recorded_by",
            "recorded_at",
            "correction_note",
            "case",
            "key",
        }
    }
    fields.update(values)
    entry = model.objects.create(
        case=case,
        key=key,
        version=current.version + 1,
        recorded_by=actor,
        correction_note=note,
        **fields,
    )
    _audit(actor, case, access, action, entry, {"changed": changed})
    return entry


@transaction.atomic
def entry_read(
    *, actor, case_id: CaseRef, model: type[VersionedEntry], key: str, need: str = "view"
) -> tuple[Case, CaseAccess, list]:
    """Read one entry with all its versions (audited); 404 through the access policy (for
    ``need``: "identity" where the entry names people)."""
    case, access = get_case(actor, case_id, need=need)
    versions = list(
        model.objects.filter(case=case, key=key).select_related("recorded_by").order_by("version")
    )
    if versions:
        audit_record(
            actor=actor,
            action=f"{model._meta.model_name}.view",
            object_type=str(model._meta.model_name),
            object_id=key,
            case_id=case.pk,
            organisation_id=case.organisation_id,
            role=access.role,
        )
    return case, access, versions


def entry_history(model: type[VersionedEntry], case: Case, key: str) -> list:
    return list(
        model.objects.filter(case=case, key=key).select_related("recorded_by").order_by("version")
    )
