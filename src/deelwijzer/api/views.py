"""The user's own API tokens: make one (shown once), see them, revoke one."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deelwijzer.api import tokens
from deelwijzer.api.forms import TokenForm
from deelwijzer.api.models import ApiToken
from deelwijzer.ids import key_for
from deelwijzer.ui.views import copy_errors, run_reported


def _page(request: HttpRequest, form: TokenForm, new_secret: str = "") -> HttpResponse:
    context = {"form": form, "tokens": tokens.tokens_of(request.user), "new_secret": new_secret}
    return render(request, "api/tokens.html", context)


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = tokens.api_token_create(
                actor=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            # Rendered, not redirected: the secret is on this one response and nowhere else.
            return _page(request, TokenForm(), new_secret=secret)
    return _page(request, form)


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: UUID) -> HttpResponse:
    run_reported(
        request,
        lambda: tokens.api_token_revoke(actor=request.user, token_id=key_for(ApiToken, token_id)),
        _("De sleutel is ingetrokken; hij werkt niet meer."),
    )
    return redirect("api_tokens")
