"""Evaluation, export and import of case files through the API."""

from __future__ import annotations

import copy

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from deelwijzer.signalling.models import FollowUp, Opinion
from tests.api.data import case_with_entries


def test_the_evaluation_is_the_engines_format(personas, api_as):
    case = case_with_entries(personas)
    body = api_as(personas.professional).get(f"/cases/{case.public_id}/evaluation").json()
    assert body["format"] == "deelwijzer-evaluation/1"
    assert body["age"] == 15
    assert set(body["steps"]) == {"1", "2", "3", "4", "5", "6"}
    assert any(f["rule"] == "R1.5" for f in body["findings"])  # no contra-signal yet


def test_export_then_import_makes_a_new_case_with_steps_1_and_4(personas, api_as):
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    exported = client.get(f"/cases/{case.public_id}/casefile").json()
    assert exported["format"] == "deelwijzer-casefile/1"
    data = copy.deepcopy(exported)
    data["youth"]["pseudonym"] = "J-KOPIE"
    data["opinions"][0]["status"] = "refuted"
    data["opinions"][0]["follow_ups"] = [{"date": "2026-11-01", "text": "Bleek een grap."}]
    response = client.post("/cases/import", data)
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["imported"] == {"signals": 1, "opinions": 1, "diagnoses": 1, "risks": 1}
    assert made["not_imported"] == {"advice": 2, "conversations": 1}
    new = Case.objects.get(public_id=made["case_id"])
    assert new.pseudonym == "J-KOPIE" and new.team.get().user == personas.professional
    assert Opinion.current(new).get().status == "refuted"
    assert FollowUp.objects.get(case=new).text == "Bleek een grap."
    again = client.get(f"/cases/{new.public_id}/casefile").json()
    assert again["signals"][0]["text"] == exported["signals"][0]["text"]
    assert again["risks"][0]["based_on"] == ["s1"]
    audit = AuditEvent.objects.get(action="case.import", case_id=new.pk)
    assert audit.purpose == "api" and audit.detail["not_imported"]["advice"] == 2


def test_what_another_of_the_files_team_saw_is_imported_as_coming_from_them(personas, api_as):
    """The walk: a signal another person saw themselves became the importer's own
    observation, so the dossier said they saw it (R1.3). Their own stay theirs."""
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    data = client.get(f"/cases/{case.public_id}/casefile").json()
    data["youth"]["pseudonym"] = "J-ELDERS"
    own = data["signals"][0]
    me = own["recorded_by"]  # the importer's id in the file ("p1"; another on PostgreSQL)
    assert own["source"] == {"kind": "own_observation"} and me
    data["team"].append({"id": "p9", "name": "Vreemde van Elders", "role": "jongerenwerker"})
    data["signals"].append({**own, "id": "s2", "recorded_by": "p9"})
    response = client.post("/cases/import", data)
    assert response.status_code == 201, response.content
    again = client.get(f"/cases/{response.json()['case_id']}/casefile").json()
    sources = {s["id"]: (s["source"], s["recorded_by"]) for s in again["signals"]}
    assert sources["s1"] == ({"kind": "own_observation"}, me)
    assert sources["s2"] == (
        {"kind": "other", "name": "Vreemde van Elders", "role": "jongerenwerker"},
        me,  # recorded here by the one who imported it
    )


def test_an_invalid_case_file_returns_every_problem_and_keeps_nothing(personas, api_as):
    cases = Case.objects.count()
    data = {
        "format": "deelwijzer-casefile/1",
        "organisation": {"attention_officer": True, "decision_maker_role": "team_leader"},
        "youth": {"pseudonym": "J-FOUT", "birth_date": "2010-03-14"},
        "signals": [
            {"id": "s1", "kind": "rumour", "observed_on": "2026-10-02", "text": "x",
             "source": {"kind": "own_observation"}},
            {"id": "s1", "kind": "signal", "observed_on": "2001-01-01", "text": "y",
             "source": {"kind": "own_observation"}},
        ],
        "opinions": [{"id": "o1", "about": ["s9"], "text": "z", "status": "open"}],
    }  # fmt: skip
    response = api_as(personas.professional).post("/cases/import", data)
    assert response.status_code == 422
    problems = [e["message"] for e in response.json()["errors"]]
    assert any(p.startswith("$.signals[0].kind") for p in problems)  # schema
    assert "$.signals[1].id: duplicate id 's1' (first used at $.signals[0].id)" in problems
    assert any(p.startswith("$.opinions[0].about[0]: unknown id 's9'") for p in problems)
    assert any(p.startswith("$.signals[1].observed_on") for p in problems)  # before birth
    assert len(problems) >= 4
    assert Case.objects.count() == cases


