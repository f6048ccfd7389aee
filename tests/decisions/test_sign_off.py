"""Step 5's sign-off (R5.3): only the decision maker of the case's organisation takes the
decision; the queue; sending back with a remark; involving the decision maker early."""

from __future__ import annotations

import html

import pytest

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from deelwijzer.decisions.models import SharingDecision
from deelwijzer.decisions.services import signed_off_share_decision
from deelwijzer.organisations.models import Role
from tests.conftest import make_user, open_case
from tests.decisions.helpers import decisions, lawful_without_consent, prepared
from tests.decisions.helpers import submit as post_decision
from tests.risks.helpers import audit_actions, url


@pytest.fixture
def case(personas, client_for):
    case = prepared(personas)
    response = post_decision(client_for(personas.professional), case, **lawful_without_consent())
    assert response.status_code == 302
    return case


def sign_off(client, case, version: int = 1):
    return client.post(
        url("decision_sign_off", case), {"expected_version": str(version), "confirm": "on"}
    )


def send_back(client, case, remark: str, version: int = 1):
    return client.post(
        url("decision_return", case), {"remark": remark, "expected_version": str(version)}
    )


def test_the_decision_maker_signs_off(personas, case, client_for):
    client = client_for(personas.decision_maker)
    page = client.get(url("step5", case))
    assert page.status_code == 200
    assert page.context["sign_off_form"] is not None
    assert page.context["verdict"].ground == "serious_risk_only_way"  # the engine, for them too
    assert sign_off(client, case).status_code == 302
    decision = SharingDecision.current(case).get()
    assert (decision.version, decision.status) == (2, "signed_off")
    assert decision.decided_by == personas.decision_maker
    assert decision.decided_role == "team_leader"
    assert decision.decided_on is not None
    assert SharingDecision.objects.get(case=case, version=1).status == "submitted"  # kept
    assert signed_off_share_decision(case) == decision
    event = AuditEvent.objects.get(case_id=case.pk, action="decision.sign_off")
    assert (event.user_id, event.role) == (personas.decision_maker.pk, Role.DECISION_MAKER)


def test_the_professional_on_the_team_may_not_sign_off(personas, case, client_for):
    client = client_for(personas.professional)
    assert sign_off(client, case).status_code == 403
    assert send_back(client, case, "Zelf terug.").status_code == 403
    assert "sign_off_form" not in client.get(url("step5", case)).context
    assert decisions(case) == [("b1", 1, "submitted")]
    assert signed_off_share_decision(case) is None


@pytest.mark.parametrize("who", ["colleague", "attention_officer", "stranger", "org_admin"])
def test_other_roles_get_404_and_nothing_changes(personas, case, client_for, who):
    client = client_for(getattr(personas, who))
    assert sign_off(client, case).status_code == 404
    assert send_back(client, case, "Nee.").status_code == 404
    assert client.get(url("step5", case)).status_code == 404
    assert decisions(case) == [("b1", 1, "submitted")]


def test_another_organisations_decision_maker_gets_404(personas, case, client_for):
    outsider = make_user("beslisser2", personas.other_organisation, Role.DECISION_MAKER)
    client = client_for(outsider)
    assert sign_off(client, case).status_code == 404
    assert client.get(url("step5", case)).status_code == 404
    assert client.get("/besluiten/").content.decode().count(case.pseudonym) == 0
    assert decisions(case) == [("b1", 1, "submitted")]


def test_the_queue_shows_submitted_decisions_of_the_own_organisation_only(
    personas, case, client_for
):
    other_dm = make_user("beslisser2", personas.other_organisation, Role.DECISION_MAKER)
    other = prepared_other(personas)
    post_decision(client_for(personas.stranger), other, consent="given")
    mine = client_for(personas.decision_maker).get("/besluiten/")
    assert mine.status_code == 200
    body = mine.content.decode()
    assert case.pseudonym in body
    assert url("step5", case) in body
    assert other.pseudonym not in body
    theirs = client_for(other_dm).get("/besluiten/").content.decode()
    assert other.pseudonym in theirs and case.pseudonym not in theirs
    assert client_for(personas.professional).get("/besluiten/").status_code == 403
    sign_off(client_for(personas.decision_maker), case)
    assert (
        case.pseudonym
        not in client_for(personas.decision_maker).get("/besluiten/").content.decode()
    )
    assert AuditEvent.objects.filter(action="decision.queue_view").count() == 3


