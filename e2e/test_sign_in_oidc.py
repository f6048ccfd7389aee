"""#21 in a browser: sign-in through the organisation's own provider, a real one
(node-oidc-provider on loopback, tests/oidc_provider.py), for the demo organisation.

An invited user signs in (the provider's second factor trusted: no code of ours); without a
second factor at the provider our own two-factor step follows; an uninvited user is refused;
logging out at the provider ends the Deelwijzer session (back-channel logout); our own logout
offers the provider's (RP-initiated; a link, as the pages' form-action is Deelwijzer only).
Tampered ID tokens: tests/sso/test_id_token.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.people import accessibility_violations
from tests.oidc_provider import CLIENT_ID, configure, running_provider

ACCOUNTS = {
    "nina": {"email": "nina@sso.invalid"},
    "piet": {"email": "piet@sso.invalid"},
    "onbekend": {"email": "onbekend@sso.invalid"},
}


@pytest.fixture(scope="module")
def provider(base_url, django_db_blocker):
    from deelwijzer.devdata.demo import DEMO_ORGANISATION
    from deelwijzer.organisations.models import Membership, Organisation, Role

    with running_provider(base_url, ACCOUNTS) as issuer, django_db_blocker.unblock():
        organisation = Organisation.objects.get(name=DEMO_ORGANISATION)
        admin = Membership.objects.get(organisation=organisation, role=Role.ORG_ADMIN).user
        yield configure(organisation, admin, issuer, "sso.invalid", ["nina", "piet"])


@pytest.fixture
def page(base_url, browser):
    context = browser.new_context(base_url=base_url, locale="nl-NL")
    context.set_default_timeout(20_000)
    errors: list[str] = []
    page = context.new_page()
    page.on("response", lambda r: errors.append(r.url) if r.status >= 500 else None)
    yield page
    context.close()
    assert errors == []


def _accessible(page) -> None:
    assert accessibility_violations(page) == []


def _through_the_provider(page, email: str, account: str, *, mfa: bool) -> None:
    page.goto("/inloggen/")
    page.get_by_role("link", name="Inloggen met je werkaccount (via je organisatie)").click()
    _accessible(page)
    page.get_by_label("E-mailadres van je werk").fill(email)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", name="Test provider")).to_be_visible()
    page.get_by_label("Account").fill(account)
    if mfa:
        page.get_by_label("used a second factor").check()
    page.get_by_role("button", name="Sign in at the provider").click()


def test_an_invited_user_signs_in_and_the_providers_mfa_counts(provider, page):
    _through_the_provider(page, "nina@sso.invalid", "nina", mfa=True)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    assert page.url.endswith("/")  # the dashboard: no code of ours asked


def test_without_mfa_at_the_provider_our_second_step_is_asked(provider, page):
    _through_the_provider(page, "piet@sso.invalid", "piet", mfa=False)
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()


def test_an_uninvited_user_is_refused(provider, page):
    _through_the_provider(page, "onbekend@sso.invalid", "onbekend", mfa=True)
    expect(page.get_by_role("heading", name="Inloggen lukt niet")).to_be_visible()
    expect(page.get_by_text("Met dit account kun je niet inloggen in Deelwijzer")).to_be_visible()
    _accessible(page)


def test_logout_at_the_provider_ends_the_deelwijzer_session(provider, page):
    _through_the_provider(page, "nina@sso.invalid", "nina", mfa=True)
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    page.goto(f"{provider.issuer}/session/end?client_id={CLIENT_ID}")
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page.get_by_role("heading", name="Signed out at the test provider")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("heading", name="Inloggen", exact=True)).to_be_visible()


def test_our_logout_goes_on_to_the_providers(provider, page):
    _through_the_provider(page, "nina@sso.invalid", "nina", mfa=True)
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Je bent uitgelogd bij Deelwijzer")).to_be_visible()
    _accessible(page)
    page.get_by_role("link", name="Ook uitloggen bij je organisatie").click()
    expect(page.get_by_role("heading", name="Sign out at the test provider?")).to_be_visible()
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page.get_by_role("heading", name="Inloggen", exact=True)).to_be_visible()
