"""The org admin's page for the organisation's signal list (R1.6). Never case content."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from deelwijzer.signalling import selectors, signal_list
from deelwijzer.signalling.forms import SignalListItemForm
from deelwijzer.signalling.models import SignalListItem
from deelwijzer.ui.views import org_list_page, org_list_switch


@login_required
def signal_list_page(request: HttpRequest) -> HttpResponse:
    return org_list_page(
        request,
        SignalListItemForm,
        add=lambda organisation, form: signal_list.signal_list_add(
            actor=request.user, organisation=organisation, label=form.cleaned_data["label"]
        ),
        added=lambda item: _("Het label '%(label)s' staat op de lijst.") % {"label": item.label},
        to="signal_list",
        template="signalling/signal_list.html",
        rows=("items", selectors.signal_list_items),
    )


def _label_switched(item: SignalListItem, active: bool) -> str:
    if active:
        return _("Het label '%(label)s' is weer in gebruik.") % {"label": item.label}
    return _("Het label '%(label)s' is uitgezet; signalen die het al hebben houden het.") % {
        "label": item.label
    }


@login_required
def signal_list_item(request: HttpRequest, item_id: UUID) -> HttpResponse:
    return org_list_switch(
        request, signal_list.SIGNAL_LIST, item_id, reported=_label_switched, to="signal_list"
    )
