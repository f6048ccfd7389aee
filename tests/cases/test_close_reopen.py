"""#16.5: closing asks for a reason and a confirmation, reopening for a reason; a closed case is
read-only on every page and every API write (409 with the reason), and nothing is saved."""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse

from deelwijzer.audit.labels import READ_ACTIONS
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case, CaseChange
from deelwijzer.cases.services import case_close
from deelwijzer.signalling.models import Signal
from tests.api.data import REQUEST_TEXT, case_with_entries
from tests.api.endpoints import ANSWER, CASE_OPERATIONS
from tests.permissions import TABLE_MODULES
from tests.web.test_permission_matrix import url_names

REASON = "Zorg is weg; de jongere voelt zich weer thuis op school."


def _case_url(name: str, personas) -> str:
    return reverse(name, kwargs={"case_id": personas.case.public_id})


def _counts(case) -> tuple:
    """Everything a write could leave: audit rows of changes, entries, the case's status."""
    changes = AuditEvent.objects.filter(case_id=case.pk).exclude(action__in=READ_ACTIONS)
    case.refresh_from_db()
    return changes.count(), Signal.objects.count(), case.status, case.revision


def _closed(personas) -> Case:
    case = case_with_entries(personas)
    return case_close(actor=personas.professional, case_id=case.pk, reason=REASON)


# --- closing ---------------------------------------------------------------------------------


def test_closing_without_confirmation_is_refused_and_keeps_the_reason(personas, client_for):
    answer = client_for(personas.professional).post(
        _case_url("case_close", personas), {"reason": REASON}
    )
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "Vink aan dat je de casus echt wilt sluiten." in html
    assert REASON in html  # what was typed is still in the form
    personas.case.refresh_from_db()
    assert personas.case.status == "open"
    assert not AuditEvent.objects.filter(action="case.close").exists()


def test_closing_without_a_reason_is_refused(personas, client_for):
    answer = client_for(personas.professional).post(
        _case_url("case_close", personas), {"reason": "  ", "confirm": "on"}
    )
    assert answer.status_code == 422
    assert "Schrijf op waarom je de casus sluit." in answer.content.decode()
    personas.case.refresh_from_db()
    assert personas.case.status == "open"


def test_closing_with_reason_and_confirmation_closes_and_audits_ids_only(personas, client_for):
    client = client_for(personas.professional)
    answer = client.post(_case_url("case_close", personas), {"reason": REASON, "confirm": "on"})
    assert answer.status_code == 302
    personas.case.refresh_from_db()
    assert personas.case.status == "closed" and personas.case.close_reason == REASON
    change = CaseChange.objects.get(case=personas.case)
    assert (change.kind, change.reason) == ("close", REASON)
    assert change.changed_by == personas.professional
    event = AuditEvent.objects.get(action="case.close", case_id=personas.case.pk)
    assert event.user_id == personas.professional.pk
    assert "weg" not in str(event.detail)  # the reason is case content: not in the audit
    page = client.get(answer["Location"]).content.decode()
    assert "Deze casus is gesloten op" in page and REASON in page
    assert 'name="confirm"' not in page  # no second close form


# --- read-only: the web ----------------------------------------------------------------------


def _case_urls(personas) -> list[tuple[str, str]]:
    """Every web URL of the personas' case (with the keys of tests/api/data.py), from the
    permission tables."""
    found = []
    for module_name in TABLE_MODULES:
        module = importlib.import_module(module_name)
        for name in {**getattr(module, "GET_TABLE", {}), **getattr(module, "POST_TABLE", {})}:
            if name.startswith(("api", "audit")) or name not in url_names():
                continue
            kwargs = module.url_kwargs(name, personas)
            if kwargs.get("case_id") == personas.case.public_id:
                found.append((name, reverse(name, kwargs=kwargs)))
    return sorted(set(found))


# Pages that only read (a POST to them changes nothing), and the attention officer's answer
# (not the professional's: 404; its 409 is in test_the_attention_officer_cannot_answer_…).
READ_PAGES = {"case_detail", "dossier", "dossier_casefile", "dossier_pdf", "dossier_subject_access",
              "disclosure_pdf", "step1", "step2", "step3", "step4", "step5", "step6",
              "attachment_download", "attachment_thumbnail"}  # fmt: skip
