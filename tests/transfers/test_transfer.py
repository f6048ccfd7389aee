"""Handing a case over to another organisation in one installation (issue #20.2), through the
real pages: refused without a lawful ground; the chosen entries and identity go, nothing else;
the receiving organisation's attention officer accepts (a new case with the chosen team, marked
as transferred) or declines with a reason; both sides see the status; both audit trails hold
every step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from deelwijzer.organisations.models import Role
from deelwijzer.risks.models import Risk
from deelwijzer.signalling.models import Opinion, Signal
from deelwijzer.transfers.models import Transfer
from tests.conftest import make_user
from tests.disclosures.helpers import (
    OPINION,
    RISK,
    TICKED_SIGNAL,
    UNTICKED_SIGNAL,
    make_entries,
    sign_off_decision,
)

PURPOSE = "De jongere verhuist; het nieuwe team moet weten welk risico er speelt."


@pytest.fixture
def team(personas, client_for):
    return client_for(personas.professional)


@pytest.fixture
def officer(personas):
    """The receiving organisation's attention officer."""
    return make_user("aandacht-noord", personas.other_organisation, Role.ATTENTION_OFFICER)


def body(**overrides) -> dict:
    values = {
        "to_organisation": "Jeugdhulp Noord",
        "items": ["s1", "r1"],
        "identity": ["name"],
        "purpose": PURPOSE,
    }
    values.update(overrides)
    return values


def prepare(personas, team, **overrides):
    url = reverse("transfer_new", kwargs={"case_id": personas.case.public_id})
    return team.post(url, body(**overrides))


def decide(client, transfer: Transfer, data: dict):
    url = reverse("transfer_decide", kwargs={"transfer_id": transfer.public_id})
    return client.post(url, data)


def accept_for(personas) -> dict:
    """Accept, with the other organisation's professional as the team."""
    return {
        "action": "accept",
        "accept-team": [str(personas.stranger.public_id)],
        "accept-role_on_team": "ambulant hulpverlener",
    }


def actions(organisation) -> list[str]:
    rows = AuditEvent.objects.filter(organisation_id=organisation.pk, action__startswith="transfer")
    return list(rows.order_by("id").values_list("action", flat=True))


def test_a_transfer_without_a_lawful_ground_is_refused(personas, team):
    make_entries(personas)
    response = prepare(personas, team)
    assert response.status_code == 422 and "R6.7" in response.content.decode()
    assert PURPOSE in response.content.decode()  # what was typed stays
    assert not Transfer.objects.exists() and not actions(personas.organisation)


