"""#21 against a real provider (node-oidc-provider on loopback, tests/oidc_provider.py): the
whole code flow with PKCE, state and nonce, over HTTP, without a browser (e2e/ has the browser
test). An invited user signs in and is bound to their ``sub``; an uninvited one is refused;
the provider's second factor skips our TOTP only when the organisation trusts it; a replayed
callback is refused; the provider's back-channel logout ends our session."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import requests
from django.urls import reverse

from deelwijzer.organisations.models import Membership, Role
from deelwijzer.sso.models import MfaTrust, ProviderLink, ProviderSession
from tests.oidc_provider import CLIENT_ID, configure, running_provider

ACCOUNTS = {
    "nina": {"email": "nina@school.invalid"},
    "onbekend": {"email": "onbekend@school.invalid"},
    "buiten": {"email": "nina@elders.invalid"},
}


@pytest.fixture
def provider(live_server, transactional_db):
    with running_provider(live_server.url, ACCOUNTS) as issuer:
        yield issuer


@pytest.fixture
def org(provider):
    from deelwijzer.organisations.models import Organisation, Sector
    from tests.personas import make_user

    organisation = Organisation.objects.create(name="Het Baken", sector=Sector.EDUCATION)
    admin = make_user("beheerder", organisation, Role.ORG_ADMIN)
    admin.email = "beheer@school.invalid"
    admin.save()
    return configure(organisation, admin, provider, "school.invalid", ["nina"])


def _sign_in(
    live_server, provider, account: str, *, mfa: bool
) -> tuple[requests.Session, requests.Response]:
    browser = requests.Session()
    page = browser.get(f"{live_server.url}/inloggen/sso/{provider.public_id}/")
    assert page.status_code == 200 and "Test provider" in page.text, page.text[:500]
    action = re.search(r'action="([^"]+)"', page.text).group(1)
    form = {"login": account, **({"mfa": "1"} if mfa else {})}
    return browser, browser.post(urljoin(page.url, action), data=form)


def test_an_invited_user_with_mfa_at_the_provider_is_signed_in_without_our_code(live_server, org):
    browser, landed = _sign_in(live_server, org, "nina", mfa=True)
    assert landed.status_code == 200
    assert landed.url == f"{live_server.url}/", landed.url  # the dashboard, no code asked
    link = ProviderLink.objects.get(provider=org)
    assert link.sub == "nina" and link.user.email == "nina@school.invalid"
    assert ">uitgenodigd<" not in landed.text


def test_without_mfa_at_the_provider_our_own_second_step_follows(live_server, org):
    _browser, landed = _sign_in(live_server, org, "nina", mfa=False)
    assert "/inloggen/code/" in landed.url  # enrol an authenticator app, as with a password


def test_when_the_organisation_asks_always_mfa_at_the_provider_does_not_skip(live_server, org):
    org.mfa_trust = MfaTrust.ASK
    org.save()
    _browser, landed = _sign_in(live_server, org, "nina", mfa=True)
    assert "/inloggen/code/" in landed.url


def test_an_uninvited_user_is_refused(live_server, org):
    _browser, landed = _sign_in(live_server, org, "onbekend", mfa=True)
    assert landed.status_code == 403
    assert "niet inloggen in Deelwijzer" in landed.text
    assert not ProviderLink.objects.exists()


def test_a_domain_that_is_not_allowed_is_refused(live_server, org):
    _browser, landed = _sign_in(live_server, org, "buiten", mfa=True)
    assert landed.status_code == 403


def test_a_replayed_callback_is_refused(live_server, org):
    browser, landed = _sign_in(live_server, org, "nina", mfa=True)
    callback = landed.history[-1].url if landed.history else None
    assert callback and "/inloggen/sso/terug/" in callback
    again = requests.get(callback, cookies=browser.cookies)
    assert again.status_code == 403 and "verlopen of al gebruikt" in again.text


def test_a_changed_sub_is_refused_and_the_admin_sees_it(live_server, org, mailoutbox, client_for):
    _sign_in(live_server, org, "nina", mfa=True)
    ProviderLink.objects.filter(provider=org).update(sub="someone-before")
    _browser, landed = _sign_in(live_server, org, "nina", mfa=True)
    assert landed.status_code == 403
    link = ProviderLink.objects.get(provider=org)
    assert link.refused_sub == "nina" and link.refused_at is not None
    told = [m for m in mailoutbox if m.to == ["beheer@school.invalid"]]
    assert len(told) == 1 and "nina" not in told[0].body.lower()  # content-free
    admin = Membership.objects.get(organisation=org.organisation, role=Role.ORG_ADMIN).user
    client = client_for(admin)
    page = client.get(reverse("admin_users")).content.decode()
    assert "het account daar is een ander dan eerst" in page
    client.post(reverse("sso_link_release", args=[link.user.public_id]))
    _browser, landed = _sign_in(live_server, org, "nina", mfa=True)
    assert landed.url == f"{live_server.url}/"
    assert ProviderLink.objects.get(provider=org).sub == "nina"


def test_logout_at_the_provider_ends_our_session(live_server, org):
    browser, landed = _sign_in(live_server, org, "nina", mfa=True)
    assert landed.url == f"{live_server.url}/"
    assert ProviderSession.objects.count() == 1
    end = browser.get(f"{org.issuer}/session/end", params={"client_id": CLIENT_ID})
    action = re.search(r'action="([^"]+)"', end.text).group(1)
    xsrf = re.search(r'name="xsrf" value="([^"]+)"', end.text).group(1)
    browser.post(urljoin(end.url, action), data={"xsrf": xsrf, "logout": "yes"})
    after = browser.get(f"{live_server.url}/")
    assert "/inloggen/" in after.url and after.url != f"{live_server.url}/"
    assert ProviderSession.objects.count() == 0


def test_a_disabled_user_cannot_sign_in_through_the_provider(live_server, org):
    from deelwijzer.organisations.services import user_set_active

    _sign_in(live_server, org, "nina", mfa=True)
    admin = Membership.objects.get(organisation=org.organisation, role=Role.ORG_ADMIN).user
    nina = ProviderLink.objects.get(provider=org).user
    user_set_active(actor=admin, organisation=org.organisation, user_id=nina.pk, active=False)
    _browser, landed = _sign_in(live_server, org, "nina", mfa=True)
    assert landed.status_code == 403