def prepared_other(personas) -> Case:
    from tests.risks.helpers import risk, signals

    other = open_case(personas.stranger, personas.other_organisation, "J-ANDR2")
    signals(other, personas.stranger)
    risk(other, personas.stranger)
    return other


def test_send_back_with_a_remark_then_revise_and_resubmit(personas, case, client_for):
    maker = client_for(personas.decision_maker)
    no_remark = send_back(maker, case, "  ")
    assert no_remark.status_code == 422
    assert "remark" in no_remark.context["return_form"].errors
    assert decisions(case) == [("b1", 1, "submitted")]
    assert (
        send_back(maker, case, "Onderbouw waarom de school het niet zelf kan.").status_code == 302
    )
    assert decisions(case) == [("b1", 1, "submitted"), ("b1", 2, "returned")]
    prof = client_for(personas.professional)
    page = html.unescape(prof.get(url("step5", case)).content.decode())
    assert "Onderbouw waarom de school het niet zelf kan." in page
    # the case page says it came back (the walk: "besluit in voorbereiding")
    home = html.unescape(prof.get(url("case_detail", case)).content.decode())
    assert '<span class="badge">teruggestuurd door de beslisser</span>' in home
    # first in "Wat nu", before a step still open: the decision maker asked the team something
    assert "de beslisser stuurde het besluit in stap 5 terug: lees de opmerking" in home
    assert "ga verder met stap 2" not in home
    revised = post_decision(
        prof, case, expected_version=2,
        **lawful_without_consent(only_way_reason="De school heeft geen middelen; de politie wel."),
    )  # fmt: skip
    assert revised.status_code == 302
    assert decisions(case)[-1] == ("b1", 3, "submitted")
    assert sign_off(client_for(personas.decision_maker), case, version=3).status_code == 302
    assert decisions(case)[-1] == ("b1", 4, "signed_off")
    actions = [a for a in audit_actions(case) if a.startswith("decision.")]
    assert actions == ["decision.submit", "decision.return", "decision.submit", "decision.sign_off"]


def test_a_submitted_decision_cannot_be_changed_by_the_professional(personas, case, client_for):
    response = post_decision(client_for(personas.professional), case, consent="given",
                             expected_version=1)  # fmt: skip
    assert response.status_code == 409  # refused, and said so (was a 200 without a word)
    page = html.unescape(response.content.decode())
    assert "ligt bij de beslisser" in page and "Je wijziging is niet opgeslagen." in page
    assert decisions(case) == [("b1", 1, "submitted")]


STALE = "Iemand anders heeft dit intussen gewijzigd"


def _page(response) -> str:
    return html.unescape(response.content.decode())


def test_a_stale_sign_off_is_refused(personas, case, client_for):
    client = client_for(personas.decision_maker)
    answer = sign_off(client, case, version=7)
    assert answer.status_code == 409
    assert STALE in _page(answer)
    assert decisions(case) == [("b1", 1, "submitted")]


