from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijzer.organisations import services
from deelwijzer.organisations.models import Membership, Role
from deelwijzer.web.forms import InviteForm, OrganisationSettingsForm, RolesForm
from deelwijzer.web.views.common import copy_errors, organisation_for


def _members(organisation):
    rows: dict[int, dict] = {}
    for m in (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    ):
        row = rows.setdefault(m.user_id, {"user": m.user, "roles": [], "active": False})
        row["roles"].append(m.get_role_display())
        row["active"] = row["active"] or m.active
    return list(rows.values())


@login_required
def users(request: HttpRequest) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    return render(
        request,
        "web/admin_users.html",
        {"organisation": organisation, "members": _members(organisation)},
    )


@login_required
def user_invite(request: HttpRequest) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_invite(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            link = request.build_absolute_uri(services.set_password_link(user))
            messages.success(
                request,
                _(
                    "Account aangemaakt. Geef deze link aan %(name)s om een wachtwoord te "
                    "kiezen: %(link)s"
                )
                % {"name": user.display_name(), "link": link},
            )
            return redirect("admin_users")
    return render(request, "web/admin_invite.html", {"form": form})


def _member_user(organisation, user_id: int):
    if not Membership.objects.filter(organisation=organisation, user_id=user_id).exists():
        raise Http404
    return get_user_model().objects.get(pk=user_id)


@login_required
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    member = _member_user(organisation, user_id)
    current = list(
        Membership.objects.filter(organisation=organisation, user=member, active=True).values_list(
            "role", flat=True
        )
    )
    form = RolesForm(request.POST or None, initial={"roles": current})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_set_roles(
                actor=request.user,
                organisation=organisation,
                user_id=member.pk,
                roles=form.cleaned_data["roles"],
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("De rollen zijn bijgewerkt."))
            return redirect("admin_users")
    return render(request, "web/admin_user_edit.html", {"form": form, "member": member})


@login_required
@require_POST
def user_active(request: HttpRequest, user_id: int) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    member = _member_user(organisation, user_id)
    active = request.POST.get("active") == "1"
    try:
        services.user_set_active(
            actor=request.user, organisation=organisation, user_id=member.pk, active=active
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Het account is weer actief.") if active else _("Het account is uitgeschakeld."),
        )
    return redirect("admin_users")


@login_required
def organisation_settings(request: HttpRequest) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    form = OrganisationSettingsForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        organisation.refresh_from_db()
        try:
            services.organisation_update(actor=request.user, organisation=organisation, **values)
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("admin_settings")
    return render(request, "web/admin_settings.html", {"form": form})
