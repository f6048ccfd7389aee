"""#16.12: once a contra-signal is recorded, step 1 no longer offers the statement that none
are known (R1.5), and says why."""

from __future__ import annotations

from tests.signalling.helpers import add_signal, url

BUTTON = "Verklaren: geen contrasignalen bekend"


def test_the_statement_button_is_gone_after_a_contra_signal(personas, client_for):
    client = client_for(personas.professional)
    case = personas.case
    add_signal(client, case)
    assert BUTTON in client.get(url("step1", case)).text
    assert add_signal(client, case, kind="contra_signal", text="Hij helpt elke week in de buurt.")
    page = client.get(url("step1", case)).text
    assert BUTTON not in page
    assert "Er staat een contrasignaal in deze casus" in page and "R1.5" in page


def test_a_statement_overtaken_by_a_contra_signal_can_only_be_withdrawn(personas, client_for):
    client = client_for(personas.professional)
    case = personas.case
    add_signal(client, case)
    assert client.post(url("no_contra_signals", case), {"statement": "make"}).status_code == 302
    add_signal(client, case, kind="contra_signal", text="Hij helpt elke week in de buurt.")
    page = client.get(url("step1", case)).text
    assert "deze verklaring klopt niet meer" in page
    assert "Verklaring intrekken" in page and BUTTON not in page


def test_the_message_after_adding_names_what_was_added(personas, client_for):
    """The keyboard walk: a contra-signal was reported as "Het signaal is vastgelegd."."""
    client = client_for(personas.professional)
    signal = add_signal(client, personas.case)
    assert "Het signaal is vastgelegd." in client.get(signal["Location"]).content.decode()
    text = "Hij helpt in de mentorles."
    contra = add_signal(client, personas.case, kind="contra_signal", text=text)
    page = client.get(contra["Location"]).content.decode()
    assert "Het contrasignaal is vastgelegd." in page and "Het signaal is vastgelegd." not in page
