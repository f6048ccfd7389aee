"""Sign-in through the organisation's provider: start, callback, back-channel logout and our
own logout (RP-initiated at the provider); the administrator's settings page."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from deelwijzer.accounts.csp import with_form_targets
from deelwijzer.accounts.models import User
from deelwijzer.cases.access import organisation_for
from deelwijzer.ids import key_for
from deelwijzer.organisations.models import Role
from deelwijzer.sso import flow, logout, services
from deelwijzer.sso.forms import ProviderForm, WorkAccountForm
from deelwijzer.sso.models import IdentityProvider
from deelwijzer.ui.views import run_reported, saved

FORBIDDEN = 403
NOT_INVITED = gettext_lazy(
    "Met dit account kun je niet inloggen in Deelwijzer. Alleen wie de functioneel beheerder "
    "van de organisatie heeft uitgenodigd, logt in via de organisatie. Vraag hem of haar om "
    "een uitnodiging, of log in met je wachtwoord."
)


def _provider(provider_id: UUID) -> IdentityProvider:
    provider = IdentityProvider.objects.filter(public_id=provider_id, enabled=True).first()
    if provider is None:
        raise Http404
    return provider


def sso_start(request: HttpRequest, provider_id: UUID) -> HttpResponse:
    """Off to the provider (GET: a link on the invitation page or the login page)."""
    provider = _provider(provider_id)
    try:
        return redirect(flow.authorization_url(request, provider, request.GET.get("hint", "")))
    except ValidationError:
        return _refused(request, _("De provider van je organisatie is nu niet bereikbaar."), 502)


NO_PROVIDER = gettext_lazy(
    "Voor dit e-maildomein is geen inloggen via de organisatie ingesteld. Log in met je wachtwoord."
)
# Settings saved before a domain could belong to one organisation only: which provider is
# meant cannot be known, and the wrong one would get the user's password.
TWO_PROVIDERS = gettext_lazy(
    "Dit e-maildomein is bij meer dan één organisatie ingesteld, dus Deelwijzer weet niet waar "
    "je inlogt. Log in met je wachtwoord en meld dit aan je beheerder."
)


def sso_find(request: HttpRequest) -> HttpResponse:
    """The login page's "inloggen met je werkaccount": the e-mail's domain picks the
    organisation's provider."""
    form = WorkAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        domain = email.rpartition("@")[2]
        providers = IdentityProvider.objects.filter(enabled=True).order_by("pk")
        found = [provider for provider in providers if domain in provider.domains()]
        if len(found) == 1:
            try:
                return redirect(flow.authorization_url(request, found[0], email))
            except ValidationError:
                return _refused(request, _("De provider is nu niet bereikbaar."), 502)
        form.add_error("email", NO_PROVIDER if not found else TWO_PROVIDERS)
    response = render(request, "sso/find.html", {"form": form})
    # The form's answer is a redirect to the provider: form-action must allow its origin.
    response["Content-Security-Policy"] = with_form_targets(flow.provider_origins())
    return response


def _refused(request: HttpRequest, reason: str, status: int = FORBIDDEN) -> HttpResponse:
    return render(request, "sso/refused.html", {"reason": reason}, status=status)


def _provider_said(error: str) -> str:
    """The provider sent the user back without signing them in: cancelled there, or refused."""
    if error == "access_denied":
        return _(
            "Je hebt het inloggen bij je organisatie afgebroken, of je organisatie gaf geen "
            "toegang. Begin opnieuw als je wilt inloggen."
        )
    return _(
        "De provider van je organisatie heeft je niet ingelogd (%(code)s). Begin opnieuw; "
        "lukt het weer niet, meld het dan aan je beheerder met deze code."
    ) % {"code": error[:60]}


def sso_callback(request: HttpRequest) -> HttpResponse:
    """Back from the provider: state first (once), then the code, the ID token, the link."""
    provider, kept = flow.take_state(request)
    if provider is not None and request.GET.get("error"):  # RFC 6749 4.1.2.1
        return _refused(request, _provider_said(request.GET["error"]))
    if provider is None or "code" not in request.GET:
        return _refused(request, _("Deze inlogpoging is verlopen of al gebruikt. Begin opnieuw."))
    try:
        user = flow.sign_in(request, provider, kept)
    except (SuspiciousOperation, ValidationError, OSError):
        user = None
        services.refuse_token(provider)
    if user is None:
        return _refused(request, str(NOT_INVITED))
    return redirect("dashboard")


@csrf_exempt
@require_POST
def sso_backchannel_logout(request: HttpRequest) -> HttpResponse:
    """The provider tells us a session ended there (server to server, no cookie)."""
    try:
        logout.provider_logout(request.POST.get("logout_token", ""))
    except (SuspiciousOperation, ValidationError, ValueError):
        return HttpResponse(status=400)
    return HttpResponse(status=200, headers={"Cache-Control": "no-store"})


class SignOutView(auth_views.LogoutView):
    """Our logout, then the provider's (RP-initiated) when the session came from there."""

    def post(self, request, *args, **kwargs):
        try:
            target = flow.logout_url(request)
        except ValidationError:
            target = None
        response = super().post(request, *args, **kwargs)
        if not target:
            # On the sign-in page, in the new session: at a shared computer, one sees it worked.
            messages.info(request, _("Je bent uitgelogd."))
            return response
        # A link, not a redirect: the logout button is a form, and the pages' form-action
        # allows only Deelwijzer itself.
        return render(request, "sso/signed_out.html", {"provider_logout": target})


@login_required
def provider_settings(request: HttpRequest) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    provider = IdentityProvider.objects.filter(organisation=organisation).first()
    form = ProviderForm(request.POST or None, instance=provider)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.FIELDS}
        if saved(
            request,
            form,
            lambda: services.provider_configure(
                actor=request.user, organisation=organisation, **values
            ),
            _("De instellingen van de provider zijn opgeslagen."),
        ):
            return redirect("sso_settings")
    context = {
        "form": form,
        "provider": provider,
        "redirect_uri": flow.callback_url(request),
        "backchannel_uri": request.build_absolute_uri(reverse("sso_backchannel_logout")),
        "logout_uri": request.build_absolute_uri(reverse("login")),
    }
    return render(request, "sso/settings.html", context)


@login_required
@require_POST
def provider_link_release(request: HttpRequest, user_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    run_reported(
        request,
        lambda: services.provider_link_release(
            actor=request.user, organisation=organisation, user_id=key_for(User, user_id)
        ),
        _("De koppeling is losgemaakt: de volgende keer koppelt Deelwijzer het nieuwe account."),
    )
    return redirect("admin_users")
