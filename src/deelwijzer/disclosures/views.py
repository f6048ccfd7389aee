"""Step 6 pages. Thin: the access policy first, then a service; refusals shown on the form."""

from __future__ import annotations

from dataclasses import replace
from typing import cast
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from deelwijzer.cases.access import CaseAccess
from deelwijzer.cases.models import Case
from deelwijzer.dates import nl_date
from deelwijzer.disclosures import deliveries, selectors, services
from deelwijzer.disclosures.files import shareable_files
from deelwijzer.disclosures.forms import (
    DisclosureForm,
    FeedbackForm,
    WithdrawLinkForm,
    contact_label,
)
from deelwijzer.disclosures.items import identity_options, parse_marks, shareable_items
from deelwijzer.disclosures.models import Ground
from deelwijzer.disclosures.summary import steps_taken_summary
from deelwijzer.interchange.casefile import case_casefile
from deelwijzer.ui.refusals import CONFLICT, STALE_VERSION, UNPROCESSABLE, mark_refused
from deelwijzer.ui.stepview import shown, step_page, step_url
from deelwijzer.ui.views import case_post, copy_errors, run_reported, saved, step_view

TEMPLATE = "disclosures/step6.html"


def disclosure_form(case: Case, data=None, casefile: dict | None = None) -> DisclosureForm:
    casefile = casefile if casefile is not None else case_casefile(case)
    risks = [(r["id"], f"{r['id']}: {r['description'][:60]}") for r in casefile["risks"]]
    contacts = selectors.contacts_in_use(case)
    form = DisclosureForm(
        data,
        items=shareable_items(casefile),
        risks=risks,
        identity=identity_options(case),
        contacts=contacts,
        files=shareable_files(case),
        initial={"steps_taken": steps_taken_summary(casefile)},
    )
    if data is not None and (gone := selectors.contact_switched_off(case, data.get("contact"))):
        form.fields["contact"].error_messages["invalid_choice"] = _(
            "Stap 6 (R6.6): %(contact)s is intussen uitgezet door de functioneel beheerder en "
            "kan niets meer ontvangen. Kies een andere ontvanger."
        ) % {"contact": contact_label(gone)}
    return form


CODE_SHOWN = "deelwijzer_delivery_code"  # session: the code to read out, shown once


def _remember_code(request: HttpRequest, key: str, sent: deliveries.Sent | None) -> None:
    """A code that goes by phone: kept in the (server-side) session until the next page of
    step 6 shows it once. Never stored with the delivery (only its hash is)."""
    if sent is not None and sent.code_for_phone:
        request.session[CODE_SHOWN] = {"key": key, "code": sent.code_for_phone}


def feedback_form(key: str, data=None) -> FeedbackForm:
    """The form that records feedback on disclosure ``key``; its fields' ids name the
    disclosure, as the page has one such form per disclosure."""
    return FeedbackForm(data, auto_id=f"id_{key}_%s")


def render_step6(
    request: HttpRequest,
    case: Case,
    access: CaseAccess,
    form=None,
    check=None,
    status=200,
    feedback: FeedbackForm | None = None,
    feedback_key: str = "",
) -> HttpResponse:
    """The step page; ``status`` 422 when it shows a refusal (the form keeps what was typed):
    of the share form (``form``) or of the feedback on disclosure ``feedback_key``
    (``feedback``, shown open under that disclosure)."""
    decision = services.signed_off_decision(case)
    can_share = access.edit and decision is not None
    if can_share and form is None:
        form = disclosure_form(case)
    context = {
        "decision": decision,
        "can_share": can_share,
        "form": form if can_share else None,
        "check": check,
        # about the draft in the form: no link to a disclosure it would become (it has no key)
        "check_findings": [replace(shown(case.public_id, f), url=None) for f in check.findings]
        if check
        else [],
        "disclosures": [
            (
                x,
                (feedback if x.key == feedback_key and feedback else feedback_form(x.key))
                if access.edit
                else None,
            )
            for x in selectors.case_disclosures(case)
        ],
        "check_ground": Ground(check.ground).label if check and check.ground else None,
        "outgoing": _outgoing_view(check.outgoing) if check else None,
        "step5_url": step_url(case.public_id, 5),
        "code_shown": request.session.pop(CODE_SHOWN, None),
    }
    context["no_contacts"] = no_contacts = can_share and not form.has_contacts
    context["administrators"] = selectors.functional_administrators(case) if no_contacts else []
    response = step_page(
        request, case=case, access=access, step=6, template=TEMPLATE, context=context
    )
    response.status_code = status
    return response


def _outgoing_view(outgoing) -> dict:
    """The identity found in the draft's texts, for the check section, by what happens to it."""
    covered = [f for f in outgoing.found if f not in outgoing.undeclared]
    return {
        "found": bool(outgoing.found),
        "refused": outgoing.refused,
        "undeclared": outgoing.listing(),
        "covered": outgoing.listing(covered),
        "declared": outgoing.listing(outgoing.declared),
        "replaced": list(dict.fromkeys((f.original, f.placeholder) for f in outgoing.replaced)),
    }


step6 = step_view(render_step6)


NOT_CONFIRMED = _l(
    "Stap 6: vink aan dat je nagelezen hebt wat er uitgaat. Er is nog niets gedeeld; wat je "
    "invulde staat er nog."
)