def test_what_the_app_refuses_is_a_problem_of_the_import_too(personas, api_as):
    """A schema-valid file that the services refuse (R1.3, R1.4): every refusal, by path."""
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    data = client.get(f"/cases/{case.public_id}/casefile").json()
    data["youth"]["pseudonym"] = "J-WEIGER"
    data["signals"][0]["source"] = {"kind": "other", "name": None, "role": None}
    data["diagnoses"][0]["established_by"] = None
    cases = Case.objects.count()
    response = client.post("/cases/import", data)
    assert response.status_code == 422
    problems = [e["message"] for e in response.json()["errors"]]
    assert any(p.startswith("$.signals[0]") and "R1.3" in p for p in problems), problems
    assert any(p.startswith("$.diagnoses[0]") and "R1.4" in p for p in problems), problems
    assert Case.objects.count() == cases
    assert not AuditEvent.objects.filter(action="case.import").exists()


def test_an_import_under_a_pseudonym_in_use_is_refused(personas, api_as):
    """Pointing at the pseudonym in the file, and not advising to leave it empty: a case file
    needs one (the API walk)."""
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    data = client.get(f"/cases/{case.public_id}/casefile").json()
    response = client.post("/cases/import", data)
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "$.youth.pseudonym"
    assert "Zet een ander pseudoniem in het bestand (youth.pseudonym)." in error["message"]
    assert "laat het veld leeg" not in error["message"]


def test_text_the_database_cannot_hold_is_a_problem_not_an_error(personas, api_as):
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    data = client.get(f"/cases/{case.public_id}/casefile").json()
    data["youth"]["pseudonym"] = "J-" + "X" * 30
    data["signals"][0]["text"] = "nul\x00teken"
    response = client.post("/cases/import", data)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "$.signals[0].text"


def test_a_text_with_a_control_character_is_refused_as_the_forms_refuse_it(personas, api_as):
    """A bell and an escape in a signal were imported while every form and the API refused
    them (the walk of 2026-12-05); the import names the path and the characters."""
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    data = client.get(f"/cases/{case.public_id}/casefile").json()
    data["youth"]["pseudonym"] = "J-BEL"
    data["signals"][0]["text"] = "bel\x07 \x1b[31mrood"
    before = Case.objects.count()
    response = client.post("/cases/import", data)
    assert response.status_code == 422
    assert response.json()["detail"] == "Het casusbestand is niet geldig: 1 probleem."
    (error,) = response.json()["errors"]
    assert error["field"] == "$.signals[0].text"
    assert "(U+0007, U+001B)" in error["message"]
    assert Case.objects.count() == before


def test_an_import_without_the_importers_role_names_the_query_parameter(personas, api_as):
    """The walk: a missing role was reported at "$.youth (role_on_team)", a place in the file
    where no role belongs; it is the query's ?role_on_team=."""
    case = case_with_entries(personas)
    client = api_as(personas.professional)
    data = client.get(f"/cases/{case.public_id}/casefile").json()
    data["youth"]["pseudonym"] = "J-ROL"
    data["team"][0]["name"] = "Iemand Anders"  # not the importer: no role to take from there
    before = Case.objects.count()
    response = client.post("/cases/import", data)
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "role_on_team" and error["message"].startswith("role_on_team: ")
    assert Case.objects.count() == before
