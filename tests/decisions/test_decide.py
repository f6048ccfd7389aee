"""Step 5 through the real views: lawful and unlawful decisions to share, a decision not to
share, the live verdict, and consent pre-filled from the conversation."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from deelwijzer.cases.models import Case
from deelwijzer.decisions.models import SharingDecision
from tests.decisions.helpers import decision_body, decisions, lawful_without_consent, prepared
from tests.decisions.helpers import submit as post_decision
from tests.risks.helpers import audit_actions, conversation, url


@pytest.fixture
def case(personas):
    return prepared(personas)


@pytest.fixture
def client(personas, client_for):
    return client_for(personas.professional)


def refusal(response) -> str:
    assert response.status_code == 422
    return " ".join(response.context["form"].errors.get("share", []))


def test_a_decision_to_share_with_consent_is_submitted(personas, case, client):
    response = post_decision(client, case, consent="given")
    assert response.status_code == 302
    decision = SharingDecision.objects.get(case=case)
    assert (decision.key, decision.status, decision.share) == ("b1", "submitted", True)
    assert decision.submitted_by == personas.professional
    assert decision.reasoning == "Het risico voor de mentor is ernstig en speelt nu."
    case.refresh_from_db()
    assert case.decision_maker_involved_at is not None  # involved automatically
    assert ["decision.submit", "case.involve_decision_maker"] == [
        a for a in audit_actions(case) if a.startswith(("decision.", "case.involve"))
    ]


def test_no_consent_and_no_serious_risk_is_refused_naming_it(case, client):
    response = post_decision(client, case, consent="refused", risks=("r2",), only_way=True,
                             only_way_reason="Niets anders helpt.")  # fmt: skip
    message = refusal(response)
    assert "R5.2" in message
    assert "er is geen toestemming van de jongere" in message
    assert "risico r2 is niet als ernstig en concreet beschreven" in message
    assert "enige weg" not in message.split("Zonder toestemming")[0]  # only_way was given
    assert decisions(case) == []
    assert not [a for a in audit_actions(case) if a.startswith("decision.")]
    assert Case.objects.get(pk=case.pk).decision_maker_involved_at is None


def test_no_consent_and_no_risk_named_is_refused(case, client):
    message = refusal(post_decision(client, case, consent="not_asked"))
    assert "het besluit noemt geen concreet, ernstig veiligheidsrisico" in message
    assert "het is niet onderbouwd dat delen de enige weg is" in message
    assert decisions(case) == []


def test_a_serious_risk_without_only_way_is_refused_naming_it(case, client):
    response = post_decision(client, case, consent="refused", risks=("r1",), only_way=False)
    message = refusal(response)
    assert "het is niet onderbouwd dat delen de enige weg is" in message
    assert "niet als ernstig en concreet beschreven" not in message
    assert "Dit is nog niet opgeslagen" in response.content.decode()
    assert decisions(case) == []


def test_only_way_ticked_without_a_reason_is_refused(case, client):
    response = post_decision(client, case, **lawful_without_consent(only_way_reason=" "))
    assert "enige weg" in refusal(response)
    assert decisions(case) == []


def test_a_draft_to_share_is_refused_too_when_unlawful(case, client):
    response = post_decision(client, case, consent="refused", action="draft")
    assert "R5.2" in refusal(response)
    assert decisions(case) == []


def test_a_serious_risk_that_is_the_only_way_is_lawful_without_consent(case, client):
    response = post_decision(client, case, **lawful_without_consent())
    assert response.status_code == 302
    decision = SharingDecision.objects.get(case=case)
    assert decision.serious_concrete_risks == ["r1"]
    assert decision.only_way is True


def test_a_decision_not_to_share_is_saved_with_its_reasons(case, client):
    response = post_decision(
        client, case, share="no", consent="refused",
        reasoning="Het risico is beperkt; de school begeleidt hem zelf verder.",
    )  # fmt: skip
    assert response.status_code == 302
    decision = SharingDecision.objects.get(case=case)
    assert (decision.share, decision.status) == (False, "submitted")
    assert decision.reasoning.startswith("Het risico is beperkt")
    page = html.unescape(client.get(url("step5", case)).content.decode())
    assert "niet extern delen" in page
    assert "de school begeleidt hem zelf verder" in page


def test_a_decision_without_reasons_is_refused(case, client):
    response = post_decision(client, case, share="no", reasoning="  ")
    assert response.status_code == 422
    assert "R5.4" in " ".join(response.context["form"].errors["reasoning"])
    assert decisions(case) == []


def test_a_choice_must_be_made(case, client):
    response = post_decision(client, case, share="", consent="given")
    assert "share" in response.context["form"].errors
    assert decisions(case) == []


def test_submitting_needs_the_risk_assessment_first(personas, client):
    case = personas.case
    response = post_decision(client, case, share="no", consent="refused")
    assert "R5.4" in refusal(response)
    assert decisions(case) == []


def test_check_without_javascript_shows_the_verdict_and_saves_nothing(case, client):
    page = post_decision(client, case, action="check", **lawful_without_consent())
    assert page.status_code == 200
    verdict = page.context["verdict"]
    assert (verdict.allowed, verdict.ground) == (True, "serious_risk_only_way")
    text = html.unescape(page.content.decode())
    assert "Grond: zonder toestemming" in text
    refused = post_decision(client, case, action="check", consent="refused", risks=("r1",))
    assert refused.context["verdict"].allowed is False
    assert "het is niet onderbouwd dat delen de enige weg is" in html.unescape(
        refused.content.decode()
    )
    assert decisions(case) == []


def test_a_check_of_an_empty_form_says_what_to_fill_in_not_to_reload(case, client):
    for page in (
        client.post(url("decision_save", case), {"action": "check"}),
        client.post(url("decision_check", case), {}, HTTP_HX_REQUEST="true"),
    ):
        assert page.status_code == 200
        text = html.unescape(page.content.decode())
        assert "Nog niet te beoordelen: kies wat de jongere over toestemming zei" in text
        assert "Laad de pagina opnieuw" not in text
    assert decisions(case) == []


FUTURE = (timezone.localdate() + timedelta(days=365)).isoformat()  # the walk: 01-01-2035


def _problems(page) -> dict[str, str]:
    """The check's list of what a save would be refused for: field id to what it says."""
    return {p["id"].removeprefix("id_"): f"{p['label']} {p['message']}" for p in
            page.context["problems"]}  # fmt: skip


