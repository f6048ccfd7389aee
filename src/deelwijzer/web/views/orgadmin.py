from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from deelwijzer.accounts.models import User
from deelwijzer.cases import leaving
from deelwijzer.cases.access import organisation_for
from deelwijzer.ids import key_for
from deelwijzer.organisations import grants, invitations, services
from deelwijzer.organisations.models import Invitation, Membership, Role, RoleGrant
from deelwijzer.sso.services import refused_links
from deelwijzer.ui.views import copy_errors, run_reported, saved
from deelwijzer.web.forms import InviteForm, LeaveForm, OrganisationSettingsForm, RolesForm


def _members(organisation, waiting: set[int]):
    rows: dict[int, dict] = {}
    for m in (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    ):
        row = rows.setdefault(m.user_id, {"user": m.user, "roles": [], "active": False})
        row["roles"].append(m.get_role_display())
        row["active"] = row["active"] or m.active
    sent = {i.user_id: i for i in Invitation.objects.filter(organisation=organisation)}
    refused = refused_links(organisation)  # sign-in refused: another account at the provider
    now = timezone.now()
    for user_id, row in rows.items():
        # "uitgenodigd" until the invitation is used, "actief" after (#16.11, #21).
        row["status"] = invitations.member_status(row["user"], sent.get(user_id), now)
        row["invitation"] = sent.get(user_id)
        row["waiting"] = user_id in waiting
        row["refused_link"] = refused.get(user_id)
    return list(rows.values())


@login_required
def users(request: HttpRequest) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    pending = grants.pending_grants(organisation)
    context = {
        "organisation": organisation,
        "members": _members(organisation, {grant.user_id for grant in pending}),
        "grants": pending,
        "no_second_admin": grants.NO_SECOND_ADMIN,
    }
    return render(request, "web/admin_users.html", context)


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
            messages.success(
                request,
                _(
                    "Account aangemaakt. De uitnodiging is gemaild naar %(email)s; de link "
                    "werkt %(days)s dagen."
                )
                % {"email": user.email, "days": settings.INVITATION_DAYS},
            )
            grant = grants.pending_for(organisation, user.pk)
            if grant is not None:
                messages.warning(
                    request,
                    _(
                        "Een nieuwe beheerder krijgt de rollen pas als een tweede beheerder ze "
                        "goedkeurt (vier ogen). Je ziet de aanvraag onder 'Wacht op goedkeuring'."
                    ),
                )
                _if_nobody_decides(request, organisation, grant)
            return redirect("admin_users")
    return render(request, "web/admin_invite.html", {"form": form})


def _member_user(organisation, user_id: UUID):
    """A user of the organisation, by the public id in the URL (#17.15); else 404."""
    members = Membership.objects.filter(organisation=organisation).values("user_id")
    member = get_user_model().objects.filter(public_id=user_id, pk__in=members).first()
    if member is None:
        raise Http404
    return member