@case_post
def disclosure_new(request: HttpRequest, case: Case, access: CaseAccess) -> HttpResponse:
    """POST: "controleren" shows the engine's findings on the draft; "delen" shares, once the
    professional confirms. Every refusal is a 422 page with the input kept."""
    form = disclosure_form(case, request.POST)
    if services.signed_off_decision(case) is None or not form.is_valid():
        return render_step6(request, case, access, form=form, status=UNPROCESSABLE)
    draft = form.to_input()
    check = None
    try:
        check = services.disclosure_check(case, draft)
        if request.POST.get("action") != "share":
            return render_step6(request, case, access, form=form, check=check)
        if not form.cleaned_data.get("confirm"):
            form.add_error("confirm", str(NOT_CONFIRMED))
            return render_step6(request, case, access, form=form, check=check, status=UNPROCESSABLE)
        disclosure = services.disclosure_share(
            actor=request.user,
            case_id=case.pk,
            draft=draft,
            # what the page showed (a post from a page of before this field: not compared)
            read=parse_marks(request.POST["read"]) if "read" in request.POST else None,
        )
    except ValidationError as error:
        copy_errors(form, form.at_rows(error, draft))
        status = UNPROCESSABLE
        if any(e.code == STALE_VERSION for e in form.non_field_errors().as_data()):
            # what was confirmed is not what goes out now: to be read and ticked again
            data = cast(QueryDict, form.data).copy()
            data.pop("confirm", None)
            form.data = data
            status = CONFLICT
        return render_step6(request, case, access, form=form, check=check, status=status)
    messages.success(request, _("Gedeeld en vastgelegd als %(key)s.") % {"key": disclosure.key})
    _remember_code(request, disclosure.key, disclosure.sent)
    return redirect(step_url(case.public_id, 6, disclosure.key))


@login_required
def disclosure_pdf(request: HttpRequest, case_id: UUID, key: str) -> HttpResponse:
    disclosure, pdf = services.disclosure_download(actor=request.user, case_id=case_id, key=key)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verstrekking-{disclosure.key}.pdf"'
    return response


@case_post
def disclosure_feedback(
    request: HttpRequest, case: Case, access: CaseAccess, key: str
) -> HttpResponse:
    """POST: record the recipient's feedback (R6.5). A refusal shows the page again (422)
    with the form open under its disclosure, what was typed still in it."""
    form = feedback_form(key, request.POST)
    if saved(
        request,
        form,
        lambda: services.feedback_record(
            actor=request.user,
            case_id=case.pk,
            key=key,
            received_on=form.cleaned_data["received_on"],
            text=form.cleaned_data["text"],
        ),
        _("De terugkoppeling is vastgelegd."),
        check=lambda: services.feedback_input_errors(
            selectors.disclosure_or_none(case, key),
            form.cleaned_data.get("received_on"),
            form.cleaned_data.get("text", ""),
        ),
    ):
        return redirect(step_url(case.public_id, 6, key))
    if not selectors.has_disclosure(case, key):
        # no disclosure to show the form under: the refusal goes on top of the page
        messages.error(request, _("Deze verstrekking bestaat niet in deze casus."))
        mark_refused(request)
        return redirect(step_url(case.public_id, 6))
    return render_step6(
        request, case, access, feedback=form, feedback_key=key, status=UNPROCESSABLE
    )


@case_post
def delivery_send(request: HttpRequest, case: Case, access: CaseAccess, key: str) -> HttpResponse:
    """POST: send the disclosure (again) to its recipient: a new link and code; a link still
    in use is withdrawn first."""

    def send():
        sent = deliveries.delivery_send(actor=request.user, case_id=case.pk, key=key)
        _remember_code(request, key, sent)
        return sent

    run_reported(
        request,
        send,
        lambda sent: (
            _("Verstuurd naar %(email)s. De link werkt tot en met %(d)s.")
            % {
                "email": sent.delivery.email,
                "d": nl_date(timezone.localdate(sent.delivery.expires_at)),
            }
        ),
    )
    return redirect(step_url(case.public_id, 6, key))


def _withdraw_refused(case: Case, key: str, delivery_id: UUID) -> str:
    gone = selectors.delivery_of(case, key, delivery_id)
    if gone is None:
        return _("Deze link hoort niet bij verstrekking %(key)s.") % {"key": key}
    return _("Deze link is al ingetrokken, %(by)s.") % {"by": gone.withdrawn_by_and_when()}


@case_post
def delivery_withdraw(
    request: HttpRequest, case: Case, access: CaseAccess, key: str, delivery_id: UUID
) -> HttpResponse:
    """POST: the link stops working at once, once asked (``confirm``) and with the reason, which
    the dossier keeps: there is no way back. Step 6's button opens the question; the question
    posts ``confirm`` with the reason, and comes back with what is wrong when it is refused."""
    delivery = selectors.withdrawable_delivery(case, key, delivery_id)
    if delivery is None:  # withdrawn meanwhile (by a colleague), or not this disclosure's
        messages.error(request, _withdraw_refused(case, key, delivery_id))
        mark_refused(request)
        return redirect(step_url(case.public_id, 6, key))
    asked = request.POST.get("confirm") == "1"
    form = WithdrawLinkForm(request.POST if asked else None)
    if asked and saved(
        request,
        form,
        lambda: deliveries.delivery_withdraw(
            actor=request.user,
            case_id=case.pk,
            key=key,
            delivery_id=delivery_id,
            reason=form.cleaned_data["reason"],
        ),
        _("De link is ingetrokken: hij werkt niet meer. De reden staat in het dossier."),
    ):
        return redirect(step_url(case.public_id, 6, key))
    context = {
        "case": case,
        "key": key,
        "delivery": delivery,
        "form": form,
        "back_url": step_url(case.public_id, 6, key),
    }
    status = UNPROCESSABLE if form.is_bound else 200
    return render(request, "disclosures/withdraw_confirm.html", context, status=status)
