"""#21: the administrator's provider settings. The secret is stored encrypted and never shown
again; a provider whose discovery document does not answer, or names another issuer, is
refused with the reason (422, input kept); only an org admin of the organisation may."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.sso import discovery
from deelwijzer.sso.models import IdentityProvider
from tests.sso.test_session_end import provider

ISSUER = "https://login.school.invalid"
META = {
    "issuer": ISSUER,
    "authorization_endpoint": ISSUER + "/auth",
    "token_endpoint": ISSUER + "/token",
    "jwks_uri": ISSUER + "/jwks",
}
FORM = {
    "enabled": "on",
    "issuer": ISSUER,
    "client_id": "deelwijzer",
    "client_secret": "geheim-van-de-provider",
    "allowed_domains": "school.invalid, team.school.invalid",
    "mfa_trust": "amr",
    "acr_value": "",
    "limit_session": "on",
}


@pytest.fixture
def answers(monkeypatch):
    monkeypatch.setattr(discovery, "fetch", lambda issuer: META)


def test_the_admin_configures_the_provider_and_the_secret_is_encrypted(
    personas, client_for, answers
):
    client = client_for(personas.org_admin)
    response = client.post(reverse("sso_settings"), FORM)
    assert response.status_code == 302
    provider = IdentityProvider.objects.get(organisation=personas.organisation)
    assert provider.client_secret == "geheim-van-de-provider"
    assert provider.domains() == {"school.invalid", "team.school.invalid"}
    with connection.cursor() as cursor:
        cursor.execute("SELECT client_secret FROM sso_identityprovider")
        stored = cursor.fetchone()[0]
    assert "geheim" not in stored
    page = client.get(reverse("sso_settings")).content.decode()
    assert "geheim-van-de-provider" not in page
    assert "/inloggen/sso/terug/" in page  # the redirect URI to register
    event = AuditEvent.objects.get(action="sso.configure")
    assert "geheim" not in str(event.detail) and "client_secret" in event.detail["changed"]


def test_an_empty_secret_keeps_the_stored_one(personas, client_for, answers):
    client = client_for(personas.org_admin)
    client.post(reverse("sso_settings"), FORM)
    client.post(reverse("sso_settings"), {**FORM, "client_secret": "", "client_id": "nieuw"})
    provider = IdentityProvider.objects.get(organisation=personas.organisation)
    assert provider.client_id == "nieuw" and provider.client_secret == "geheim-van-de-provider"


def test_a_provider_that_does_not_answer_is_refused_with_the_reason(personas, client_for):
    response = client_for(personas.org_admin).post(
        reverse("sso_settings"), {**FORM, "issuer": "https://nergens.invalid"}
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "niet op te halen" in text and 'value="https://nergens.invalid"' in text
    assert not IdentityProvider.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"issuer": "http://login.school.invalid"}, "begint met https://"),
        ({"allowed_domains": " , "}, "ten minste één e-maildomein"),
        ({"mfa_trust": "acr", "acr_value": ""}, "acr-waarde"),
        ({"client_secret": ""}, "client-secret"),
        (
            {"allowed_domains": "<b>ééé</b> ;; @@ nl"},
            "geen e-maildomein: ‘;;’, ‘&lt;b&gt;ééé&lt;/b&gt;’, ‘nl’.",
        ),
        ({"allowed_domains": "school.invalid -school-.nl"}, "geen e-maildomein: ‘-school-.nl’"),
    ],
)
def test_incomplete_settings_are_refused(personas, client_for, answers, change, message):
    response = client_for(personas.org_admin).post(reverse("sso_settings"), {**FORM, **change})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not IdentityProvider.objects.exists()


def test_another_role_may_not_configure(personas, client_for, answers):
    assert client_for(personas.professional).post(reverse("sso_settings"), FORM).status_code == 403
    assert not IdentityProvider.objects.exists()


def test_a_domain_of_another_organisation_is_refused(personas, client_for, answers):
    """One organisation's administrator could send another's staff, e-mail and all, to their
    own provider by naming that organisation's domain (the walk of 2026-12-05)."""
    from deelwijzer.organisations.models import Membership, Role

    provider(personas.other_organisation, "Team.School.invalid elders.invalid")
    response = client_for(personas.org_admin).post(reverse("sso_settings"), FORM)
    assert response.status_code == 422
    text = response.content.decode()
    assert "Een andere organisatie in Deelwijzer logt al in via team.school.invalid." in text
    assert not IdentityProvider.objects.filter(organisation=personas.organisation).exists()
    # their own domains again, as they were: saved (a domain in another script too)
    Membership.objects.create(
        user=personas.org_admin, organisation=personas.other_organisation, role=Role.ORG_ADMIN
    )
    domains = "school.invalid, bücher.invalid"
    assert (
        client_for(personas.org_admin)
        .post(reverse("sso_settings"), {**FORM, "allowed_domains": domains})
        .status_code
        == 302
    )