@pytest.mark.parametrize(
    ("remark", "words"),
    [
        ("Onderbouw het beter. " * 1000, "niet meer dan 20000 tekens"),  # 21,000 characters
        ("Onderbouw\x00 het beter.", "onzichtbaar stuurteken in (U+0000)"),
        ("Onderbouw\x07 het beter.", "onzichtbaar stuurteken in (U+0007)"),
    ],
)
def test_a_remark_that_cannot_be_kept_is_refused_by_name_and_stays(
    personas, case, client_for, remark, words
):
    """Seen in a walk: a remark over 20,000 characters (or with a control character) was
    answered "Iemand anders heeft dit intussen gewijzigd" and was gone; nobody had changed
    anything (the invalid form sent version 0 to the service). A \\x07 was even saved."""
    answer = send_back(client_for(personas.decision_maker), case, remark)
    assert answer.status_code == 422
    assert words in " ".join(answer.context["return_form"].errors["remark"])
    assert answer.context["return_form"]["remark"].value() == remark  # kept in the field
    assert STALE not in _page(answer)
    assert decisions(case) == [("b1", 1, "submitted")]


def test_a_stale_return_answers_409_and_keeps_the_remark(personas, case, client_for):
    remark = "Onderbouw waarom de school het niet zelf kan."
    answer = send_back(client_for(personas.decision_maker), case, remark, version=7)
    assert answer.status_code == 409
    assert STALE in _page(answer)
    assert remark in _page(answer)
    assert decisions(case) == [("b1", 1, "submitted")]


@pytest.mark.parametrize("version", ["abc", "", "-1", "0"])
def test_a_garbage_version_is_no_change_by_someone_else(personas, case, client_for, version):
    """A version that is none or no number is a broken page, not a concurrent change."""
    client = client_for(personas.decision_maker)
    remark = "Onderbouw waarom de school het niet zelf kan."
    for answer in (
        client.post(url("decision_return", case), {"remark": remark, "expected_version": version}),
        client.post(url("decision_sign_off", case), {"confirm": "on", "expected_version": version}),
    ):
        assert answer.status_code == 422
        assert "De versie ontbreekt" in _page(answer)
        assert STALE not in _page(answer)
    assert decisions(case) == [("b1", 1, "submitted")]


def test_the_api_refuses_a_remark_with_a_control_character(personas, case, client):
    from tests.api.helpers import ApiClient, token_for

    api = ApiClient(client, token_for(personas.decision_maker))
    body = {"remark": "Onderbouw\x07 het beter.", "expected_version": 1}
    response = api.post(f"/cases/{case.public_id}/decision/return", body)
    assert response.status_code == 422
    assert "U+0007" in str(response.json())
    assert decisions(case) == [("b1", 1, "submitted")]


def test_a_sign_off_is_refused_when_the_risk_was_reassessed_meanwhile(personas, case, client_for):
    from deelwijzer.cases.entries import Correction, entry_correct
    from deelwijzer.risks.models import Risk

    entry_correct(
        actor=personas.professional, case_id=case.pk, model=Risk, key="r1",
        values={"severity": "limited"}, correction=Correction("Minder ernstig.", 1),
        action="risk.reassess",
    )  # fmt: skip
    client = client_for(personas.decision_maker)
    response = client.post(
        url("decision_sign_off", case), {"expected_version": "1", "confirm": "on"}, follow=True
    )
    assert "niet als ernstig en concreet beschreven" in html.unescape(response.content.decode())
    assert decisions(case) == [("b1", 1, "submitted")]


def test_a_decision_with_consent_is_not_signed_with_a_risk_no_longer_serious(personas, client_for):
    """The team walk: with consent the decision is lawful without r1, but it names r1 as
    serious and concrete; r1 re-assessed as limited meanwhile, signing would record that
    untrue. The decision maker is told to send it back; nothing is signed."""
    from deelwijzer.cases.entries import Correction, entry_correct
    from deelwijzer.risks.models import Risk

    case = prepared(personas)
    body = {"consent": "given", "risks": ("r1",)}
    assert post_decision(client_for(personas.professional), case, **body).status_code == 302
    entry_correct(
        actor=personas.professional, case_id=case.pk, model=Risk, key="r1",
        values={"severity": "limited"}, correction=Correction("Minder ernstig.", 1),
        action="risk.reassess",
    )  # fmt: skip
    maker = client_for(personas.decision_maker)
    before = html.unescape(maker.get(url("step5", case)).content.decode())
    assert "Zo kun je het besluit niet aftekenen:" in before  # said before pressing
    assert "Stuur het besluit terug met een opmerking" in before
    response = sign_off(maker, case)
    page = html.unescape(response.content.decode())
    assert response.status_code == 422
    assert "het besluit noemt r1 als concreet, ernstig risico, maar volgens stap 4" in page
    assert "r1: de ernst is beperkt, niet ernstig" in page
    assert "Stuur het besluit terug" in page
    assert "Het besluit is niet afgetekend" in page and "nog niet opgeslagen" not in page
    assert decisions(case) == [("b1", 1, "submitted")]


