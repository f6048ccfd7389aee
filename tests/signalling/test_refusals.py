"""Every step 1 refusal through a real form post: the Dutch reason shown, nothing saved."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from deelwijzer.signalling.models import Diagnosis, FollowUp, Opinion, Signal
from tests.signalling.helpers import (
    OBSERVED,
    add_signal,
    audit_actions,
    diagnosis_body,
    opinion_body,
    signal_body,
    url,
)


@pytest.fixture
def prof(personas, client_for):
    return client_for(personas.professional)


def test_diagnosis_without_qualified_professional_is_refused(personas, prof):
    body = diagnosis_body(established_by_name="", established_by_role="")
    response = prof.post(url("diagnosis_add", personas.case), body)
    assert response.status_code == 422
    assert "Stap 1 (R1.4): een diagnose leg je alleen vast als een bevoegde" in response.text
    assert not Diagnosis.objects.exists()
    assert "diagnosis.add" not in audit_actions(personas.case)


def test_diagnosis_with_name_but_no_role_is_refused_on_the_role(personas, prof):
    body = diagnosis_body(established_by_role="  ")
    response = prof.post(url("diagnosis_add", personas.case), body)
    form = response.context["diagnosis_form"]
    assert list(form.errors) == ["established_by_role"]
    assert not Diagnosis.objects.exists()


def test_diagnosis_without_relevance_is_refused(personas, prof):
    response = prof.post(url("diagnosis_add", personas.case), diagnosis_body(relevance=""))
    assert response.status_code == 422
    assert "Stap 1 (R1.4): schrijf op waarom deze diagnose ertoe doet" in response.text
    assert list(response.context["diagnosis_form"].errors) == ["relevance"]
    assert not Diagnosis.objects.exists()


DIAGNOSIS_FIELDS = ("text", "established_by_name", "established_by_role", "relevance")


def test_every_field_the_diagnosis_needs_is_marked_required_and_named_when_empty(personas, prof):
    """A walk saw no "(verplicht)" by "Vastgesteld door", "Rol" and "Waarom doet de diagnose
    ertoe", which R1.4 requires: the mark follows the field's required flag, so they are."""
    page = prof.get(url("step1", personas.case)).text
    for name in DIAGNOSIS_FIELDS:
        label = re.search(rf'<label for="id_diagnosis-{name}">(.*?)</label>', page, re.S)
        assert label and '<span class="req">(verplicht)</span>' in label.group(1), name
    empty = diagnosis_body(**dict.fromkeys(DIAGNOSIS_FIELDS[1:], ""))
    response = prof.post(url("diagnosis_add", personas.case), empty)
    assert response.status_code == 422
    assert list(response.context["diagnosis_form"].errors) == list(DIAGNOSIS_FIELDS[1:])
    assert "Stap 1 (R1.4): schrijf op waarom deze diagnose ertoe doet" in response.text
    assert not Diagnosis.objects.exists()


def test_complete_diagnosis_is_saved(personas, prof):
    response = prof.post(url("diagnosis_add", personas.case), diagnosis_body())
    assert response.status_code == 302
    assert response["Location"].endswith("#d1")
    d = Diagnosis.objects.get()
    assert (d.key, d.established_by_role) == ("d1", "GZ-psycholoog")
    assert audit_actions(personas.case)[-1] == "diagnosis.add"


def test_correcting_away_the_qualified_professional_is_refused(personas, prof):
    prof.post(url("diagnosis_add", personas.case), diagnosis_body())
    body = {
        "text": "ADHD",
        "established_by_name": "",
        "established_by_role": "",
        "relevance": "nog steeds",
        "correction_note": "naam weg",
        "expected_version": "1",
    }
    response = prof.post(url("diagnosis_entry", personas.case, key="d1"), body)
    assert "Stap 1 (R1.4)" in response.text
    assert Diagnosis.objects.count() == 1


