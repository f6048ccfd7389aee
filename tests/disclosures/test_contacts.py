"""The contacts directory: only the org admin keeps it, every change is audited, and the
directory pages show no case content."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.disclosures.models import Contact
from tests.disclosures.helpers import make_contact, ready_case, share_body, step6_url

NEW = {"kind": "municipality_aoov", "name": "Mevrouw De Boer", "department": "OOV", "phone": "",
       "email": ""}  # fmt: skip


def test_the_org_admin_adds_a_contact_and_it_is_audited(personas, client_for):
    client = client_for(personas.org_admin)
    assert client.post(reverse("contacts"), NEW).status_code == 302
    contact = Contact.objects.get()
    assert (contact.organisation, contact.kind) == (personas.organisation, "municipality_aoov")
    event = AuditEvent.objects.get(action="contact.add")
    assert (event.object_id, event.user_id) == (str(contact.pk), personas.org_admin.pk)


def test_a_contact_without_name_is_refused_by_name(personas, client_for):
    response = client_for(personas.org_admin).post(reverse("contacts"), {**NEW, "name": ""})
    assert response.status_code == 422 and "Naam" in response.content.decode()
    assert not Contact.objects.exists()


def test_editing_and_switching_off_are_audited(personas, client_for):
    contact = make_contact(personas)
    client = client_for(personas.org_admin)
    client.post(reverse("contact_edit", args=[contact.public_id]), {**NEW, "kind": "police"})
    client.post(reverse("contact_active", args=[contact.public_id]), {"active": "0"})
    contact.refresh_from_db()
    assert (contact.name, contact.active) == ("Mevrouw De Boer", False)
    actions = list(
        AuditEvent.objects.filter(object_type="contact").values_list("action", flat=True)
    )
    assert actions == ["contact.update", "contact.set_active"]


def test_a_switched_off_contact_cannot_receive(personas, client_for):
    """Switched off while step 6 was being filled in: said so, by name (the walk: only "kies
    de ontvanger uit de lijst", and the choice was gone)."""
    contact = ready_case(personas)
    contact.active = False
    contact.save()
    response = client_for(personas.professional).post(step6_url(personas), share_body(contact))
    text = response.content.decode()
    assert response.status_code == 422
    assert (
        "Stap 6 (R6.6): Politie: Wijkagent Noord, Basisteam Zwolle is intussen uitgezet door"
        in text
    )


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"name": "\u200b"}, "Hier staan alleen onzichtbare tekens (U+200B)."),
        ({"name": "Test\r\nTweede regel"}, "Dit is één regel: haal de regelovergang weg."),
        ({"phone": "06\n123"}, "Dit is één regel"),
        ({"name": ""}, "Vul de naam van het contact in."),
        ({"email": "politie@@noord"}, "Vul een geldig e-mailadres in, of laat het leeg."),
        ({"kind": ""}, "Kies de soort instantie."),
    ],
)
def test_a_contact_that_is_no_contact_is_refused_saying_why(personas, client_for, change, said):
    """The walk: a name of one zero-width space made an empty row and an empty recipient; the
    form said Django's own words where the service has its own."""
    response = client_for(personas.org_admin).post(reverse("contacts"), {**NEW, **change})
    assert response.status_code == 422
    assert said in unescape(response.content.decode())
    assert not Contact.objects.exists()


def test_a_changed_contact_does_not_change_an_earlier_disclosure(personas, client_for):
    contact = ready_case(personas)
    client_for(personas.professional).post(step6_url(personas), share_body(contact))
    client_for(personas.org_admin).post(reverse("contact_edit", args=[contact.public_id]), NEW)
    html = client_for(personas.professional).get(step6_url(personas, "step6")).content.decode()
    assert "Wijkagent Noord" in html


def test_the_directory_shows_no_case_content(personas, client_for):
    contact = ready_case(personas)
    client_for(personas.professional).post(step6_url(personas), share_body(contact))
    html = client_for(personas.org_admin).get(reverse("contacts")).content.decode()
    assert "Wijkagent Noord" in html
    for content in ("J-TEST", "Yusuf", "x1", "s1"):
        # whole words only: a random CSRF token may contain "s1"
        assert not re.search(rf"(?<![A-Za-z0-9]){content}(?![A-Za-z0-9])", html), content


def test_another_organisations_admin_cannot_touch_the_contact(personas, client_for):
    from tests.personas import make_user

    contact = make_contact(personas)
    other_admin = make_user("anderbeheer", personas.other_organisation, "org_admin")
    client = client_for(other_admin)
    assert client.get(reverse("contact_edit", args=[contact.public_id])).status_code == 404
    client.post(reverse("contact_active", args=[contact.public_id]), {"active": "0"})
    contact.refresh_from_db()
    assert contact.active


def test_other_personas_see_no_step_6(personas, client_for):
    ready_case(personas)
    for who in ("colleague", "attention_officer", "stranger", "org_admin", "auditor"):
        client = client_for(getattr(personas, who))
        assert client.get(step6_url(personas, "step6")).status_code == 404, who
