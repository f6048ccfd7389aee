"""Transfers in the API (issue #20.2): the receiving organisation's attention officer lists
the incoming transfers and accepts or declines them with the ids the list returns; the sending
team lists its outgoing transfers with their status. Nobody else reaches them."""

from __future__ import annotations

from deelwijzer.audit.models import AuditEvent
from deelwijzer.organisations.models import Role
from deelwijzer.signalling.models import Signal
from deelwijzer.transfers.models import Transfer
from tests.conftest import make_user
from tests.disclosures.helpers import TICKED_SIGNAL, make_entries, sign_off_decision
from tests.transfers.test_transfer import prepare


def _pending(personas, client_for) -> Transfer:
    make_entries(personas)
    sign_off_decision(personas)
    assert prepare(personas, client_for(personas.professional)).status_code == 302
    return Transfer.objects.get()


def _officer(personas):
    return make_user("aandacht-noord", personas.other_organisation, Role.ATTENTION_OFFICER)


def test_the_receiver_lists_and_accepts_with_the_ids_it_was_given(personas, client_for, api_as):
    transfer = _pending(personas, client_for)
    officer = api_as(_officer(personas))
    listed = officer.get("/transfers/incoming")
    assert listed.status_code == 200, listed.content
    [row] = listed.json()["items"]
    assert row["id"] == str(transfer.public_id) and row["status"] == "pending"
    assert row["from_organisation"] == "Het Baken" and row["item_keys"] == ["s1", "r1"]
    assert row["case_id"] is None
    assert TICKED_SIGNAL.encode() not in listed.content and b"Yusuf" not in listed.content
    candidates = {c["name"]: c["user_id"] for c in row["team_candidates"]}
    assert str(personas.stranger.public_id) in candidates.values()

    refused = officer.post(f"/transfers/{transfer.public_id}/accept",
                           {"team": [str(personas.professional.public_id)],
                            "role_on_team": "begeleider"})  # fmt: skip
    assert refused.status_code == 422 and "team_candidates" in refused.content.decode()
    assert Transfer.objects.get().status == "pending"

    accepted = officer.post(f"/transfers/{transfer.public_id}/accept",
                            {"team": [str(personas.stranger.public_id)],
                             "role_on_team": "begeleider"})  # fmt: skip
    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    transfer.refresh_from_db()
    assert body["status"] == "accepted" and body["case_id"] == str(transfer.new_case.public_id)
    assert body["team_candidates"] == []
    assert Signal.objects.filter(case=transfer.new_case).count() == 1
    # the new team opens the case by the returned id
    opened = api_as(personas.stranger).get(f"/cases/{body['case_id']}")
    assert opened.status_code == 200
    again = officer.post(f"/transfers/{transfer.public_id}/decline", {"reason": "Toch niet."})
    assert again.status_code == 422 and Transfer.objects.get().status == "accepted"

    # the sender sees the status, and the case it came from
    out = api_as(personas.professional).get("/transfers/outgoing").json()["items"]
    assert [(r["id"], r["status"], r["case_id"]) for r in out] == [
        (str(transfer.public_id), "accepted", str(personas.case.public_id))
    ]
    assert out[0]["team_candidates"] == []
    assert AuditEvent.objects.filter(action="transfer.accept").count() == 1


def test_the_receiver_declines_with_a_reason_the_sender_sees(personas, client_for, api_as):
    transfer = _pending(personas, client_for)
    officer = api_as(_officer(personas))
    empty = officer.post(f"/transfers/{transfer.public_id}/decline", {"reason": "  "})
    assert empty.status_code == 422 and Transfer.objects.get().status == "pending"
    declined = officer.post(f"/transfers/{transfer.public_id}/decline",
                            {"reason": "Ze komt niet bij ons."})  # fmt: skip
    assert declined.status_code == 200 and declined.json()["status"] == "declined"
    out = api_as(personas.professional).get("/transfers/outgoing").json()["items"]
    assert out[0]["status"] == "declined" and out[0]["decline_reason"] == "Ze komt niet bij ons."


def test_nobody_else_reaches_a_transfer(personas, client_for, api_as):
    transfer = _pending(personas, client_for)
    team = {"team": [str(personas.stranger.public_id)], "role_on_team": "begeleider"}
    for user in (personas.professional, personas.attention_officer, personas.org_admin,
                 personas.stranger, personas.decision_maker):  # fmt: skip
        client = api_as(user)
        accept = client.post(f"/transfers/{transfer.public_id}/accept", team)
        assert accept.status_code == 404, user
        assert client.post(f"/transfers/{transfer.public_id}/decline",
                           {"reason": "Nee."}).status_code == 404  # fmt: skip
    for user in (personas.professional, personas.stranger, personas.decision_maker):
        assert api_as(user).get("/transfers/incoming").status_code == 403
    # the sending organisation's own attention officer has no incoming transfer
    assert api_as(personas.attention_officer).get("/transfers/incoming").json()["count"] == 0
    for user in (personas.stranger, personas.attention_officer):  # not on the sending team
        assert api_as(user).get("/transfers/outgoing").json()["count"] == 0
    assert Transfer.objects.get().status == "pending"


def test_the_counts_say_what_went_after_the_decision(personas, client_for, api_as):
    transfer = _pending(personas, client_for)
    officer = _officer(personas)
    body = {"team": [str(personas.stranger.public_id)], "role_on_team": "begeleider"}
    assert api_as(officer).post(f"/transfers/{transfer.public_id}/accept", body).status_code == 200
    [row] = api_as(officer).get("/transfers/incoming").json()["items"]
    assert row["counts"] == {"signals": 1, "opinions": 0, "diagnoses": 0, "risks": 1}
    [out] = api_as(personas.professional).get("/transfers/outgoing").json()["items"]
    assert out["counts"] == row["counts"]