def test_signal_from_someone_else_without_source_is_refused(personas, prof):
    response = add_signal(prof, personas.case, source_kind="other")
    assert response.status_code == 422
    assert "Stap 1 (R1.3): dit komt van iemand anders" in response.text
    assert not Signal.objects.exists()
    assert "signal.add" not in audit_actions(personas.case)


def test_signal_from_someone_else_with_only_a_name_is_refused(personas, prof):
    add_signal(prof, personas.case, source_kind="other", source_name="Sanne de Vries")
    assert not Signal.objects.exists()


def test_signal_from_someone_else_with_name_and_role_is_saved(personas, prof):
    response = add_signal(
        prof, personas.case, source_kind="other", source_name="Sanne", source_role="mentor"
    )
    assert response.status_code == 302
    s = Signal.objects.get()
    assert (s.source_name, s.source_role) == ("Sanne", "mentor")


def test_own_observation_drops_a_stray_source_name(personas, prof):
    add_signal(prof, personas.case, source_name="iemand")
    assert Signal.objects.get().source_name == ""


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"text": "  "}, "text", "Beschrijf wat je zag of hoorde."),
        ({"observed_on": ""}, "observed_on", "Vul de datum in"),
        (
            {"observed_on": (date.today() + timedelta(days=2)).isoformat()},
            "observed_on",
            "in de toekomst",
        ),
        ({"observed_on": "2001-01-01"}, "observed_on", "voor de geboortedatum"),
        ({"observed_on": "31-31-2020"}, "observed_on", "geldige datum"),
        ({"kind": "rumour"}, "kind", ""),
    ],
)
def test_bad_signal_input_is_named_and_nothing_saved(personas, prof, overrides, field, message):
    response = add_signal(prof, personas.case, **overrides)
    assert response.status_code == 422
    errors = response.context["signal_form"].errors
    assert field in errors
    assert message in " ".join(errors[field])
    assert not Signal.objects.exists()


def _opinion(prof, case):
    add_signal(prof, case)
    prof.post(url("opinion_add", case), opinion_body())
    return Opinion.objects.get()


def test_closing_an_opinion_without_follow_up_is_refused(personas, prof):
    opinion = _opinion(prof, personas.case)
    body = {"status": "confirmed", "date": OBSERVED, "text": "", "expected_version": "1"}
    response = prof.post(url("opinion_follow_up", personas.case, key=opinion.key), body)
    assert response.status_code == 422
    assert "Stap 1 (R1.2): een mening sluit je alleen af met een vervolgaantekening" in (
        response.text
    )
    assert Opinion.objects.get().status == "open"
    assert not FollowUp.objects.exists()
    assert "opinion.status" not in audit_actions(personas.case)


def test_closing_an_opinion_without_a_date_is_refused(personas, prof):
    opinion = _opinion(prof, personas.case)
    body = {"status": "refuted", "date": "", "text": "Gesprek op school.", "expected_version": "1"}
    response = prof.post(url("opinion_follow_up", personas.case, key=opinion.key), body)
    assert "date" in response.context["follow_up_form"].errors
    assert Opinion.objects.get().status == "open"
    assert not FollowUp.objects.exists()


def test_closing_an_opinion_with_a_dated_note_makes_a_new_version(personas, prof):
    opinion = _opinion(prof, personas.case)
    body = {
        "status": "refuted",
        "date": OBSERVED,
        "text": "Moeder vertelde dat de verhuizing de oorzaak is.",
        "expected_version": "1",
    }
    response = prof.post(url("opinion_follow_up", personas.case, key=opinion.key), body)
    assert response.status_code == 302
    versions = list(Opinion.objects.filter(key="o1").order_by("version"))
    assert [(v.version, v.status, v.is_current) for v in versions] == [
        (1, "open", False),
        (2, "refuted", True),
    ]
    note = FollowUp.objects.get()
    assert note.opinion_key == "o1" and note.date.isoformat() == OBSERVED
    assert audit_actions(personas.case)[-2:] == ["opinion.status", "opinion.follow_up"]


