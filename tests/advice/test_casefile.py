"""Step 2's part of the case file, and what the engine says about it (R2.1-R2.6)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from deelwijzer.advice.casefile import contribute
from deelwijzer.advice.models import AdviceRequest
from deelwijzer.interchange.casefile import build_casefile, case_evaluation, team_id
from deelwijzer.procedure.casefile import load_casefile
from tests.advice.conftest import answer_body, compose, post_answer, send, sent_to_officer
from tests.personas import changed_directly

CLEAN = "Een leerling van 15 zegt dat muziek haram is. Wat raad je aan?"


@pytest.fixture
def prof(personas, client_for, deduce_model):
    return client_for(personas.professional)


def rules(case) -> dict[str, list]:
    evaluation = case_evaluation(case)
    assert evaluation is not None
    found: dict[str, list] = {}
    for f in evaluation.findings:
        if f.rule.startswith("R2."):
            found.setdefault(f.rule, []).append(f.refs)
    return found


def ask_external(client, case, organisation="police"):
    response = compose(client, case, adviser_kind="external", external_organisation=organisation)
    key = response["Location"].rstrip("/").split("/")[-2]
    assert send(client, case, key, CLEAN).status_code == 302
    return key


def test_the_contribution_validates_and_leaves_drafts_out(personas, prof):
    case = personas.case
    officer_key = sent_to_officer(prof, case, CLEAN)
    compose(prof, case, adviser_kind="attention_officer")  # a draft, never sent
    external_key = ask_external(prof, case)
    url = reverse("advice_record_answer", kwargs={"case_id": case.public_id, "key": external_key})
    post_answer(prof, url, case, external_key, answer_body(outcome="no_follow_up"))
    data = build_casefile(case)
    cf = load_casefile(data)  # raises when the contribution breaks the contract
    assert [a.id for a in cf.advice] == [officer_key, external_key]
    officer, external = data["advice"]
    assert officer["adviser"] == {"kind": "attention_officer"}
    assert officer["answers"] is None and officer["outcome"] is None
    assert officer["asked_by"] == team_id(personas.professional.pk)
    assert officer["asked_on"] == timezone.localdate().isoformat()
    assert officer["request_text"] == CLEAN and officer["identifies_youth"] is False
    assert external["adviser"] == {"kind": "external", "organisation": "police", "name": None}
    assert external["outcome"] == "no_follow_up"
    assert external["answers"]["may_indicate_radicalisation"] == "unclear"
    assert external["answers"]["conversation_possible"] is True


def test_a_team_adviser_is_named_by_team_id(personas, prof):
    from deelwijzer.cases.services import team_member_add

    team_member_add(actor=personas.professional, case_id=personas.case.pk,
                    user_id=personas.colleague.pk, role_on_team="zorgcoördinator")  # fmt: skip
    compose(
        prof, personas.case, adviser_kind="team_member", adviser_member=personas.colleague.public_id
    )
    send(prof, personas.case, "a1", "Yusuf Bakker zegt dat muziek haram is.")
    cf = load_casefile(build_casefile(personas.case))
    assert cf.advice[0].adviser.member == team_id(personas.colleague.pk)
    assert cf.advice[0].identifies_youth is True
    assert "R2.1" not in rules(personas.case)  # a team colleague may know who it is (R2.2)


def test_r2_3_until_the_attention_officer_is_asked(personas, prof):
    case = personas.case
    assert "R2.3" not in rules(case)
    ask_external(prof, case)
    assert "R2.3" in rules(case)
    html = prof.get(reverse("step2", kwargs={"case_id": case.public_id})).content.decode()
    assert "R2.3 – ontbreekt" in html
    sent_to_officer(prof, case)
    assert "R2.3" not in rules(case)


def test_r2_6_until_the_answer_is_in_the_dossier(personas, prof, client_for):
    case = personas.case
    key = sent_to_officer(prof, case)
    assert rules(case).get("R2.6") == [(key,)]
    officer = client_for(personas.attention_officer)
    url = reverse("inbox_answer", kwargs={"case_id": case.public_id, "key": key})
    post_answer(officer, url, case, key, answer_body())
    found = rules(case)
    assert "R2.6" not in found and "R2.4" not in found and "R2.5" not in found


def test_r2_4_names_the_gaps_of_a_recorded_external_answer(personas, prof):
    case = personas.case
    key = ask_external(prof, case)
    url = reverse("advice_record_answer", kwargs={"case_id": case.public_id, "key": key})
    post_answer(prof, url, case, key, answer_body(conversation_risks="", follow_up_by=""))
    assert rules(case).get("R2.4") == [(key,)]
    html = prof.get(reverse("step2", kwargs={"case_id": case.public_id})).content.decode()
    assert "welke risico&#x27;s het gesprek zelf kan geven" in html
    assert f'href="/casussen/{case.public_id}/stap-2/#{key}"' in html


def test_r2_1_shows_an_identifying_request_recorded_outside_the_app(personas, prof):
    case = personas.case
    key = ask_external(prof, case)
    AdviceRequest.objects.filter(case=case, key=key, is_current=True).update(
        request_text="Yusuf Bakker uit klas 3B zegt dat muziek haram is."
    )  # as if imported from old data: the engine must still say so
    assert rules(case).get("R2.1") == [(key,)]
    html = prof.get(reverse("step2", kwargs={"case_id": case.public_id})).content.decode()
    assert "R2.1 – niet toegestaan" in html


def many_requests(case, user, count: int) -> None:
    """``count`` current requests to the attention officer, half answered, each with history."""
    start = AdviceRequest.objects.filter(case=case, version=1).count()
    rows = []
    for n in range(start + 1, start + count + 1):
        common = {
            "case": case,
            "key": f"a{n}",
            "recorded_by": user,
            "asked_by": user,
            "asker_role": "mentor",
            "adviser_kind": "attention_officer",
            "question": "Wat nu?",
            "original_text": CLEAN,
            "request_text": CLEAN,
            "asked_on": timezone.localdate(),
        }
        rows.append(AdviceRequest(version=1, is_current=False, status="draft", **common))
        answered = n % 2 == 0
        extra = answer_body(outcome="extra_attention") if answered else {}
        extra.pop("review_date", None)
        extra.pop("conversation_possible", None)
        rows.append(
            AdviceRequest(
                version=2,
                is_current=True,
                status="answered" if answered else "sent",
                answered_by=user if answered else None,
                review_date=timezone.localdate() if answered else None,
                conversation_possible=True if answered else None,
                **extra,
                **common,
            )
        )
    AdviceRequest.objects.bulk_create(rows)
    changed_directly(case.pk)


def count_queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_contribute_makes_the_same_queries_for_5_and_200(personas):
    case = personas.case
    many_requests(case, personas.professional, 5)
    small = build_casefile(case)
    few = count_queries(lambda: contribute(case, small))
    assert len(small["advice"]) == 5
    many_requests(case, personas.professional, 195)
    data = build_casefile(case)
    assert len(data["advice"]) == 200
    load_casefile(data)
    assert count_queries(lambda: contribute(case, data)) == few


def test_step_page_makes_the_same_queries_for_5_and_200(personas, client_for):
    case = personas.case
    client = client_for(personas.professional)
    url = reverse("step2", kwargs={"case_id": case.public_id})
    many_requests(case, personas.professional, 5)
    client.get(url)  # warm up the session
    few = count_queries(lambda: client.get(url))
    many_requests(case, personas.professional, 195)
    client.get(url)  # the evaluation kept for the case is built again after the change
    response = None

    def get():
        nonlocal response
        response = client.get(url)

    assert count_queries(get) == few
    assert response.status_code == 200 and 'id="a200"' in response.content.decode()


def test_inbox_makes_the_same_queries_for_5_and_200(personas, client_for):
    case = personas.case
    client = client_for(personas.attention_officer)
    url = reverse("inbox")
    many_requests(case, personas.professional, 5)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    many_requests(case, personas.professional, 195)
    assert count_queries(lambda: client.get(url)) == few
