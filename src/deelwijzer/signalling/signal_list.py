"""The organisation's signal list (signaleringsinstrument, R1.6): the org admin's writes.

Labels are never deleted (signals may carry them); a label no longer used is switched off.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.organisations.models import Organisation
from deelwijzer.organisations.services import OrgList, audit_org_admin, require_org_admin
from deelwijzer.signalling.models import SignalListItem

MAX_LABEL = 120
SIGNAL_LIST = OrgList(
    SignalListItem,
    "signal_list",
    "signal_list_item",
    _l("Dit label bestaat niet (meer) op de lijst."),
)


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
