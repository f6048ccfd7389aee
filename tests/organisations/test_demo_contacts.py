"""The demo organisation has the usual chain partners as contacts, so step 6 can be tried
without setting anything up first (issue #16.1)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.devdata.demo import DEMO_CONTACTS, demo_load
from deelwijzer.disclosures.models import Contact

CHAIN = {"police", "municipality_aoov", "veiligheidshuis", "other"}


def test_the_demo_has_the_four_chain_partners_as_contacts(db, client_for):
    organisation, _created = demo_load()
    contacts = Contact.objects.filter(organisation=organisation, active=True)
    assert {c.kind for c in contacts} == CHAIN and contacts.count() == 4
    assert any("jeugd" in c.name.lower() for c in contacts if c.kind == "other")
    assert all(c.email.endswith("@demo.invalid") for c in contacts)  # fictional
    assert AuditEvent.objects.filter(action="contact.add").count() == 4  # through the service
    admin = get_user_model().objects.get(username="beheer")
    html = client_for(admin).get(reverse("contacts")).content.decode()
    for _kind, name, *_rest in DEMO_CONTACTS:
        assert name in html


def test_loading_the_demo_twice_adds_no_second_set(db):
    demo_load()
    demo_load()
    assert Contact.objects.count() == 4