def test_the_check_names_a_date_in_the_future_with_its_field_and_keeps_the_form(case, client):
    """Seen in a walk: 'De jongere weigert toestemming' with a statement dated in the future;
    the check said "Deelwijzer kon dit nu niet beoordelen. Laad de pagina opnieuw." (the case
    file refuses a future date) and only saving named the date."""
    body = decision_body(consent="refused", action="check")
    body["consent_on"] = FUTURE
    live = client.post(url("decision_check", case), body, HTTP_HX_REQUEST="true")
    full = client.post(url("decision_save", case), body)  # the button, without JavaScript
    saved = client.post(url("decision_save", case), body | {"action": "draft"})
    said = saved.context["form"].errors["consent_on"][0]
    assert "in de toekomst" in said
    for page in (live, full):
        assert page.status_code == 200
        text = html.unescape(page.content.decode())
        assert "pagina opnieuw" not in text
        assert _problems(page) == {"consent_on": f"Wanneer sprak de jongere zich zo uit? {said}"}
        assert 'href="#id_consent_on"' in text
    assert f'value="{FUTURE}"' in full.content.decode()  # what was typed stays
    assert decisions(case) == []


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("consent_on", "31-02-20xx", "geldige datum"),
        ("consent_on", "1999-01-01", "voor de geboortedatum"),
        ("consent", "geen-optie", "geldige keuze"),
        ("consent_how", "geen-optie", "geldige keuze"),
        ("share", "geen-optie", "geldige keuze"),
        ("serious_concrete_risks", "r99", "geldige keuze"),
        ("reasoning", "x" * 20_001, "20000"),
        ("only_way_reason", "x" * 20_001, "20000"),
        ("consent_note", "x" * 20_001, "20000"),
        ("reasoning", "a\x00b", "stuurteken in (U+0000)"),
    ],
)
def test_the_check_names_whatever_it_cannot_judge_never_asks_to_reload(
    case, client, field, value, words
):
    body = decision_body(consent="refused") | {field: value}
    page = client.post(url("decision_check", case), body, HTTP_HX_REQUEST="true")
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    assert "pagina opnieuw" not in text
    assert words in _problems(page)[field]
    assert decisions(case) == []


