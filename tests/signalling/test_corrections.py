"""Nothing recorded is overwritten: a correction makes a new version, and both are shown."""

from __future__ import annotations

import re

import pytest
from django.utils import formats, timezone

from deelwijzer.cases.services import team_member_add
from deelwijzer.signalling.models import Opinion, Signal
from tests.signalling.helpers import OBSERVED, add_signal, audit_actions, opinion_body, url

OLD = "Hij gooide op maandag zijn tas tegen de deur."
NEW = "Hij gooide op dinsdag zijn tas tegen de deur van lokaal 12."


def correction(text=NEW, version=1, note="Dag verkeerd genoteerd.") -> dict:
    return {
        "kind": "signal",
        "observed_on": OBSERVED,
        "text": text,
        "source_kind": "own_observation",
        "source_name": "",
        "source_role": "",
        "correction_note": note,
        "expected_version": str(version),
    }


@pytest.fixture
def prof(personas, client_for):
    client = client_for(personas.professional)
    add_signal(client, personas.case, text=OLD)
    return client


def test_correction_makes_a_new_version_and_keeps_the_old(personas, prof):
    response = prof.post(url("signal_entry", personas.case, key="s1"), correction())
    assert response.status_code == 302
    versions = list(Signal.objects.filter(key="s1").order_by("version"))
    assert [(v.version, v.text, v.is_current) for v in versions] == [
        (1, OLD, False),
        (2, NEW, True),
    ]
    assert versions[1].correction_note == "Dag verkeerd genoteerd."
    assert audit_actions(personas.case).count("signal.correct") == 1


def test_step_page_and_entry_page_show_both_versions_with_who_and_when(personas, client_for):
    first = client_for(personas.professional)
    add_signal(first, personas.case, text=OLD)
    personas.case.team.create(user=personas.colleague, role_on_team="zorgcoördinator")
    second = client_for(personas.colleague)
    second.post(url("signal_entry", personas.case, key="s1"), correction())
    old, new = Signal.objects.filter(key="s1").order_by("version")
    for name, kwargs in (("step1", {}), ("signal_entry", {"key": "s1"})):
        page = second.get(url(name, personas.case, **kwargs)).text
        assert OLD in page and NEW in page
        assert personas.professional.display_name() in page  # who wrote version 1
        assert personas.colleague.display_name() in page  # who corrected
        for entry in (old, new):
            when = formats.date_format(timezone.localtime(entry.recorded_at), "j F Y H:i")
            assert when in page
        assert "Dag verkeerd genoteerd." in page


def test_concurrent_correction_is_refused(personas, prof):
    prof.post(url("signal_entry", personas.case, key="s1"), correction())
    late = correction(text="Een andere correctie op versie 1.", version=1, note="ook iets")
    response = prof.post(url("signal_entry", personas.case, key="s1"), late)
    assert response.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in response.text
    assert Signal.objects.filter(key="s1").count() == 2
    assert Signal.objects.get(key="s1", is_current=True).text == NEW


def test_after_a_concurrent_correction_the_form_stands_on_the_new_version(
    personas, prof, client_for
):
    """The team walk: a colleague corrected s1 while this correction was typed. The refusal
    keeps the typed text, says whose version is there now and what saving again does, and
    the form now stands on that version: saving again is not refused the same way at every
    try (a dead end before), and it makes version 3 on top of the colleague's version 2."""
    team_member_add(
        actor=personas.professional,
        case_id=personas.case.pk,
        user_id=personas.colleague.pk,
        role_on_team="collega",
    )
    client_for(personas.colleague).post(url("signal_entry", personas.case, key="s1"), correction())
    mine = "Een andere correctie op versie 1."
    refused = prof.post(
        url("signal_entry", personas.case, key="s1"), correction(text=mine, note="ook iets")
    )
    assert refused.status_code == 409
    page = refused.text
    assert mine in page  # what was typed is still in the form
    said = f"Versie 2, van {personas.colleague.display_name()}, staat nu op deze pagina."
    assert said in page
    # and what that version says, right under the refusal (the step 5 walk: it stood far
    # above the form, and saving again dropped the colleague's sentence unseen)
    theirs = page[page.index("Zo staat het nu in versie 2") :]
    block = theirs[: theirs.index("</div>")]
    assert f"{NEW}</textarea>" in block and "(versie 2)</label>" in block
    assert "Dag verkeerd genoteerd." not in block  # the note on their change is not the entry
    version = re.search(r'name="expected_version" value="(\d+)"', page).group(1)
    assert version == "2"
    again = correction(text=mine, note="ook iets", version=int(version))
    assert prof.post(url("signal_entry", personas.case, key="s1"), again).status_code == 302
    current = Signal.objects.get(key="s1", is_current=True)
    assert (current.version, current.text) == (3, mine)