NOT_THE_TEAMS = {"inbox_answer"}


def test_every_post_to_a_closed_case_is_409_with_the_reason_and_saves_nothing(personas, client_for):
    case = _closed(personas)
    client = client_for(personas.professional)
    statuses = {}
    for name, url in _case_urls(personas):
        if name == "case_reopen":
            continue  # the one write a closed case takes (below)
        before = _counts(case)
        answer = client.post(url, {"text": "Nog iets", "reason": "x", "confirm": "on"})
        statuses[name] = answer.status_code
        assert _counts(case) == before, name
        if answer.status_code == 409:
            html = answer.content.decode()
            assert "er is niets opgeslagen" in html and REASON in html, name
            assert "#heropenen" in html, name  # the way back, for the team
    not_refused = {name for name, status in statuses.items() if status != 409}
    assert not_refused == READ_PAGES | NOT_THE_TEAMS, statuses
    assert len(statuses) - len(not_refused) >= 30  # every step's forms, not only the case's


def test_a_case_closed_while_a_signal_was_typed_gives_the_text_back(personas, client_for):
    """Closed by a colleague meanwhile: nothing is saved, and the page shows what was typed,
    to copy (the interruptions walk: the text was gone)."""
    case = _closed(personas)
    typed = "Op vrijdag vertelde hij dat hij zijn oom weer wil zien."
    answer = client_for(personas.professional).post(
        reverse("signal_add", kwargs={"case_id": case.public_id}),
        {
            "signal-kind": "signal",
            "signal-observed_on": "2026-03-02",
            "signal-text": typed,
            "signal-source_kind": "own_observation",
            "expected_version": "3",
        },  # fmt: skip
    )
    html = answer.content.decode()
    assert answer.status_code == 409 and "er is niets opgeslagen" in html
    assert "Wat je had ingevuld (niet opgeslagen)" in html
    assert f'readonly rows="4">{typed}</textarea>' in html
    assert "2026-03-02" not in html and "own_observation" not in html  # only what was typed


def test_the_step_pages_of_a_closed_case_show_the_content_without_forms(personas, client_for):
    case = _closed(personas)
    client = client_for(personas.professional)
    for step in range(1, 7):
        page = client.get(reverse(f"step{step}", kwargs={"case_id": case.public_id}))
        html = page.content.decode()
        assert page.status_code == 200, step
        assert "Deze casus is gesloten op" in html and REASON in html, step
        assert html.count('method="post"') == 1, step  # only the sign-out form of the menu
    step1 = client.get(reverse("step1", args=[case.public_id])).content.decode()
    assert "Zegt dat muziek haram is." in step1
    step2 = client.get(reverse("step2", args=[case.public_id])).content.decode()
    assert REQUEST_TEXT in step2  # the advice requests are there, without links to change them
    assert reverse("advice_compose", args=[case.public_id]) not in step2
    assert reverse("advice_record_answer", args=[case.public_id, "a2"]) not in step2


