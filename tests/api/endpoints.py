"""Every operation on a case, with a body that the team's professional may send.

``{case}`` is the case id; entry keys are those of tests/api/data.py. The access and audit
tests walk this table, and a test checks that it names every case operation of the schema.
"""

from __future__ import annotations

import re

NO_ROW = "00000000-0000-7000-8000-000000000001"  # a well-formed public id that is no row's
SIGNAL = {"observed_on": "2026-10-05", "text": "Zegt dat hij niet meer naar muziekles gaat."}
FIX = {"correction_note": "Datum verbeterd.", "expected_version": 1}
CONVERSATION = {"held_on": "2026-10-13", "participants": ["youth"], "reaction": "Stil."}
RISK = {"at_risk": "youth", "description": "Kan wegblijven.", "severity": "limited",
        "timing": "later", "based_on": ["s1"]}  # fmt: skip
ANSWER = {"may_indicate_radicalisation": "no", "outcome": "no_follow_up", "expected_version": 1}
WITHOUT_CONSENT = {"reason": "Hij dreigde zichzelf iets aan te doen; de ouders moesten het weten."}
DECISION = {
    "share": False,
    "consent": "not_asked",
    "reasoning": "Geen risico's die delen nodig maken.",
}
IDENTITY = {"name": "Yusuf Bakker", "birth_date": "2011-03-14", "identifiers": ["klas 3B"],
            "correction_note": "Klas verbeterd.", "expected_version": 1}  # fmt: skip

