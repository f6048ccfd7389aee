"""The receiving organisation's decision forms (issue #20.2): the team and its role are
required and named together when missing; what was chosen stays after a refusal; garbage is
refused, never a 500; without any professional to form a team the page says what to do."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from deelwijzer.organisations.models import Membership, Role
from deelwijzer.transfers import services
from deelwijzer.transfers.forms import AcceptForm, DeclineForm
from deelwijzer.transfers.models import Transfer
from tests.conftest import make_user
from tests.transfers.test_transfer import decide


@pytest.fixture
def officer(personas, client_for):
    user = make_user("aandacht-noord", personas.other_organisation, Role.ATTENTION_OFFICER)
    return client_for(user)


def shown(response) -> str:
    return re.sub(r"\s+", " ", unescape(response.content.decode()))


def test_accept_posted_empty_names_the_team_and_the_role_at_once(pending, officer):
    response = decide(officer, pending, {"action": "accept", "accept-role_on_team": ""})
    assert response.status_code == 422
    page = shown(response)
    assert str(services.TEAM_NEEDED) in page and str(services.ROLE_NEEDED) in page
    assert "Dit veld is verplicht" not in page
    assert Transfer.objects.get().status == "pending"


def test_the_chosen_team_stays_after_a_refusal(personas, pending, officer):
    member = str(personas.stranger.public_id)
    body = {"action": "accept", "accept-team": [member], "accept-role_on_team": " "}
    response = decide(officer, pending, body)
    assert response.status_code == 422
    page = response.content.decode()
    assert re.search(rf'<input [^>]*value="{member}"[^>]*checked', page)
    assert str(services.ROLE_NEEDED) in unescape(page)


def test_the_typed_role_stays_after_a_refusal(pending, officer):
    body = {"action": "accept", "accept-role_on_team": "ambulant hulpverlener"}
    assert "ambulant hulpverlener" in decide(officer, pending, body).content.decode()


@pytest.mark.parametrize(
    "body",
    [
        {"action": "accept", "accept-team": ["niet-een-id", "<script>"],
         "accept-role_on_team": "x" * 500},
        {"action": "afwijzen?", "decline-reason": "Toch niet."},
        {"action": "decline", "decline-reason": "   "},
    ],
)  # fmt: skip
def test_garbage_is_refused_explained(pending, officer, body):
    response = decide(officer, pending, body)
    assert response.status_code == 422
    assert Transfer.objects.get().status == "pending"


def test_required_choices_are_required_and_marked(pending, officer):
    accept, decline = AcceptForm(professionals=[]), DeclineForm()
    assert accept.fields["team"].required and accept.fields["role_on_team"].required
    assert decline.fields["reason"].required
    url = reverse("transfer_decide", kwargs={"transfer_id": pending.public_id})
    page = officer.get(url).content.decode()
    for label in ("Rol in het team", "Waarom wijs je de overdracht af?"):
        assert f'{label} <span class="req">(verplicht)</span>' in page, label


def test_without_professionals_the_page_says_what_to_do(personas, pending, officer):
    Membership.objects.filter(
        organisation=personas.other_organisation, role=Role.PROFESSIONAL
    ).update(active=False)
    url = reverse("transfer_decide", kwargs={"transfer_id": pending.public_id})
    page = shown(officer.get(url))
    assert "Je organisatie heeft nog geen beroepskracht in Deelwijzer" in page