def test_accepted_the_chosen_entries_open_a_case_there_and_nothing_else(
    personas, team, officer, client_for
):
    make_entries(personas)
    sign_off_decision(personas)
    assert prepare(personas, team).status_code == 302
    transfer = Transfer.objects.get()
    assert transfer.status == "pending" and transfer.to_organisation == personas.other_organisation

    receiving = client_for(officer)
    listed = receiving.get(reverse("transfer_incoming")).content.decode()
    assert "Het Baken" in listed and "Yusuf" not in listed
    page = receiving.get(reverse("transfer_decide", kwargs={"transfer_id": transfer.public_id}))
    assert TICKED_SIGNAL not in page.content.decode()  # no content before accepting
    accepted = decide(receiving, transfer, accept_for(personas))
    assert accepted.status_code == 302
    transfer.refresh_from_db()
    new = transfer.new_case
    assert new.organisation == personas.other_organisation and transfer.status == "accepted"
    # a pseudonym of its own: the sender's may be taken there, and would link the two records
    assert new.pseudonym != personas.case.pseudonym and new.pseudonym.startswith("J-")
    assert list(Signal.objects.filter(case=new).values_list("text", flat=True)) == [TICKED_SIGNAL]
    assert list(Risk.objects.filter(case=new).values_list("description", flat=True)) == [RISK]
    assert not Opinion.objects.filter(case=new).exists()  # o1 was not chosen
    assert UNTICKED_SIGNAL not in str(list(Signal.objects.filter(case=new).values("text")))
    assert new.youth.name == "Yusuf Bakker" and new.youth.identifiers == []  # only the name
    assert not new.guardians.exists()  # not ticked: not sent
    assert list(new.team.values_list("user_id", flat=True)) == [personas.stranger.pk]
    assert not new.team.filter(user=officer).exists()

    # the new team sees where it came from; the sender sees "aanvaard"; the sending case stays
    case_page = client_for(personas.stranger).get(
        reverse("case_detail", kwargs={"case_id": new.public_id})
    )
    assert "overgedragen door Het Baken" in case_page.content.decode()
    sender = client_for(personas.professional).get(
        reverse("transfer_new", kwargs={"case_id": personas.case.public_id})
    )
    assert "aanvaard" in sender.content.decode()
    assert Case.objects.filter(pk=personas.case.pk, status="open").exists()
    # the sending side keeps a trace: its case page and its dossier (the walk: neither did)
    mine = client_for(personas.professional)
    at = {"case_id": personas.case.public_id}
    page = mine.get(reverse("case_detail", kwargs=at)).content.decode()
    assert "Overdrachten aan een andere organisatie" in page
    assert "Naar Jeugdhulp Noord, klaargezet op " in page and "aanvaard op " in page
    assert "aanvaard door Jeugdhulp Noord en staat daar nu" in page  # said first, in "Wat nu"
    dossier = mine.get(reverse("dossier", kwargs=at)).content.decode()
    assert "Overdracht aan Jeugdhulp Noord klaargezet" in dossier
    assert (
        "Gaat mee: s1, r1; pseudoniem, naam, geboortedatum. Besluit" in dossier
        and PURPOSE in dossier
    )
    assert "Overdracht aan Jeugdhulp Noord aanvaard" in dossier
    assert actions(personas.organisation) == ["transfer.prepare", "transfer.accepted"]
    assert actions(personas.other_organisation) == ["transfer.incoming", "transfer.accept"]
    assert AuditEvent.objects.filter(action="case.import", case_id=new.pk).exists()
    assert transfer.casefile == {} and transfer.imported_keys  # what went now lives in the case
    # and the privacy officer's register, beside the disclosures: keys, no content
    register = client_for(personas.auditor).get(reverse("transfer_register")).content.decode()
    for expected in ("J-TEST", "Jeugdhulp Noord", "s1, r1", "pseudoniem, naam, geboortedatum",
                     "toestemming van de jongere (R5.1)", "aanvaard op "):  # fmt: skip
        assert expected in register, expected
    for content in (TICKED_SIGNAL, PURPOSE, "Yusuf"):
        assert content not in register
    assert AuditEvent.objects.filter(action="transfer.register_view").exists()
    listed = client_for(personas.auditor).get(reverse("disclosure_register")).content.decode()
    assert reverse("transfer_register") in listed


def test_declined_with_a_reason_the_sender_sees_it(personas, team, officer, client_for):
    make_entries(personas)
    sign_off_decision(personas)
    prepare(personas, team)
    transfer = Transfer.objects.get()
    receiving = client_for(officer)
    empty = decide(receiving, transfer, {"action": "decline", "decline-reason": " "})
    assert empty.status_code == 422 and "Schrijf waarom" in empty.content.decode()
    done = decide(
        receiving, transfer, {"action": "decline", "decline-reason": "De jongere komt niet."}
    )
    assert done.status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == "declined" and transfer.new_case is None
    assert transfer.casefile == {}  # nothing of the case stays with the receiver
    assert (
        "Je hebt de overdracht afgewezen; Het Baken ziet je reden."
        in receiving.get(done["Location"]).content.decode()
    )
    # a page opened before the decision (a second tab, a colleague): said, not swallowed
    again = decide(receiving, transfer, accept_for(personas))
    assert again.status_code == 302
    said = receiving.get(again["Location"]).content.decode()
    assert f"{officer.display_name()} heeft deze overdracht intussen afgewezen, op " in said
    assert "Jouw keuze is niet uitgevoerd." in said
    assert Transfer.objects.get().status == "declined"
    sender = (
        client_for(personas.professional)
        .get(reverse("transfer_new", kwargs={"case_id": personas.case.public_id}))
        .content.decode()
    )
    assert "afgewezen" in sender and "De jongere komt niet." in sender
    dossier = (
        client_for(personas.professional)
        .get(reverse("dossier", kwargs={"case_id": personas.case.public_id}))
        .content.decode()
    )
    assert "Overdracht aan Jeugdhulp Noord afgewezen" in dossier
    assert "De jongere komt niet." in dossier
    assert actions(personas.other_organisation) == ["transfer.incoming", "transfer.decline"]
    assert actions(personas.organisation) == ["transfer.prepare", "transfer.declined"]


def test_identity_found_in_the_texts_goes_only_when_declared(personas, team):
    make_entries(personas)
    sign_off_decision(personas)
    refused = prepare(personas, team, items=["s2"])  # s2 names a town
    assert refused.status_code == 422 and "R6.3" in refused.content.decode()
    assert not Transfer.objects.exists()
    assert prepare(personas, team, items=["s2"], found_identity="declare").status_code == 302