@login_required
def user_edit(request: HttpRequest, user_id: UUID) -> HttpResponse:
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
            grant = services.membership_set_roles(
                actor=request.user,
                organisation=organisation,
                user_id=member.pk,
                roles=form.cleaned_data["roles"],
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            _roles_message(request, grant, own=member.pk == request.user.pk)
            if grant is not None:
                _if_nobody_decides(request, organisation, grant)
            return redirect("admin_users")
    return render(request, "web/admin_user_edit.html", {"form": form, "member": member})


def _if_nobody_decides(request: HttpRequest, organisation, grant) -> None:
    """An administrator alone in the organisation hears what to do instead of waiting."""
    if grants.nobody_to_decide(organisation, grant):
        messages.warning(request, grants.NO_SECOND_ADMIN)


def _roles_message(request: HttpRequest, grant, *, own: bool) -> None:
    if grant is None:
        messages.success(request, _("De rollen zijn bijgewerkt."))
    elif own:
        messages.warning(
            request,
            _(
                "Je eigen rollen wijzig je niet zelf. Je verzoek is niet doorgevoerd: het wacht "
                "tot een andere beheerder het goedkeurt (vier ogen)."
            ),
        )
    else:
        messages.warning(
            request,
            _(
                "Deze wijziging raakt een beheerder en is nog niet doorgevoerd: een tweede "
                "beheerder moet hem goedkeuren (vier ogen). Je ziet hem onder 'Wacht op "
                "goedkeuring'."
            ),
        )


@login_required
@require_POST
def role_grant_decide(request: HttpRequest, grant_id: UUID) -> HttpResponse:
    """A second administrator approves or rejects a pending role change."""
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    approve = request.POST.get("decision") == "approve"
    run_reported(
        request,
        lambda: grants.role_grant_decide(
            actor=request.user,
            organisation=organisation,
            grant_id=key_for(RoleGrant, grant_id),
            approve=approve,
        ),
        _("De rolwijziging is goedgekeurd en doorgevoerd.")
        if approve
        else _("De rolwijziging is afgewezen; de rollen blijven zoals ze waren."),
    )
    return redirect("admin_users")


@login_required
def user_active(request: HttpRequest, user_id: UUID) -> HttpResponse:
    """Disabling asks first what happens to the leaver's cases (a GET shows the question,
    #21); enabling does not."""
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    member = _member_user(organisation, user_id)
    if request.method == "POST" and request.POST.get("active") == "1":
        run_reported(
            request,
            lambda: services.user_set_active(
                actor=request.user, organisation=organisation, user_id=member.pk, active=True
            ),
            _("Het account is weer actief."),
        )
        return redirect("admin_users")
    cases = leaving.leaver_cases(actor=request.user, organisation=organisation, user_id=member.pk)
    successors = leaving.successors(organisation, member.pk)
    confirmed = request.method == "POST" and request.POST.get("confirm") == "1"
    form = LeaveForm(request.POST if confirmed else None, cases=cases, successors=successors)
    if confirmed and form.is_valid():
        chosen = form.chosen()
        handovers = {case: key_for(User, to) if to else None for case, to in chosen.items()}
        try:
            moved = leaving.user_leave(
                actor=request.user,
                organisation=organisation,
                user_id=member.pk,
                handovers=handovers,
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            done = _("Het account is uitgeschakeld: alle sessies en API-sleutels werken niet meer.")
            if moved:
                done += " " + ngettext(
                    "%(n)s casus is overgedragen.", "%(n)s casussen zijn overgedragen.", moved
                ) % {"n": moved}
            messages.success(request, done)
            return redirect("admin_users")
    context = {"member": member, "form": form, "cases": cases}
    return render(request, "web/admin_user_disable.html", context)


def _on_invitation(request: HttpRequest, user_id: UUID, service, done: str) -> HttpResponse:
    """Resend or revoke a member's invitation; the outcome is reported on the users page."""
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    member = _member_user(organisation, user_id)
    run_reported(
        request,
        lambda: service(actor=request.user, organisation=organisation, user_id=member.pk),
        done % {"email": member.email},
    )
    return redirect("admin_users")


@login_required
@require_POST
def invitation_resend(request: HttpRequest, user_id: UUID) -> HttpResponse:
    """A new invitation link by e-mail; the old one stops working."""
    done = _("De uitnodiging is opnieuw gemaild naar %(email)s; de oude link werkt niet meer.")
    return _on_invitation(request, user_id, invitations.invitation_resend, done)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, user_id: UUID) -> HttpResponse:
    done = _("De uitnodiging is ingetrokken: de link werkt niet meer.")
    return _on_invitation(request, user_id, invitations.invitation_revoke, done)


@login_required
def organisation_settings(request: HttpRequest) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    form = OrganisationSettingsForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        organisation.refresh_from_db()
        if saved(
            request,
            form,
            lambda: services.organisation_update(
                actor=request.user, organisation=organisation, **values
            ),
            _("De instellingen zijn opgeslagen."),
        ):
            return redirect("admin_settings")
    return render(request, "web/admin_settings.html", {"form": form})