# (method, path, body, audit action it leaves on the case; None: a read, "case.view" or more)
CASE_OPERATIONS = [
    ("get", "/cases/{case}", None, "case.view"),
    ("get", "/cases/{case}/evaluation", None, "case.view"),
    ("get", "/cases/{case}/casefile", None, "dossier.export_casefile"),
    ("get", "/cases/{case}/signals", None, "case.view"),
    ("post", "/cases/{case}/signals", SIGNAL, "signal.add"),
    ("get", "/cases/{case}/signals/s1", None, "signal.view"),
    ("put", "/cases/{case}/signals/s1", {**SIGNAL, **FIX}, "signal.correct"),
    ("get", "/cases/{case}/opinions", None, "case.view"),
    ("post", "/cases/{case}/opinions", {"text": "Zoekt hij houvast?", "about": ["s1"]},
     "opinion.add"),
    ("put", "/cases/{case}/opinions/o1", {"text": "Zoekt houvast?", "about": ["s1"], **FIX},
     "opinion.correct"),
    ("post", "/cases/{case}/opinions/o1/follow-ups",
     {"status": "open", "date": "2026-11-01", "text": "Nog niets nieuws.", "expected_version": 1},
     "opinion.follow_up"),
    ("get", "/cases/{case}/diagnoses", None, "case.view"),
    ("post", "/cases/{case}/diagnoses", {"text": "Dyslexie", "established_by_name": "Dr. Smit",
     "established_by_role": "orthopedagoog", "relevance": "Verklaart de leesproblemen."},
     "diagnosis.add"),
    ("put", "/cases/{case}/diagnoses/d1", {"text": "ADHD", "established_by_name": "Dr. Smit",
     "established_by_role": "GZ-psycholoog", "relevance": "Verklaart de onrust.", **FIX},
     "diagnosis.correct"),
    ("put", "/cases/{case}/no-contra-signals", {"none_known": True}, "no_contra_signals.state"),
    ("get", "/cases/{case}/advice", None, "case.view"),
    ("post", "/cases/{case}/advice", {"question": "Wat denk jij?", "adviser_kind": "team_member",
     "adviser_member_id": NO_ROW}, None),
    ("post", "/cases/{case}/advice/a2/send", {"request_text": "x", "expected_version": 1}, None),
    ("put", "/cases/{case}/advice/a2/answer", ANSWER, "advice.answer_record"),
    ("get", "/cases/{case}/conversations", None, "case.view"),
    ("post", "/cases/{case}/conversations", CONVERSATION, "conversation.record"),
    ("put", "/cases/{case}/conversations/c1", {**CONVERSATION, **FIX}, "conversation.correct"),
    ("get", "/cases/{case}/conversation-statements", None, "case.view"),
    ("put", "/cases/{case}/conversation-skipped", {"reason": "Te riskant.", "advice_key": "a2"},
     None),
    ("put", "/cases/{case}/guardians-not-involved",
     {"ground": "contrary_to_good_care", "reason": "Thuis onveilig."}, None),
    ("put", "/cases/{case}/guardians-without-consent", WITHOUT_CONSENT,
     "guardians_without_consent.record"),
    ("post", "/cases/{case}/conversation-statements/gw1/withdraw", {"reason": "Klopt niet."},
     None),
    ("get", "/cases/{case}/risks", None, "case.view"),
    ("post", "/cases/{case}/risks", RISK, "risk.add"),
    ("get", "/cases/{case}/risks/r1", None, "risk.view"),
    ("put", "/cases/{case}/risks/r1", {**RISK, **FIX}, "risk.reassess"),
    ("get", "/cases/{case}/decisions", None, "case.view"),
    ("post", "/cases/{case}/decision", DECISION, "decision.save_draft"),
    ("post", "/cases/{case}/decision/sign-off", {"expected_version": 1}, None),
    ("post", "/cases/{case}/decision/return", {"remark": "Nee.", "expected_version": 1}, None),
    ("get", "/cases/{case}/disclosures", None, "case.view"),
    ("post", "/cases/{case}/disclosures", {"contact_id": NO_ROW, "items": [{"key": "s1"}]}, None),
    ("post", "/cases/{case}/disclosures/x1/feedback", {"received_on": "2026-11-01", "text": "x"},
     None),
    ("post", "/cases/{case}/disclosures/x1/deliveries", None, None),
    ("post", f"/cases/{{case}}/disclosures/x1/deliveries/{NO_ROW}/withdraw",
     {"reason": "Verkeerd adres."}, None),
    ("get", "/cases/{case}/contacts", None, None),
    ("put", "/cases/{case}/identity", IDENTITY, "case.identity_correct"),
    ("post", "/cases/{case}/team", {"user_id": NO_ROW, "role_on_team": "zorg"}, None),
    ("post", "/cases/{case}/team/remove", {"user_id": NO_ROW, "reason": "Vertrokken."}, None),
    ("post", "/cases/{case}/handover", {"user_id": NO_ROW, "role_on_team": "mentor",
     "reason": "Ik vertrek."}, None),
    ("post", "/cases/{case}/reopen", {"reason": "Nieuw signaal."}, None),
    # attachments (f1: a text file on s1): the uploads are multipart (tests/attachments/test_api.py
    # sends real files and checks their audit); a JSON body here carries no file: 404 for
    # outsiders, 422 for the team
    ("post", "/cases/{case}/signals/s1/attachments", {"description": "x"}, None),
    ("post", "/cases/{case}/conversations/c1/attachments", {"description": "x"}, None),
    ("get", "/cases/{case}/attachments", None, "case.view"),
    ("get", "/cases/{case}/attachments/f1", None, "attachment.download"),
    ("delete", "/cases/{case}/attachments/f1", {"reason": "Dubbel."}, None),
    ("post", "/cases/{case}/close", {"reason": "Afgerond."}, "case.close"),
]  # fmt: skip

# The inbox: only the attention officer, and only anonymously.
INBOX_OPERATIONS = [
    ("get", "/inbox/{case}/a1", None),
    ("post", "/inbox/{case}/a1/answer", {**ANSWER}),
]


def schema_path(path: str) -> str:
    """``/cases/{case}/signals/s1`` as the schema names it: ``/cases/{case_id}/signals/{key}``."""
    parts = path.replace("{case}", "{case_id}").split("/")
    keyed = ["{key}" if re.fullmatch(r"[a-z]{1,2}[0-9]+", p) else p for p in parts]
    keyed = ["{delivery_id}" if p == NO_ROW else p for p in keyed]  # the one public id in a path
    return "/api/v1" + "/".join(keyed)