def test_a_decision_with_consent_naming_a_limited_risk_is_not_submitted(personas, client_for):
    """The same untrue statement is refused when the professional submits it, so the
    decision maker does not have to send it back; a draft may still hold it."""
    case = prepared(personas)
    prof = client_for(personas.professional)
    response = post_decision(prof, case, consent="given", risks=("r1", "r2"))
    page = html.unescape(response.content.decode())
    assert response.status_code == 422
    assert "het besluit noemt r2 als concreet, ernstig risico" in page
    assert decisions(case) == []
    draft = post_decision(prof, case, consent="given", risks=("r1", "r2"), action="draft")
    assert draft.status_code == 302
    assert decisions(case) == [("b1", 1, "draft")]


def test_a_decision_with_consent_and_a_risk_still_serious_is_signed(personas, client_for):
    case = prepared(personas)
    body = {"consent": "given", "risks": ("r1",)}
    assert post_decision(client_for(personas.professional), case, **body).status_code == 302
    assert sign_off(client_for(personas.decision_maker), case).status_code == 302
    assert decisions(case)[-1] == ("b1", 2, "signed_off")


def test_a_new_decision_after_sign_off_gets_a_new_key(personas, case, client_for):
    sign_off(client_for(personas.decision_maker), case)
    prof = client_for(personas.professional)
    response = post_decision(prof, case, share="no", consent="refused", action="draft",
                             reasoning="De dreiging is weg.")  # fmt: skip
    assert response.status_code == 302
    assert decisions(case)[-1] == ("b2", 1, "draft")
    assert signed_off_share_decision(case).key == "b1"  # still the decision in force
    assert audit_actions(case)[-1] == "decision.save_draft"


def test_the_professional_involves_the_decision_maker_early(personas, client_for):
    case = personas.case
    maker = client_for(personas.decision_maker)
    assert maker.get(url("step4", case)).status_code == 404
    prof = client_for(personas.professional)
    assert (
        f'action="{url("decision_involve", case)}"' in prof.get(url("step4", case)).content.decode()
    )
    response = prof.post(url("decision_involve", case), {"next": url("step4", case)})
    assert response.status_code == 302 and response["Location"] == url("step4", case)
    involved = Case.objects.get(pk=case.pk).decision_maker_involved_at
    assert involved is not None
    again = prof.post(url("decision_involve", case))  # again: no change
    # without a next, back to step 5 by the case's public id (the view gets the UUID from the URL)
    assert again.status_code == 302 and again["Location"] == url("step5", case)
    assert Case.objects.get(pk=case.pk).decision_maker_involved_at == involved
    assert audit_actions(case).count("case.involve_decision_maker") == 1
    for name in ("case_detail", "step4", "step5"):
        assert client_for(personas.decision_maker).get(url(name, case)).status_code == 200


def test_involving_refuses_an_outside_redirect(personas, client_for):
    prof = client_for(personas.professional)
    response = prof.post(url("decision_involve", personas.case), {"next": "https://evil.example/"})
    assert response["Location"] == url("step5", personas.case)


def test_the_attention_officer_cannot_involve_anyone(personas, client_for):
    client = client_for(personas.attention_officer)
    assert client.post(url("decision_involve", personas.case)).status_code == 404
    assert Case.objects.get(pk=personas.case.pk).decision_maker_involved_at is None