def test_opinion_must_be_about_a_signal_of_the_case(personas, prof):
    add_signal(prof, personas.case)
    response = prof.post(url("opinion_add", personas.case), opinion_body(about=()))
    assert "Kies ten minste één signaal" in response.text
    response = prof.post(url("opinion_add", personas.case), opinion_body(about=("s9",)))
    assert "about" in response.context["opinion_form"].errors
    assert not Opinion.objects.exists()


def test_an_opinion_posted_before_any_signal_is_refused_keeping_the_text(personas, prof):
    """The form is not offered without a signal, but a post can still come (a page opened
    before a colleague's change, the API): it is refused with the reason, and the text typed
    stays on the page instead of vanishing behind "record a signal first"."""
    typed = "Ik denk dat hij onder invloed staat van een oudere neef."
    response = prof.post(url("opinion_add", personas.case), opinion_body(about=(), text=typed))
    assert response.status_code == 422
    assert "deze casus heeft nog geen signaal" in response.text
    assert 'class="error-summary"' in response.text and typed in response.text
    assert not Opinion.objects.exists()
    # without a post, the page says what to do first and offers no form
    page = prof.get(url("step1", personas.case)).text
    assert "Leg eerst een signaal vast" in page
    assert 'action="' + url("opinion_add", personas.case) + '"' not in page


def test_signal_tag_must_be_on_the_organisations_list(personas, prof):
    body = signal_body()
    body["signal-tags"] = ["Niet op de lijst"]
    response = prof.post(url("signal_add", personas.case), body)
    assert "tags" in response.context["signal_form"].errors
    assert not Signal.objects.exists()


@pytest.mark.parametrize(
    ("target", "body", "form_name", "fields"),
    [
        (
            "signal_add",
            signal_body(text="Hij\x00", kind="", source_kind="iemand"),
            "signal_form",
            {"text", "kind", "source_kind"},
        ),
        (
            "signal_add",
            signal_body(observed_on="gisteren", source_kind="other"),
            "signal_form",
            {"observed_on", "source_name"},
        ),
        ("opinion_add", opinion_body(about=(), text="Iets\x00"), "opinion_form", {"text", "about"}),
    ],
)
def test_every_error_of_a_step_1_form_shows_on_the_first_post(
    personas, prof, target, body, form_name, fields
):
    """A field the form refuses (a null character, a date it cannot read, a made-up choice)
    no longer hides what the service would refuse: every error at once, in one summary."""
    assert add_signal(prof, personas.case).status_code == 302  # s1, for an opinion to be about
    response = prof.post(url(target, personas.case), body)
    assert response.status_code == 422
    assert set(response.context[form_name].errors) == fields
    assert response.text.count('class="error-summary"') == 1
    assert Signal.objects.count() == 1
    assert not (Opinion.objects.exists() or Diagnosis.objects.exists())


def test_step_1_forms_leave_the_checking_to_the_page(personas, prof):
    """Without novalidate the browser's own "required" tooltip stopped an empty form before
    the page's error summary could show; every step 1 form has it, as the other steps do."""
    add_signal(prof, personas.case)
    assert prof.post(url("opinion_add", personas.case), opinion_body()).status_code == 302
    pages = [prof.get(url("step1", personas.case)).text]
    pages += [prof.get(url(name, personas.case, key=key)).text for name, key in ENTRIES]
    forms = [tag for page in pages for tag in re.findall(r'<form method="post"[^>]*>', page)]
    with_fields = [tag for tag in forms if "geen-contrasignalen" not in tag]
    assert len(with_fields) == 7  # signal, opinion, diagnosis; two corrections, a follow-up, a file
    assert [tag for tag in with_fields if " novalidate" not in tag] == []


ENTRIES = (("signal_entry", "s1"), ("opinion_entry", "o1"))