def test_correction_without_reason_is_refused(personas, prof):
    page = prof.get(url("signal_entry", personas.case, key="s1")).text
    assert re.search(r"Wat corrigeer je en waarom\?\s*<span class=\"req\">", page)  # marked
    response = prof.post(url("signal_entry", personas.case, key="s1"), correction(note=""))
    assert "Schrijf kort op wat je corrigeert en waarom." in response.text
    assert Signal.objects.count() == 1


def test_a_correction_without_its_note_and_without_its_text_hears_both_at_once(personas, prof):
    """The note is the form's to ask, like the text: one post names both (a walk met the
    note a round later, after the other errors were fixed)."""
    response = prof.post(url("signal_entry", personas.case, key="s1"), correction(text="", note=""))
    assert response.status_code == 422
    assert {"text", "correction_note"} <= set(response.context["form"].errors)
    # the summary follows the page: the text above, the note at the bottom of the form
    summary = response.text[response.text.index('class="error-summary"') :]
    assert summary.index("Beschrijf wat je zag") < summary.index("Schrijf kort op wat je")
    assert Signal.objects.count() == 1


def test_correction_goes_through_the_same_rules(personas, prof):
    body = {**correction(), "source_kind": "other"}
    response = prof.post(url("signal_entry", personas.case, key="s1"), body)
    assert "Stap 1 (R1.3)" in response.text
    assert Signal.objects.count() == 1


def test_opinion_correction_keeps_its_status_and_history(personas, prof):
    prof.post(url("opinion_add", personas.case), opinion_body(text="Wellicht problemen thuis."))
    body = {
        "text": "Wellicht problemen thuis of op de sportclub.",
        "about": ["s1"],
        "correction_note": "aangevuld",
        "expected_version": "1",
    }
    response = prof.post(url("opinion_entry", personas.case, key="o1"), body)
    assert response.status_code == 302
    assert [(o.version, o.status) for o in Opinion.objects.order_by("version")] == [
        (1, "open"),
        (2, "open"),
    ]
    page = prof.get(url("step1", personas.case)).text
    assert "Wellicht problemen thuis." in page and "of op de sportclub" in page


def test_follow_up_on_an_outdated_opinion_is_refused(personas, prof):
    prof.post(url("opinion_add", personas.case), opinion_body())
    body = {"text": "anders", "about": ["s1"], "correction_note": "x", "expected_version": "1"}
    prof.post(url("opinion_entry", personas.case, key="o1"), body)
    late = {"status": "confirmed", "date": OBSERVED, "text": "bevestigd", "expected_version": "1"}
    response = prof.post(url("opinion_follow_up", personas.case, key="o1"), late)
    assert "Iemand anders heeft dit intussen gewijzigd" in response.text
    assert Opinion.objects.get(is_current=True).status == "open"


def test_unknown_entry_is_404(personas, prof):
    assert prof.get(url("signal_entry", personas.case, key="s99")).status_code == 404
    response = prof.post(url("signal_entry", personas.case, key="s99"), correction())
    assert response.status_code == 404
