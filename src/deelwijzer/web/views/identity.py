"""Correcting the youth's and the parents' data (a new version; see cases.identity)."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.cases import identity, services
from deelwijzer.cases.entries import Correction
from deelwijzer.cases.models import Case
from deelwijzer.ui.views import on_top_of, saved
from deelwijzer.web.forms import IdentityForm


def _initial(case: Case, guardians: list) -> dict:
    youth = case.youth
    data = {
        "name": youth.name,
        "birth_date": youth.birth_date,
        "identifiers": "\n".join(youth.identifiers),
        "expected_version": identity.current_version(case),
    }
    for g in guardians:
        data |= {f"g{g.pk}_name": g.name, f"g{g.pk}_relation": g.relation}
        data[f"g{g.pk}_authority"] = g.has_authority
    return data


def _input(form: IdentityForm, guardians: list) -> identity.IdentityInput:
    data = form.cleaned_data
    given = [identity.GuardianData(g.pk, *_guardian(data, f"g{g.pk}")) for g in guardians]
    given.append(identity.GuardianData(None, *_guardian(data, "new")))
    return identity.IdentityInput(
        name=data["name"],
        birth_date=data["birth_date"],
        identifiers=form.identifier_list(),
        guardians=given,
    )


def _input_errors(case: Case, form: IdentityForm) -> dict[str, list[str]]:
    """What the service would refuse in the name and birth date, for a post the form refused
    (a missing note): every error at once, not the name a round later."""
    data = form.cleaned_data
    opened_on = timezone.localtime(case.opened_at).date()
    return identity.identity_errors(data.get("name") or "", data.get("birth_date"), opened_on)


def _guardian(data: dict, prefix: str) -> tuple[str, str, bool]:
    return data[f"{prefix}_name"], data[f"{prefix}_relation"], data[f"{prefix}_authority"]


@login_required
def case_identity(request: HttpRequest, case_id: UUID) -> HttpResponse:
    """The form to correct the data, with every earlier version below it. A closed case (or
    a decision maker): the versions only."""
    posted = request.method == "POST"
    case, access = services.get_case(
        request.user, case_id, need="edit" if posted else "identity"
    )  # a post to a closed case: CaseClosed, the 409 page
    guardians = list(case.guardians.order_by("pk"))
    form = None
    if access.edit:
        form = IdentityForm(
            request.POST if posted else None,
            initial=_initial(case, guardians),
            guardians=guardians,
        )
    if form is not None and saved(
        request,
        form,
        lambda: identity.case_identity_correct(
            actor=request.user,
            case_id=case.pk,
            data=_input(form, guardians),
            correction=Correction(
                form.cleaned_data["correction_note"], form.cleaned_data["expected_version"]
            ),
        ),
        _("De gegevens zijn gecorrigeerd. Deelwijzer heeft de casus opnieuw beoordeeld."),
        check=lambda: _input_errors(case, form),
    ):
        return redirect("case_detail", case_id=case.public_id)
    services.case_view_record(actor=request.user, case=case, access=access, need="identity")
    versions = identity.identity_versions(case)
    if form is not None and posted and versions:  # refused: on top of a colleague's correction
        on_top_of(form, versions[-1])
    context = {"case": case, "access": access, "form": form, "versions": versions[::-1]}
    return render(request, "web/case_identity.html", context)
