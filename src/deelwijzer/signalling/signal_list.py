"""The organisation's signal list (signaleringsinstrument, R1.6): the org admin's writes.

Labels are never deleted (signals may carry them); a label no longer used is switched off.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from deelwijzer.organisations.models import Organisation
from deelwijzer.organisations.services import audit_org_admin, require_org_admin
from deelwijzer.signalling.models import SignalListItem

MAX_LABEL = 120


def _audit(actor, organisation: Organisation, action: str, item: SignalListItem, detail: dict):
    audit_org_admin(actor, organisation, action, "signal_list_item", item.pk, detail)


@transaction.atomic
def signal_list_add(*, actor, organisation: Organisation, label: str) -> SignalListItem:
    require_org_admin(actor, organisation)
    label = " ".join(label.split())
    if not label:
        raise ValidationError({"label": [_("Vul een label in, bijvoorbeeld 'Uitspraken'.")]})
    if len(label) > MAX_LABEL:
        raise ValidationError(
            {"label": [_("Een label heeft hoogstens %(n)s tekens.") % {"n": MAX_LABEL}]}
        )
    if SignalListItem.objects.filter(organisation=organisation, label__iexact=label).exists():
        raise ValidationError({"label": [_("Dit label staat al op de lijst.")]})
    item = SignalListItem.objects.create(organisation=organisation, label=label)
    _audit(actor, organisation, "signal_list.add", item, {"label": label})
    return item


@transaction.atomic
def signal_list_set_active(
    *, actor, organisation: Organisation, item_id: int, active: bool
) -> SignalListItem:
    require_org_admin(actor, organisation)
    item = (
        SignalListItem.objects.select_for_update()
        .filter(organisation=organisation, pk=item_id)
        .first()
    )
    if item is None:
        raise ValidationError(_("Dit label bestaat niet (meer) op de lijst."))
    old = item.active
    item.active = active
    item.save(update_fields=["active"])
    _audit(actor, organisation, "signal_list.set_active", item, {"active": [old, active]})
    return item