def test_only_the_receiving_organisation_decides(personas, team, client_for, officer):
    make_entries(personas)
    sign_off_decision(personas)
    prepare(personas, team)
    transfer = Transfer.objects.get()
    url = reverse("transfer_decide", kwargs={"transfer_id": transfer.public_id})
    for user in (personas.attention_officer, personas.org_admin, personas.stranger):
        assert client_for(user).get(url).status_code == 404
    assert client_for(personas.stranger).get(reverse("transfer_incoming")).status_code == 403


def test_an_opinion_without_its_signal_goes_without_the_reference(personas, team):
    make_entries(personas)
    sign_off_decision(personas)
    assert prepare(personas, team, items=["o1"]).status_code == 302
    sent = Transfer.objects.get().casefile
    assert [o["text"] for o in sent["opinions"]] == [OPINION]
    assert sent["opinions"][0]["about"] == [] and sent["signals"] == []


def test_without_the_name_a_transfer_is_refused_explained(personas, team):
    """The receiving organisation opens a case about the young person: that needs the name."""
    make_entries(personas)
    sign_off_decision(personas)
    response = prepare(personas, team, identity=[])
    assert response.status_code == 422 and "vink de naam aan" in response.content.decode()
    assert not Transfer.objects.exists()


def test_each_transferred_entry_is_marked_with_its_origin_and_date(
    personas, team, officer, client_for
):
    """Issue #20.2: entries that came in are marked one by one (step pages, dossier page and
    PDF); entries recorded here afterwards are not; the case file carries no origin (CASEFILE.md
    has no field for it)."""
    import json

    from django.utils import timezone

    from deelwijzer.dates import nl_date
    from tests.disclosures.test_share import pdf_text

    make_entries(personas)
    sign_off_decision(personas)
    assert prepare(personas, team).status_code == 302
    transfer = Transfer.objects.get()
    decide(client_for(officer), transfer, accept_for(personas))
    transfer.refresh_from_db()
    new = transfer.new_case
    Signal.objects.create(
        case=new, key="s2", recorded_by=personas.stranger, kind="signal",
        observed_on=timezone.localdate(), text="Hier zelf gezien op de nieuwe school.",
        source_kind="own_observation",
    )  # fmt: skip
    there = client_for(personas.stranger)
    kwargs = {"case_id": new.public_id}
    mark = f"Overgedragen door Het Baken op {nl_date(transfer.decided_at)}"

    step1 = there.get(reverse("step1", kwargs=kwargs)).content.decode()
    s1, s2 = step1.split('id="s1"')[1].split("</article>")[0], step1.split('id="s2"')[1]
    assert mark in s1 and "Overgedragen" not in s2.split("</article>")[0]
    assert mark in there.get(reverse("step4", kwargs=kwargs)).content.decode()

    dossier = there.get(reverse("dossier", kwargs=kwargs)).content.decode()
    origin = f"Ingelezen: overgedragen door Het Baken op {nl_date(transfer.decided_at)}."
    assert dossier.count(origin) == 2  # s1 and r1, not the s2 recorded here
    pdf = there.get(reverse("dossier_pdf", kwargs=kwargs))
    assert "overgedragen door Het Baken" in " ".join(pdf_text(pdf.content).split())

    exported = there.get(reverse("dossier_casefile", kwargs=kwargs))
    assert exported.status_code == 200 and "Het Baken" not in exported.content.decode()
    assert json.loads(exported.content)["signals"][0]["id"] == "s1"


def test_a_case_goes_to_an_organisation_once_unless_declined(personas, team, officer, client_for):
    """Twice the same transfer made two rows the receiver could not tell apart; accepting the
    second was refused for its pseudonym (the walk)."""
    make_entries(personas)
    sign_off_decision(personas)
    assert prepare(personas, team).status_code == 302
    twice = prepare(personas, team)
    assert twice.status_code == 422
    assert "Deze casus staat al klaar voor Jeugdhulp Noord (sinds " in twice.content.decode()
    assert PURPOSE in twice.content.decode()
    first = Transfer.objects.get()
    receiving = client_for(officer)
    decide(receiving, first, {"action": "decline", "decline-reason": "Verkeerde locatie."})
    team = client_for(personas.professional)  # one test client: signed in as each in turn
    assert prepare(personas, team).status_code == 302  # declined: it may go again
    second = Transfer.objects.get(status="pending")
    decide(client_for(officer), second, accept_for(personas))
    after = prepare(personas, client_for(personas.professional))
    assert after.status_code == 422
    assert (
        "Deze casus is al overgedragen aan Jeugdhulp Noord (aanvaard op " in after.content.decode()
    )
    assert Transfer.objects.count() == 2


