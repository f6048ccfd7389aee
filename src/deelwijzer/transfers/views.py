"""Transfer pages. Thin: access first, then a service; refusals shown on the form (422)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deelwijzer.cases.access import case_access, get_case
from deelwijzer.cases.models import Case
from deelwijzer.dates import nl_date
from deelwijzer.disclosures.items import identity_options
from deelwijzer.interchange.casefile import case_casefile
from deelwijzer.transfers import services
from deelwijzer.transfers.forms import AcceptForm, DeclineForm, TransferForm
from deelwijzer.transfers.models import Transfer, TransferStatus
from deelwijzer.transfers.selectors import (
    incoming_for,
    receiving_professionals,
    transfer_counts,
)
from deelwijzer.ui.views import copy_errors, register_page, saved


def _transfer_form(case: Case, data=None, casefile=None) -> TransferForm:
    return TransferForm(
        data,
        organisations=list(services.receiving_organisations(case)),
        items=services.transferable_items(casefile or case_casefile(case)),
        # the pseudonym and the birth date always go: no box to untick (the walk)
        identity=[option for option in identity_options(case) if option[0] != "birth_date"],
    )


@login_required
def transfer_new(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """Prepare a transfer of this case; the transfers made earlier, with their status."""
    case, _access = get_case(request.user, case_id, need="edit")
    casefile = case_casefile(case)
    form = _transfer_form(case, request.POST if request.method == "POST" else None, casefile)
    if saved(
        request,
        form,
        lambda: services.transfer_prepare(
            actor=request.user, case_id=case.pk, draft=form.to_input()
        ),
        lambda transfer: _("De overdracht staat klaar voor %(org)s.") % {"org": transfer.receiver},
        # the service's checks too, so that every error shows at once (issue #16.8)
        check=lambda: services.transfer_input_errors(case, form.to_input()),
    ):
        return redirect("transfer_new", case_id=case.public_id)
    earlier = Transfer.objects.filter(case=case).select_related("to_organisation")
    context = {"case": case, "form": form, "transfers": earlier}
    if request.method != "POST":  # refused posts say it in the error summary
        context["blocked"] = services.transfer_blocked(case, casefile)
    return render(request, "transfers/new.html", context)


@login_required
def transfer_register(request: HttpRequest) -> HttpResponse:
    """The privacy officer's register of what the organisation handed over to another (the
    transfers beside the disclosures of step 6): to whom, when, what, on what ground, by whom,
    answered how. Keys and labels, no content."""
    return register_page(
        request,
        lambda organisation: (
            Transfer.objects.filter(from_organisation=organisation)
            .select_related("case", "to_organisation", "prepared_by")
            .order_by("-prepared_at", "-id")
        ),
        template="transfers/register.html",
        object_type="transfer_register",
        listed="transfers",
    )


@login_required
def transfer_incoming(request: HttpRequest) -> HttpResponse:
    """Transfers to my organisation: for its attention officer and functional administrator.
    Names of organisations, dates and counts; no case content."""
    rows = incoming_for(request.user)
    return render(request, "transfers/incoming.html", {"transfers": rows})


@login_required
def transfer_decide(request: HttpRequest, transfer_id: UUID) -> HttpResponse:
    transfer = services.decidable(request.user, transfer_id)
    people = receiving_professionals(transfer)
    post = request.POST if request.method == "POST" else None
    action = post.get("action") if post is not None else None
    accept = AcceptForm(post if action == "accept" else None, professionals=people)
    decline = DeclineForm(post if post is not None and action != "accept" else None)
    refused = None
    if post is not None:
        refused = _decide(request, transfer, action, accept, decline)
        if refused is None:
            return redirect("transfer_decide", transfer_id=transfer.public_id)
    context = {
        "transfer": transfer,
        "pending": transfer.status == TransferStatus.PENDING,
        "counts": transfer_counts(transfer),
        "new_case_open": _may_open(request.user, transfer.new_case),
        "accept_form": accept,
        "decline_form": decline,
        "refused": refused,
    }
    return render(request, "transfers/decide.html", context)


def _may_open(user, case: Case | None) -> bool:
    """Whether ``user`` may open the case an accepted transfer opened (its team may)."""
    return case is not None and case_access(user, case).view


def _decide(request, transfer: Transfer, action, accept, decline):
    """Run the chosen decision; the form that refused it, else None (done)."""
    if action == "accept":
        form, call = accept, lambda: _accept(request, transfer, accept)
    elif action == "decline":
        form = decline
        call = lambda: services.transfer_decline(  # noqa: E731
            actor=request.user, transfer_id=transfer.public_id,
            reason=decline.cleaned_data.get("reason") or "",
        )  # fmt: skip
    else:
        decline.add_error(None, _("Kies: aanvaarden of afwijzen."))
        return decline
    if not form.is_valid():
        return form
    try:
        call()
    except ValidationError as error:
        if _decided_meanwhile(error):
            _say_decided_meanwhile(request, transfer)
            return None
        copy_errors(form, error)
        return form
    if action == "accept":
        messages.success(request, _("De overdracht is aanvaard."))
    else:
        messages.success(
            request,
            _("Je hebt de overdracht afgewezen; %(org)s ziet je reden.") % {"org": transfer.sender},
        )
    return None


def _decided_meanwhile(error: ValidationError) -> bool:
    return not hasattr(error, "error_dict") and any(
        e.code == "transition" for e in error.error_list
    )


def _say_decided_meanwhile(request, transfer: Transfer) -> None:
    """A page opened before a colleague decided (two tabs, two people): what happened instead
    of the page again without a word (the walk)."""
    transfer.refresh_from_db()
    messages.warning(
        request,
        _(
            "%(who)s heeft deze overdracht intussen %(status)s, op %(when)s. Jouw keuze is niet "
            "uitgevoerd."
        )
        % {
            "who": transfer.decided_by.display_name() if transfer.decided_by else _("Iemand"),
            "status": transfer.get_status_display(),
            "when": nl_date(transfer.decided_at),
        },
    )


def _accept(request, transfer: Transfer, form: AcceptForm):
    team = [form.user_keys[k] for k in form.cleaned_data.get("team") or [] if k in form.user_keys]
    return services.transfer_accept(
        actor=request.user,
        transfer_id=transfer.public_id,
        team_user_ids=team,
        role_on_team=form.cleaned_data.get("role_on_team") or "",
    )
