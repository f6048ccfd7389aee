"""Every field the service refuses empty says "(verplicht)" on the page, also where the form
leaves the refusal to the service (ui.forms.needed): the keyboard walk found the case form's
name, birth date and role, step 2's question, step 4's description and an attachment's
description and date without it, so a user learnt it only from the refusal."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.signalling.helpers import signal_body

MARK = '<span class="req">(verplicht)</span>'


def _marked(html: str) -> set[str]:
    return {
        m.strip() for m in re.findall(rf"<(?:label|legend)[^>]*>([^<]*) {re.escape(MARK)}", html)
    }


def test_the_case_form_marks_what_opening_a_case_needs(personas, client_for):
    html = client_for(personas.professional).get(reverse("case_new")).content.decode()
    assert {"Naam van de jongere", "Geboortedatum", "Jouw rol bij deze jongere"} <= _marked(html)
    assert "Naam van ouder 1" not in _marked(html)  # not needed: no mark


def test_the_step_forms_mark_the_texts_their_services_need(personas, client_for):
    client = client_for(personas.professional)
    case = personas.case
    client.post(reverse("signal_add", kwargs={"case_id": case.public_id}), signal_body())
    compose = client.get(reverse("advice_compose", kwargs={"case_id": case.public_id}))
    assert "Je vraag aan de adviseur" in _marked(compose.content.decode())
    step4 = client.get(reverse("step4", kwargs={"case_id": case.public_id}))
    assert "Beschrijf het risico concreet (R4.1)" in _marked(step4.content.decode())
    entry = client.get(reverse("signal_entry", kwargs={"case_id": case.public_id, "key": "s1"}))
    assert {"Wat laat het bestand zien?", "Gemaakt of gevonden op"} <= _marked(
        entry.content.decode()
    )
