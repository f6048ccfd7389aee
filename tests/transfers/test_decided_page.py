"""The transfer page before and after the decision (issue #20.2): it says what goes, what
came along (accepted) or what was offered (declined), with singular and plural counts, and
after accepting links to the new case for those who may open it."""

from __future__ import annotations

import re

from django.urls import reverse

from deelwijzer.organisations.models import Role
from deelwijzer.transfers.models import Transfer
from tests.conftest import make_user
from tests.transfers.test_transfer import decide

# s1 and r1 go (tests.transfers.test_transfer.body)
WHAT = "1 signaal of contrasignaal, 0 meningen, 0 diagnoses, 1 veiligheidsrisico"


def page(client, transfer: Transfer) -> str:
    url = reverse("transfer_decide", kwargs={"transfer_id": transfer.public_id})
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def accept(client, transfer: Transfer, member) -> None:
    body = {"action": "accept", "accept-team": [str(member.public_id)],
            "accept-role_on_team": "begeleider"}  # fmt: skip
    assert decide(client, transfer, body).status_code == 302


def test_pending_the_page_counts_in_singular_and_plural(personas, pending, client_for):
    officer = make_user("aandacht-noord", personas.other_organisation, Role.ATTENTION_OFFICER)
    shown = page(client_for(officer), pending)
    assert f"Wat er meegaat</dt> <dd>{WHAT}</dd>" in shown
    assert "1 signalen" not in shown


def test_accepted_the_page_says_what_came_along_and_the_officer_is_told_where_it_is(
    personas, pending, client_for
):
    officer = client_for(
        make_user("aandacht-noord", personas.other_organisation, Role.ATTENTION_OFFICER)
    )
    accept(officer, pending, personas.stranger)
    shown = page(officer, pending)
    assert f"Wat er meekwam</dt> <dd>{WHAT}</dd>" in shown
    new_case = reverse("case_detail", kwargs={"case_id": Transfer.objects.get().new_case.public_id})
    assert new_case not in shown  # not on the team: no link that would end in a refusal
    assert "Alleen het team dat bij het aanvaarden is gekozen kan de casus openen" in shown


def test_accepted_who_chose_themselves_gets_a_link_to_the_new_case(personas, pending, client_for):
    both = make_user(
        "aandacht-en-hulp", personas.other_organisation, Role.ATTENTION_OFFICER, Role.PROFESSIONAL
    )
    client = client_for(both)
    accept(client, pending, both)
    new = Transfer.objects.get().new_case
    shown = page(client, pending)
    assert f'href="{reverse("case_detail", kwargs={"case_id": new.public_id})}"' in shown
    assert client.get(reverse("case_detail", kwargs={"case_id": new.public_id})).status_code == 200


def test_declined_the_page_says_what_was_offered(personas, pending, client_for):
    officer = client_for(
        make_user("aandacht-noord", personas.other_organisation, Role.ATTENTION_OFFICER)
    )
    body = {"action": "decline", "decline-reason": "De jongere komt niet."}
    assert decide(officer, pending, body).status_code == 302
    assert f"Wat er werd aangeboden</dt> <dd>{WHAT}</dd>" in page(officer, pending)
