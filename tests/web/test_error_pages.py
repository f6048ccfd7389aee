"""Error pages that Django answers in English or with nothing.

An address that only takes a form, opened as a page (a bookmark, an address copied after a
refused form, a restored tab), says what it is and leads back, instead of a blank page; the
status, the Allow header and a recipient page's own headers stay, the API keeps its own 405
(tests/api/test_errors.py).

A form sent with an old CSRF token (a page left open while signing out and in elsewhere) gets
a Dutch page that says it was not saved, with a way back; the professional's case is in
tests/accounts/test_session_notice.py."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.disclosures.test_delivery import code_from, page, shared, token_from

NOT_A_PAGE = "Dit adres is geen pagina"


def _back_link(response) -> str:
    html = response.content.decode()
    assert response.status_code == 405 and NOT_A_PAGE in html, html[:500]
    assert response["Content-Type"].startswith("text/html")
    return html


def test_a_case_form_address_leads_back_to_the_case(personas, client_for):
    url = reverse("case_close", kwargs={"case_id": personas.case.public_id})
    response = client_for(personas.professional).get(url)
    html = _back_link(response)
    assert response["Allow"] == "POST"
    case_page = reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    assert f'href="{case_page}">Naar de casus<' in html


def test_other_addresses_lead_to_mijn_casussen_or_to_signing_in(personas, client_for):
    signed_in = client_for(personas.professional).get(reverse("logout"))
    assert f'href="{reverse("dashboard")}">Naar Mijn casussen<' in _back_link(signed_in)
    anonymous = Client().get(reverse("logout"))
    assert f'href="{reverse("login")}">Naar Inloggen<' in _back_link(anonymous)


def test_a_recipients_form_address_leads_back_to_what_was_shared(
    personas, client_for, client, django_capture_on_commit_callbacks, mailoutbox
):
    personas.organisation.delivery_code_channel = "email"
    personas.organisation.save()
    personas.professional.email = "mentor@school.example"
    personas.professional.save(update_fields=["email"])
    shared(personas, client_for(personas.professional), django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    client.post(page(token), {"code": code})
    response = client.get(page(token, "delivery_confirm"))
    html = _back_link(response)
    assert f'href="{page(token)}">Naar de gedeelde informatie<' in html
    assert response["Referrer-Policy"] == "no-referrer"  # the token must not leak from here
    assert response["Cache-Control"] == "no-store"
    # in the recipient's own layout: no staff menu or footer (the recipient walk)
    assert "radicalisering" not in html and "Mijn casussen" not in html


def test_an_unknown_address_under_the_recipients_pages_is_their_plain_page(client):
    """The recipient walk: /ontvangen/ or a link with a tail got the staff 404, with a way
    back to Mijn casussen they cannot sign in to and the footer's 'radicalisering'."""
    for address in ("/ontvangen/", "/ontvangen/" + "a" * 43 + "/iets/anders/"):
        response = client.get(address)
        html = response.content.decode()
        assert response.status_code == 404 and "Deze link bestaat niet" in html
        assert "radicalisering" not in html and "Mijn casussen" not in html
        assert response["Referrer-Policy"] == "no-referrer"
    staff = client.get("/bestaat-niet/")
    assert staff.status_code == 404 and "Deze pagina bestaat niet" in staff.content.decode()


def test_only_a_delivery_token_leads_to_the_shared_information(personas):
    """password_set's URL also has a ``token``: a reset link, no delivery."""
    url = reverse("password_set", kwargs={"uidb64": "MQ", "token": "abc-def"})
    response = Client(enforce_csrf_checks=True).post(url, {"csrfmiddlewaretoken": "x" * 64})
    html = response.content.decode()
    assert response.status_code == 403 and "Dit formulier is niet verstuurd" in html
    assert "/ontvangen/" not in html
    assert f'href="{reverse("login")}">Naar Inloggen<' in html
