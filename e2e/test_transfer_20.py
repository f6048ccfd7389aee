"""Issue #20.2 in the browser: the mentor hands a case over to another organisation of the
installation; that organisation's attention officer accepts it with a team of their choosing.

The case is set up through the REST API up to a signed-off decision (e2e/api.py); the second
organisation and its people are made here, with a two-factor device of their own. Every page
passes axe (Person.seen) and any 5xx answer fails the test.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from e2e.test_defects_16 import decided_case, youth

RECEIVER = "Jeugdhulp Demostad"
PURPOSE = "Ze verhuist; het nieuwe team moet het risico kennen."


@pytest.fixture(scope="module")
def receiving_organisation(base_url):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from deelwijzer.devdata.demo import DEMO_PASSWORD
    from deelwijzer.organisations.models import Membership, Organisation, Role, Sector

    organisation, _new = Organisation.objects.get_or_create(
        name=RECEIVER, defaults={"sector": Sector.YOUTH_CARE}
    )
    for username, role in (("aandacht-jeugdhulp", Role.ATTENTION_OFFICER),
                           ("hulpverlener-jeugdhulp", Role.PROFESSIONAL)):  # fmt: skip
        user, new = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": "Sem", "last_name": role.label}
        )
        if new:
            user.set_password(DEMO_PASSWORD)
            user.save()
            TOTPDevice.objects.create(user=user, name="e2e", confirmed=True)
        Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    return organisation


def test_a_case_is_handed_over_and_accepted_with_the_chosen_entries(
    receiving_organisation, api, sign_in
):
    from deelwijzer.procedure.deidentify import get_deduce

    get_deduce()  # the scan of what goes: wait for the loader the server started
    case = decided_case(api, youth("Iris"))
    mentor = sign_in("mentor")
    mentor.visit(f"/casussen/{case['id']}/stap-6/")
    mentor.follow("De casus overdragen aan een andere organisatie (de jongere gaat daarheen)")
    page = mentor.page
    page.get_by_label("Naar welke organisatie gaat de jongere?").select_option(RECEIVER)
    page.get_by_label("Waarom heeft de nieuwe organisatie dit nodig?").fill(PURPOSE)
    page.locator("input[name=items][value=s1]").check()
    page.locator("input[name=items][value=r1]").check()
    mentor.click_button("Overdracht klaarzetten")  # without the name: refused, explained
    expect(page.locator("[data-error-summary]")).to_contain_text("vink de naam aan")
    expect(page.locator("input[name=items][value=r1]")).to_be_checked()  # the input is kept
    page.locator("input[name=identity][value=name]").check()
    mentor.click_button("Overdracht klaarzetten")
    expect(page.locator("main")).to_contain_text(f"De overdracht staat klaar voor {RECEIVER}")
    expect(page.locator("main")).to_contain_text("wacht op de ontvangende organisatie")

    officer = sign_in("aandacht-jeugdhulp")
    officer.follow("Overdrachten", exact=True)
    officer.follow("Demo-school")
    main = officer.page.locator("main")
    expect(main).to_contain_text("1 signaal of contrasignaal")
    expect(main).not_to_contain_text("Iris")  # no content before accepting
    officer.page.get_by_label("Sem Beroepskracht").check()
    officer.click_button("Aanvaarden en casus openen")
    expect(main).to_contain_text("aanvaard")

    mentor.visit(f"/casussen/{case['id']}/overdracht/")
    expect(page.locator("main")).to_contain_text("aanvaard")
