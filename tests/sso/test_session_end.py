"""#21: a session that came through the provider ends when its ID token does (``exp``), where
the administrator asked for it; the login page's "werkaccount" form picks the provider by the
e-mail's domain and refuses a domain without one."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from deelwijzer.accounts import sessions
from deelwijzer.audit.models import AuditEvent
from deelwijzer.sso import discovery
from deelwijzer.sso.models import IdentityProvider


def provider(organisation, domains: str, issuer: str = "https://id.school.invalid"):
    """A provider stored directly, without the settings page's checks."""
    return IdentityProvider.objects.create(
        organisation=organisation,
        issuer=issuer,
        client_id="dw",
        client_secret="s",
        allowed_domains=domains,
    )


def test_a_session_ends_at_the_providers_exp(personas, client_for):
    client = client_for(personas.professional)
    session = client.session
    sessions.start(session)
    session[sessions.NOT_AFTER] = time.time() + 60
    session.save()
    assert client.get(reverse("dashboard")).status_code == 200
    session = client.session
    session[sessions.NOT_AFTER] = time.time() - 1
    session.save()
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert AuditEvent.objects.filter(action="auth.logout", detail__reason="provider").exists()


def test_the_work_account_form_goes_to_the_provider_of_the_domain(personas, client, monkeypatch):
    meta = {
        "issuer": "https://id.school.invalid",
        "authorization_endpoint": "https://id.school.invalid/auth",
    }
    monkeypatch.setattr(discovery, "metadata", lambda issuer: meta)
    provider(personas.organisation, "school.invalid")
    page = client.get(reverse("sso_find"))
    assert "form-action 'self' https://id.school.invalid" in page["Content-Security-Policy"]
    response = client.post(reverse("sso_find"), {"email": "Nina@School.invalid"})
    assert response.status_code == 302
    target = response["Location"]
    assert target.startswith("https://id.school.invalid/auth?")
    for part in ("code_challenge_method=S256", "client_id=dw", "login_hint=nina%40school.invalid"):
        assert part in target
    assert "state=" in target and "nonce=" in target


def test_a_domain_without_a_provider_is_refused_with_the_input_kept(client, db):
    response = client.post(reverse("sso_find"), {"email": "iemand@elders.invalid"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "geen inloggen via de organisatie ingesteld" in text
    assert 'value="iemand@elders.invalid"' in text


def test_each_organisation_has_its_own_provider(personas, client, monkeypatch):
    def meta(issuer):
        return {"issuer": issuer, "authorization_endpoint": issuer + "/auth"}

    monkeypatch.setattr(discovery, "metadata", meta)
    for organisation, host in (
        (personas.organisation, "https://id.school.invalid"),
        (personas.other_organisation, "https://login.jeugdhulp.invalid"),
    ):
        IdentityProvider.objects.create(
            organisation=organisation,
            issuer=host,
            client_id=f"dw-{organisation.pk}",
            client_secret="s",
            allowed_domains=host.split("//")[1].split(".", 1)[1],
        )
    page = client.get(reverse("sso_find"))
    policy = page["Content-Security-Policy"]
    assert "https://id.school.invalid" in policy and "https://login.jeugdhulp.invalid" in policy
    school = client.post(reverse("sso_find"), {"email": "a@school.invalid"})["Location"]
    care = client.post(reverse("sso_find"), {"email": "b@jeugdhulp.invalid"})["Location"]
    assert school.startswith("https://id.school.invalid/auth?")
    assert f"client_id=dw-{personas.organisation.pk}" in school
    assert care.startswith("https://login.jeugdhulp.invalid/auth?")
    assert f"client_id=dw-{personas.other_organisation.pk}" in care


def test_a_domain_two_organisations_set_up_goes_to_neither(personas, client, monkeypatch):
    """Settings saved before a domain could belong to one organisation only: the user's
    password must not go to whichever provider the database lists first."""
    monkeypatch.setattr(discovery, "metadata", lambda issuer: {"authorization_endpoint": issuer})
    for organisation in (personas.organisation, personas.other_organisation):
        provider(organisation, "school.invalid", issuer=f"https://{organisation.pk}.invalid")
    response = client.post(reverse("sso_find"), {"email": "nina@school.invalid"})
    assert response.status_code == 422
    assert "bij meer dan één organisatie ingesteld" in response.content.decode()


@pytest.mark.parametrize(
    ("error", "said"),
    [
        ("access_denied", "Je hebt het inloggen bij je organisatie afgebroken"),
        ("server_error", "heeft je niet ingelogd (server_error)"),
    ],
)
def test_back_from_the_provider_without_signing_in_says_what_happened(
    personas, client, error, said
):
    """Cancelled at the provider, the user read that the attempt had expired or was used."""
    from deelwijzer.sso.flow import PROVIDER_KEY

    session = client.session
    session["oidc_states"] = {"st": {"nonce": "n", "code_verifier": "v"}}
    session[PROVIDER_KEY] = {"st": provider(personas.organisation, "school.invalid").pk}
    session.save()
    response = client.get(reverse("sso_callback"), {"state": "st", "error": error})
    assert response.status_code == 403
    text = response.content.decode()
    assert said in text and "verlopen of al gebruikt" not in text
    again = client.get(reverse("sso_callback"), {"state": "st", "error": error})
    assert "verlopen of al gebruikt" in again.content.decode()  # the state went with it
