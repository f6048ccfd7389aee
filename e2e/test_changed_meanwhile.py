"""Two people on one case at once (the team walk), in a real browser.

Step 6: the mentor has checked what goes out; a colleague corrects a chosen signal before the
mentor presses Delen. Nothing is shared unread: the page (409) names the signal, shows its new
text, and the confirmation is to be ticked again; then it is shared, with the new text."""

from __future__ import annotations

from playwright.sync_api import expect

from e2e.test_defects_16 import decided_case, youth
from e2e.test_sent_twice import _fill_share, _shared

ADDED = "Hij had die dag ook een mes bij zich, zei een klasgenoot."


def _colleague_corrects_s1(case: dict) -> None:
    from django.contrib.auth import get_user_model

    from deelwijzer.cases.entries import Correction
    from deelwijzer.cases.models import Case
    from deelwijzer.signalling.models import Signal
    from deelwijzer.signalling.services import SignalInput, signal_correct

    found = Case.objects.get(public_id=case["id"])
    s1 = Signal.current(found).get(key="s1")
    signal_correct(
        actor=get_user_model().objects.get(username="mentor"),
        case_id=found.pk,
        key="s1",
        data=SignalInput(s1.kind, s1.observed_on, f"{s1.text} {ADDED}", s1.source_kind),
        correction=Correction("Er kwam iets bij.", s1.version),
    )


def test_a_signal_corrected_after_the_check_is_not_shared_unread(signed_in, api):
    case = decided_case(api, youth("Noa"))
    mentor = signed_in("mentor")
    page = mentor.page
    _fill_share(mentor, case)
    confirm = page.get_by_label("Ik heb nagelezen wat er uitgaat", exact=False)
    confirm.check()
    _colleague_corrects_s1(case)
    mentor.click_button("Delen en vastleggen")
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "s1 is aangepast nadat je deze pagina opende"
    )
    assert _shared(case) == (0, 0)
    expect(page.locator("fieldset.share-item", has=page.locator("#id_item_s1"))).to_contain_text(
        ADDED
    )
    expect(confirm).not_to_be_checked()
    confirm.check()
    mentor.click_button("Delen en vastleggen")
    expect(page.get_by_text("Gedeeld en vastgelegd als x1.")).to_be_visible()
    assert _shared(case)[0] == 1
