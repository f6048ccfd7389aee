"""What a subject-access export (inzage) holds besides the dossier: the disclosure register of
the case (with the transfers another organisation accepted) and the list of who viewed or
changed it (from the audit log)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.audit.labels import action_label
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from deelwijzer.organisations.roles import role_label


@dataclass(frozen=True)
class RegisterRow:
    key: str
    recipient: str
    shared_on: date
    ground: str
    items: list[str]
    shared_by: str


@dataclass(frozen=True)
class AccessRow:
    when: datetime
    who: str
    role: str  # Dutch label (audit.labels), not the code
    action: str


def _item_label(item: dict) -> str:
    label = item.get("label") or ""
    return f"{item['key']} ({label})" if label else item["key"]


def disclosure_register(case: Case) -> list[RegisterRow]:
    from deelwijzer.disclosures.models import Disclosure

    rows = []
    for x in Disclosure.objects.filter(case=case).select_related("shared_by"):
        recipient = f"{x.get_recipient_kind_display()}: {x.recipient_name}"
        if x.recipient_department:
            recipient += f" ({x.recipient_department})"
        items = x.document.get("items") or x.items
        rows.append(
            RegisterRow(
                key=x.key,
                recipient=recipient,
                shared_on=x.shared_on,
                ground=str(x.get_ground_display()),
                items=[_item_label(item) for item in items],
                shared_by=x.shared_by.display_name(),
            )
        )
    return rows + _transfers(case)


def _transfers(case: Case) -> list[RegisterRow]:
    """The case handed over to another organisation that accepted it: what went there too."""
    from deelwijzer.transfers.models import Transfer, TransferStatus

    accepted = Transfer.objects.filter(case=case, status=TransferStatus.ACCEPTED)
    return [
        RegisterRow(
            key=_("overdracht"),
            recipient=t.receiver,
            shared_on=timezone.localdate(t.decided_at),
            ground=t.ground_label,
            items=[*t.item_keys, *t.identity_labels()],
            shared_by=t.prepared_by.display_name() if t.prepared_by else "",
        )
        for t in accepted.select_related("to_organisation", "prepared_by")
    ]


def access_log(case: Case) -> list[AccessRow]:
    """Every audited read or change of this case, oldest first; names resolved in one query;
    role and action with the same Dutch labels as the audit pages (audit.labels)."""
    events = list(
        AuditEvent.objects.filter(case_id=case.pk)
        .order_by("occurred_at", "id")
        .only("occurred_at", "user_id", "role", "action")
    )
    user_ids = {e.user_id for e in events if e.user_id is not None}
    users = get_user_model().objects.in_bulk(user_ids)
    rows = []
    for e in events:
        user = users.get(e.user_id) if e.user_id is not None else None
        if user is not None:
            who = user.display_name()
        elif e.role == "recipient":  # a delivery's link (disclosures.deliveries)
            who = _("de ontvanger, via de link")
        else:
            who = _("systeem of onbekend")
        rows.append(AccessRow(e.occurred_at, who, role_label(e.role), action_label(e.action)))
    return rows
