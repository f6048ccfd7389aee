"""API tokens: made by the user in the app, stored hashed, shown once; revoked, refused at
once; a session is never enough for the API."""

from __future__ import annotations

import hashlib
import re

from django_otp import DEVICE_ID_SESSION_KEY

from deelwijzer.api.models import ApiToken
from deelwijzer.api.tokens import api_token_create, api_token_revoke
from deelwijzer.audit.models import AuditEvent
from tests.api.helpers import ApiClient


def _make_in_the_app(client, name="leerlingadministratie") -> tuple[str, str]:
    page = client.post("/api-sleutels/", {"name": name}).content.decode()
    secret = re.search(r'<code class="secret">([^<]+)</code>', page).group(1)
    return secret, page


def test_a_token_is_shown_once_and_stored_only_as_a_hash(personas, client_for):
    client = client_for(personas.professional)
    secret, page = _make_in_the_app(client)
    token = ApiToken.objects.get(user=personas.professional)
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in (token.prefix, token.name) and secret.startswith(token.prefix)
    assert len(secret) > 40
    assert secret not in client.get("/api-sleutels/").content.decode()


def test_the_token_page_needs_a_name(personas, client_for):
    page = client_for(personas.professional).post("/api-sleutels/", {"name": " "})
    assert "Geef de sleutel een naam" in page.content.decode()
    assert not ApiToken.objects.exists()


def test_a_revoked_token_is_refused_on_its_next_use(personas, client_for):
    web = client_for(personas.professional)
    secret, _page = _make_in_the_app(web)
    token = ApiToken.objects.get(user=personas.professional)
    from django.test import Client

    api = ApiClient(Client(), secret)
    assert api.get("/cases").status_code == 200
    assert web.post(f"/api-sleutels/{token.public_id}/intrekken/").status_code == 302
    refused = api.get("/cases")
    assert refused.status_code == 401
    assert refused["Content-Type"].startswith("application/problem+json")
    assert refused["WWW-Authenticate"] == "Bearer"


def test_creating_and_revoking_are_audited(personas):
    token, _secret = api_token_create(actor=personas.professional, name="ecd")
    api_token_revoke(actor=personas.professional, token_id=token.pk)
    rows = AuditEvent.objects.filter(object_type="api_token", object_id=str(token.pk))
    assert list(rows.values_list("action", "user_id")) == [
        ("api_token.create", personas.professional.pk),
        ("api_token.revoke", personas.professional.pk),
    ]


def test_no_one_revokes_someone_elses_token(personas, client_for):
    token, secret = api_token_create(actor=personas.professional, name="ecd")
    response = client_for(personas.colleague).post(f"/api-sleutels/{token.public_id}/intrekken/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_unknown_and_malformed_tokens_are_refused(personas, client):
    for header in ("Bearer dw_nietbestaand", "Bearer ", "Basic cHJvZjp4", "dw_zonderbearer"):
        response = client.get("/api/v1/cases", headers={"Authorization": header})
        assert response.status_code == 401, header


def test_a_signed_in_session_is_not_accepted_by_the_api(personas, client_for):
    response = client_for(personas.professional).get("/api/v1/cases")
    assert response.status_code == 401


def test_a_password_only_session_does_not_stop_a_token(personas, client):
    """The two-factor gate sends a half-signed-in browser to the code page; an API call that
    carries a token is not that browser's business."""
    _token, secret = api_token_create(actor=personas.professional, name="ecd")
    client.force_login(personas.colleague)  # a password, no second factor
    assert DEVICE_ID_SESSION_KEY not in client.session
    response = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.json()["items"][0]["pseudonym"] == "J-TEST"


def test_a_deactivated_users_token_stops_working(personas, client):
    _token, secret = api_token_create(actor=personas.professional, name="ecd")
    personas.professional.is_active = False
    personas.professional.save(update_fields=["is_active"])
    response = client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 401


def test_use_is_recorded_on_the_token(personas, client):
    token, secret = api_token_create(actor=personas.professional, name="ecd")
    client.get("/api/v1/cases", headers={"Authorization": f"Bearer {secret}"})
    token.refresh_from_db()
    assert token.last_used_at is not None