def test_the_decision_maker_reads_a_closed_case_but_is_told_only_the_team_reopens(
    personas, client_for
):
    case = _closed(personas)
    Case.objects.filter(pk=case.pk).update(decision_maker_involved_at=case.opened_at)
    page = client_for(personas.decision_maker).get(reverse("case_detail", args=[case.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Alleen wie in het team van de casus staat, kan hem heropenen." in html
    assert 'name="reason"' not in html


# --- read-only: the API ----------------------------------------------------------------------

WRITES = [(m, p, b) for m, p, b, _a in CASE_OPERATIONS if m != "get" and "reopen" not in p]


@pytest.mark.parametrize("method,path,body", WRITES, ids=lambda v: str(v)[:40])
def test_every_api_write_to_a_closed_case_is_409_with_the_reason(
    method, path, body, personas, api_as
):
    case = _closed(personas)
    before = _counts(case)
    answer = getattr(api_as(personas.professional), method)(path.format(case=case.public_id), body)
    assert answer.status_code == 409, answer.content
    assert answer["Content-Type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["type"].endswith("case-closed")
    # the path it names is one the API takes (it named the internal key: a 404)
    assert f"POST /api/v1/cases/{case.public_id}/reopen " in problem["detail"]
    assert f"Reden van sluiten: {REASON} Wie" in problem["detail"]  # one full stop
    assert _counts(case) == before


def test_the_attention_officer_cannot_answer_for_a_closed_case(personas, api_as):
    case = _closed(personas)
    before = _counts(case)
    answer = api_as(personas.attention_officer).post(f"/inbox/{case.public_id}/a1/answer", ANSWER)
    assert answer.status_code == 409 and answer.json()["type"].endswith("case-closed")
    assert _counts(case) == before


def test_the_api_still_reads_a_closed_case(personas, api_as):
    case = _closed(personas)
    client = api_as(personas.professional)
    for method, path, _body, _action in CASE_OPERATIONS:
        if method == "get":
            assert client.get(path.format(case=case.public_id)).status_code == 200, path
    read = client.get(f"/cases/{case.public_id}").json()
    assert read["status"] == "closed" and read["close_reason"] == REASON
    assert (read["may_edit"], read["may_reopen"]) == (False, True)


# --- reopening -------------------------------------------------------------------------------


def test_reopening_needs_a_reason_and_keeps_the_case_closed_without_one(personas, client_for):
    case = _closed(personas)
    answer = client_for(personas.professional).post(
        _case_url("case_reopen", personas), {"reason": ""}
    )
    assert answer.status_code == 422
    assert "Schrijf op waarom je de casus heropent." in answer.content.decode()
    case.refresh_from_db()
    assert case.status == "closed"


def test_reopening_with_a_reason_opens_the_case_for_writes_again_and_is_audited(
    personas, client_for
):
    case = _closed(personas)
    client = client_for(personas.professional)
    answer = client.post(_case_url("case_reopen", personas), {"reason": "Nieuw signaal."})
    assert answer.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.closed_at, case.close_reason) == ("open", None, "")
    assert AuditEvent.objects.filter(action="case.reopen", case_id=case.pk).exists()
    assert list(CaseChange.objects.filter(case=case).values_list("kind", "reason")) == [
        ("close", REASON),
        ("reopen", "Nieuw signaal."),
    ]
    step1 = client.get(reverse("step1", args=[case.public_id])).content.decode()
    assert "Deze casus is gesloten" not in step1 and step1.count('method="post"') > 1


def test_reopening_through_the_api(personas, api_as):
    case = _closed(personas)
    client = api_as(personas.professional)
    empty = client.post(f"/cases/{case.public_id}/reopen", {"reason": " "})
    assert empty.status_code == 422
    assert empty.json()["errors"] == [
        {"field": "reason", "message": "Schrijf op waarom je de casus heropent."}
    ]
    done = client.post(f"/cases/{case.public_id}/reopen", {"reason": "Nieuw signaal."})
    assert done.status_code == 200 and done.json()["status"] == "open"
    again = client.post(
        f"/cases/{case.public_id}/signals", {"observed_on": "2026-11-01", "text": "Nu."}
    )
    assert again.status_code == 201


def test_only_the_team_reopens(personas, api_as):
    case = _closed(personas)
    Case.objects.filter(pk=case.pk).update(decision_maker_involved_at=case.opened_at)
    answer = api_as(personas.decision_maker).post(
        f"/cases/{case.public_id}/reopen", {"reason": "Ik"}
    )
    assert answer.status_code == 403
    case.refresh_from_db()
    assert case.status == "closed"


def test_closing_through_the_api_needs_a_reason(personas, api_as):
    client = api_as(personas.professional)
    empty = client.post(f"/cases/{personas.case.public_id}/close", {"reason": ""})
    assert empty.status_code == 422
    personas.case.refresh_from_db()
    assert personas.case.status == "open"
    done = client.post(f"/cases/{personas.case.public_id}/close", {"reason": REASON})
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["may_edit"]) == ("closed", False)


def test_opening_a_write_page_of_a_closed_case_does_not_speak_of_saving(personas, client_for):
    """The walk: the team page of a closed case, only opened, said 'er is niets opgeslagen'."""
    case = _closed(personas)
    answer = client_for(personas.professional).get(
        reverse("case_team_add", kwargs={"case_id": case.public_id})
    )
    html = answer.content.decode()
    assert answer.status_code == 409
    assert "is gesloten: hier kun je niets toevoegen of wijzigen" in html
    assert "niets opgeslagen" not in html and REASON in html