def test_the_subject_access_export_names_the_organisation_that_accepted_it(
    personas, team, officer, client_for
):
    """Inzage: whoever received the young person's data is named, a transfer too."""
    from tests.documents.test_subject_access import _sections, _text

    make_entries(personas)
    sign_off_decision(personas)
    prepare(personas, team)
    transfer = Transfer.objects.get()
    url = reverse("dossier_subject_access", kwargs={"case_id": personas.case.public_id})
    _dossier, register, _accesses = _sections(
        _text(client_for(personas.professional).get(url).content)
    )
    assert "Jeugdhulp Noord" not in register  # waiting: nothing went yet
    decide(client_for(officer), transfer, accept_for(personas))
    _dossier, register, _accesses = _sections(
        _text(client_for(personas.professional).get(url).content)
    )
    assert "overdracht Jeugdhulp Noord" in register and "s1, r1, naam, geboortedatum" in register


def test_a_pseudonym_taken_at_the_receiver_does_not_stop_the_accept(
    personas, team, officer, client_for
):
    """The receiver's case gets a pseudonym of its own: accepting was refused with a JSON path
    and a pseudonym field nobody could change (the walk)."""
    from tests.conftest import open_case

    open_case(personas.stranger, personas.other_organisation, personas.case.pseudonym)
    make_entries(personas)
    sign_off_decision(personas)
    prepare(personas, team)
    transfer = Transfer.objects.get()
    assert decide(client_for(officer), transfer, accept_for(personas)).status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == "accepted" and transfer.new_case.pseudonym != personas.case.pseudonym


def test_the_sending_team_finds_the_answer_on_its_home_page(personas, team, officer, client_for):
    """The walk: after a decline or an acceptance, nothing on the mentor's home page."""
    from tests.notifications.test_waiting import home, menu_count

    make_entries(personas)
    sign_off_decision(personas)
    prepare(personas, team)
    before = menu_count(home(client_for(personas.professional)), "Mijn casussen") or 0
    declined = {"action": "decline", "decline-reason": "Komt niet."}
    decide(client_for(officer), Transfer.objects.get(), declined)
    page = home(client_for(personas.professional))
    assert "Overdracht afgewezen door Jeugdhulp Noord: lees hun reden" in page
    assert reverse("transfer_new", kwargs={"case_id": personas.case.public_id}) in page
    assert menu_count(page, "Mijn casussen") == before + 1
    assert "Komt niet." not in page  # the reason stays behind the link


def test_accepted_the_senders_case_page_says_first_that_the_case_is_there_now(
    personas, team, officer, client_for
):
    """A walk: after the other organisation accepted, the sender's "Wat nu" still sent them on
    to the next step of the werkwijze, as if nothing had happened (the engine knows no
    transfers); it now says where the case is and offers to close it, and the next step only
    for a team that goes on working on it. Once closed, no "Wat nu"."""
    make_entries(personas)
    sign_off_decision(personas)
    assert prepare(personas, team).status_code == 302
    transfer = Transfer.objects.get()
    at = {"case_id": personas.case.public_id}
    before = team.get(reverse("case_detail", kwargs=at)).content.decode()
    assert "staat daar nu" not in before.split('class="next-step"')[1].split("</p>")[0]

    assert decide(client_for(officer), transfer, accept_for(personas)).status_code == 302
    team = client_for(personas.professional)  # signed in again (client_for shares one client)
    page = team.get(reverse("case_detail", kwargs=at)).content.decode()
    what_now = page.split('class="next-step"')[1].split("</p>")[0]
    assert "aanvaard door Jeugdhulp Noord en staat daar nu" in what_now
    assert 'href="#sluiten"' in what_now and "Werken jullie er zelf aan verder" in what_now
    # first, before the card of the transfers, which no longer says the same again (a walk:
    # the card stood first and pushed "Wat nu" off a phone's first screen)
    assert page.index('class="next-step"') < page.index("Overdrachten aan een andere organisatie")
    assert page.count("staat daar nu") == 1

    closed = team.post(
        reverse("case_close", kwargs=at),
        {"reason": "Overgedragen aan Jeugdhulp Noord.", "confirm": "on"},
    )
    assert closed.status_code == 302
    assert 'class="next-step"' not in team.get(reverse("case_detail", kwargs=at)).content.decode()