def test_a_case_the_engine_cannot_read_is_said_so_without_asking_to_reload(
    case, client, monkeypatch
):
    """Input that passes every check, on a case whose file the engine refuses elsewhere: the
    check and the save say what to look at, never "reload" (it would change nothing)."""
    from deelwijzer.decisions import verdict
    from deelwijzer.procedure.casefile import CaseFileError

    def refuse(data):
        raise CaseFileError(["$.signals[0].observed_on: lies before the birth date"])

    monkeypatch.setattr(verdict, "load_casefile", refuse)
    body = decision_body(**lawful_without_consent())
    live = client.post(url("decision_check", case), body, HTTP_HX_REQUEST="true")
    saved = client.post(url("decision_save", case), body)
    assert saved.status_code == 422
    for page in (live, saved):
        text = html.unescape(page.content.decode())
        assert "niet aan de regels toetsen" in text
        assert "pagina opnieuw" not in text
    assert decisions(case) == []


def test_the_live_verdict_fragment_comes_from_the_engine(case, client):
    target = url("decision_check", case)
    consent = client.post(target, decision_body(consent="given"), HTTP_HX_REQUEST="true")
    assert consent.status_code == 200
    body = html.unescape(consent.content.decode())
    assert "<html" not in body
    assert "Grond: de jongere geeft toestemming (R5.1)" in body
    refused = html.unescape(client.post(target, decision_body(consent="refused")).content.decode())
    assert "Nee, nu niet." in refused
    line = next(li for li in refused.split("<li") if "Stap 5 (R5.2):" in li)
    assert line.count("R5.2") == 1  # the finding names its rule once
    assert decisions(case) == []
    assert "decision.check" in audit_actions(case)


def test_consent_is_pre_filled_from_the_latest_conversation(personas, case, client):
    conversation(case, personas.professional, consent="refused", key="c1", days_ago=10)
    conversation(case, personas.professional, consent="given", key="c2", days_ago=2)
    page = client.get(url("step5", case))
    assert page.context["form"]["consent"].value() == "given"
    assert "verdict" not in page.context  # #16.10: an untouched form gets no verdict yet
    check = client.post(url("decision_check", case), decision_body(consent="given", record=False))
    assert check.context["verdict"].ground == "consent"


def test_the_step5_page_offers_the_live_check(case, client):
    body = client.get(url("step5", case)).content.decode()
    assert f'hx-post="{url("decision_check", case)}"' in body
    assert 'name="action" value="check"' in body
    assert 'id="oordeel"' in body


@pytest.mark.parametrize("field", ["reasoning", "only_way_reason", "consent_note"])
def test_a_text_with_an_invisible_control_character_is_refused_by_name(case, client, field):
    """The step 5 walk: 'Ze stemt in.<BEL> Bel<ESC> de wijkagent.' was saved as typed."""
    body = decision_body(consent="refused", action="draft") | {field: "Ze stemt in.\x07 Bel."}
    refused = client.post(url("decision_save", case), body)
    assert refused.status_code == 422
    assert "onzichtbaar stuurteken in (U+0007)" in refused.context["form"].errors[field][0]
    assert decisions(case) == []


def test_the_live_verdict_says_a_decision_naming_a_limited_risk_cannot_be_submitted(case, client):
    """The step 5 walk: the panel said 'Ja.' in green and listed nothing that stood in the
    way; only pressing 'Indienen' told it was refused."""
    body = decision_body(consent="given", risks=("r1", "r2"))
    live = client.post(url("decision_check", case), body, HTTP_HX_REQUEST="true")
    text = html.unescape(live.content.decode())
    assert "Zo kun je het besluit nog niet indienen:" in text
    assert "het noemt r2 als ernstig en concreet risico, maar stap 4 niet (R5.2)" in text
    assert 'href="#id_serious_concrete_risks"' in text and "Opslaan als concept kan wel" in text
    page = client.get(url("step5", case)).content.decode()
    assert 'id="id_serious_concrete_risks"' in page  # where the link leads
    fine = client.post(url("decision_check", case), decision_body(consent="given", risks=("r1",)))
    assert "nog niet indienen" not in fine.content.decode()


def test_a_refused_submit_shows_every_refusal_and_never_blames_the_system(case, client):
    """The step 5 walk: a form error and a service error came in two rounds, and the panel
    then said to report it to the administrator."""
    body = decision_body(consent="refused", reasoning="") | {"consent_on": "31-02-20xx"}
    refused = client.post(url("decision_save", case), body)
    errors = refused.context["form"].errors
    assert refused.status_code == 422
    assert "consent_on" in errors and "reasoning" in errors  # one summary, both named
    text = html.unescape(refused.content.decode())
    assert "functioneel beheerder" not in text
    body = decision_body(consent="refused") | {"consent_on": FUTURE}
    text = html.unescape(client.post(url("decision_save", case), body).content.decode())
    assert "verbeter eerst wat bij het formulier staat" in text
    assert "functioneel beheerder" not in text
