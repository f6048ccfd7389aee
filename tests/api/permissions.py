"""The permission table for the API's URLs, walked by tests/web/test_permission_matrix.py.

The matrix signs in with a session, and the API takes a token only: every operation refuses
every persona with 401, whatever their role, and a method a route does not have is 405.
What each persona may do with a token is in tests/api/test_access.py.
"""

from __future__ import annotations

from uuid import UUID

from tests.permissions import NO_ROW, case_kwargs, table

# Routes with a GET operation; the other names belong to routes without one.
READABLE = (
    "api_cases", "api_case_open", "api_case", "api_evaluation", "api_casefile",
    "api_signals", "api_signal_add", "api_signal", "api_signal_correct",
    "api_opinions", "api_opinion_add", "api_diagnoses", "api_diagnosis_add",
    "api_advice", "api_advice_compose", "api_conversations", "api_conversation_record",
    "api_risks", "api_risk_add", "api_risk", "api_risk_reassess", "api_decisions",
    "api_disclosures", "api_disclosure_share", "api_contacts", "api_inbox", "api_inbox_item",
    "api_conversation_statements", "api_statistics", "api_audit",
    "api_attachment_read",
    "api_attachment_withdraw",  # the same path as api_attachment_read (GET and DELETE)
    "api_transfers_incoming", "api_transfers_outgoing", "api_attachments", "api_colleagues",
)  # fmt: skip
NOT_READABLE = (
    "api_import", "api_opinion", "api_opinion_follow_up", "api_diagnosis",
    "api_no_contra_signals", "api_advice_send", "api_advice_answer", "api_conversation",
    "api_decision_save", "api_decision_sign_off", "api_decision_return",
    "api_disclosure_feedback", "api_inbox_answer", "api_conversation_skipped",
    "api_guardians_not_involved", "api_guardians_without_consent",
    "api_conversation_statement_withdraw",
    "api_close", "api_reopen", "api_identity", "api_team", "api_team_remove", "api_handover",
    "api_delivery_send", "api_delivery_withdraw",
    "api_signal_attachment_add", "api_conversation_attachment_add",
    "api_transfer_accept", "api_transfer_decline",
)  # fmt: skip
# Routes with a POST operation.
POSTABLE = (
    "api_import", "api_cases", "api_signals", "api_opinions", "api_opinion_follow_up",
    "api_diagnoses", "api_advice", "api_advice_send", "api_conversations", "api_risks",
    "api_decision_save", "api_decision_sign_off", "api_decision_return", "api_disclosures",
    "api_disclosure_feedback", "api_inbox_answer",
    "api_close", "api_reopen", "api_team", "api_team_remove", "api_handover",
    "api_delivery_send", "api_delivery_withdraw", "api_conversation_statement_withdraw",
    "api_signal_attachment_add", "api_conversation_attachment_add",
    "api_transfer_accept", "api_transfer_decline",
)  # fmt: skip

GET_TABLE: dict[str, dict[str, int]] = {
    # The web pages where a user makes and revokes their own tokens.
    "api_tokens": table(200),
    "api_token_revoke": table(405),
    "api:openapi-json": table(200, anonymous=200),
    "api:openapi-view": table(200, anonymous=200),
    "api:api-root": table(404, anonymous=404),
    **{f"api:{name}": table(401, anonymous=401) for name in READABLE},
    **{f"api:{name}": table(405, anonymous=405) for name in NOT_READABLE},
}

POST_TABLE: dict[str, dict[str, int]] = {
    # Only the owner revokes a token; for anyone else it does not exist.
    "api_token_revoke": table(404, professional=302),
    **{f"api:{name}": table(401, anonymous=401) for name in POSTABLE},
}

KEYS = {
    "api_signal": "s1", "api_signal_correct": "s1", "api_opinion": "o1",
    "api_opinion_follow_up": "o1", "api_diagnosis": "d1", "api_advice_send": "a1",
    "api_advice_answer": "a1", "api_conversation": "c1", "api_risk": "r1",
    "api_risk_reassess": "r1", "api_disclosure_feedback": "x1", "api_inbox_item": "a1",
    "api_inbox_answer": "a1", "api_delivery_send": "x1",
    "api_signal_attachment_add": "s1",
    "api_conversation_attachment_add": "c1", "api_attachment_read": "f1",
    "api_attachment_withdraw": "f1", "api_conversation_statement_withdraw": "gw1",
}  # fmt: skip
WITHOUT_CASE = ("openapi-json", "openapi-view", "api-root", "api_import", "api_cases",
                "api_case_open", "api_inbox", "api_statistics", "api_audit",
                "api_transfers_incoming", "api_transfers_outgoing", "api_colleagues")  # fmt: skip


def professionals_token(personas) -> UUID:
    from deelwijzer.api.models import ApiToken
    from deelwijzer.api.tokens import api_token_create

    token = ApiToken.objects.filter(user=personas.professional, name="matrix").first()
    token = token or api_token_create(actor=personas.professional, name="matrix")[0]
    return token.public_id


def url_kwargs(name: str, personas) -> dict:
    if name == "api_tokens":
        return {}
    if name == "api_token_revoke":
        return {"token_id": professionals_token(personas)}
    name = name.removeprefix("api:")
    if name in WITHOUT_CASE:
        return {}
    if name in ("api_transfer_accept", "api_transfer_decline"):
        return {"transfer_id": NO_ROW}
    if name == "api_delivery_withdraw":
        return case_kwargs(personas, key="x1", delivery_id=NO_ROW)
    if name in KEYS:
        return case_kwargs(personas, key=KEYS[name])
    return case_kwargs(personas)
