"""The organisation's signal list (R1.6): the org admin keeps it; professionals tag with it."""

from __future__ import annotations

from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.signalling.models import Signal, SignalListItem
from tests.signalling.helpers import signal_body, url


def test_org_admin_adds_a_label_audited(personas, client_for):
    client = client_for(personas.org_admin)
    response = client.post(reverse("signal_list"), {"label": "  Uitspraken   over geweld "})
    assert response.status_code == 302
    item = SignalListItem.objects.get()
    assert (item.label, item.organisation) == ("Uitspraken over geweld", personas.organisation)
    event = AuditEvent.objects.get(action="signal_list.add")
    assert (event.user_id, event.organisation_id, event.case_id) == (
        personas.org_admin.pk,
        personas.organisation.pk,
        None,
    )
    assert "Uitspraken over geweld" in client.get(reverse("signal_list")).text


def test_duplicate_and_empty_labels_are_refused(personas, client_for):
    client = client_for(personas.org_admin)
    client.post(reverse("signal_list"), {"label": "Uitspraken"})
    response = client.post(reverse("signal_list"), {"label": "uitspraken"})
    assert "Dit label staat al op de lijst." in response.text
    response = client.post(reverse("signal_list"), {"label": "   "})
    assert "Vul een label in" in response.text
    assert SignalListItem.objects.count() == 1


def test_switching_a_label_off_is_audited_and_hides_it_from_new_signals(personas, client_for):
    admin = client_for(personas.org_admin)
    admin.post(reverse("signal_list"), {"label": "Uitspraken"})
    item = SignalListItem.objects.get()
    prof = client_for(personas.professional)
    body = {**signal_body(), "signal-tags": ["Uitspraken"]}
    assert prof.post(url("signal_add", personas.case), body).status_code == 302
    assert Signal.objects.get().tags == ["Uitspraken"]
    admin = client_for(personas.org_admin)
    response = admin.post(
        reverse("signal_list_item", kwargs={"item_id": item.public_id}), {"active": "0"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.get(action="signal_list.set_active").detail["active"] == [True, False]
    prof = client_for(personas.professional)
    assert prof.post(url("signal_add", personas.case), body).status_code == 422  # refused now
    assert Signal.objects.count() == 1
    page = prof.get(url("step1", personas.case)).text
    assert 'value="Uitspraken"' not in page  # not offered for a new signal
    assert "Uitspraken" in page  # still shown on the signal that has it


def test_page_never_shows_case_content(personas, client_for):
    prof = client_for(personas.professional)
    prof.post(url("signal_add", personas.case), signal_body(text="Geheime zin 0815."))
    page = client_for(personas.org_admin).get(reverse("signal_list")).text
    assert "Geheime zin" not in page and personas.case.pseudonym not in page


def test_other_organisations_label_cannot_be_switched(personas, client_for):
    foreign = SignalListItem.objects.create(organisation=personas.other_organisation, label="X")
    client = client_for(personas.org_admin)
    response = client.post(
        reverse("signal_list_item", kwargs={"item_id": foreign.public_id}),
        {"active": "0"},
        follow=True,
    )
    assert "bestaat niet" in response.text
    foreign.refresh_from_db()
    assert foreign.active is True
    assert not AuditEvent.objects.filter(action="signal_list.set_active").exists()


def test_only_the_org_admin(personas, client_for):
    for user in (personas.professional, personas.auditor, personas.attention_officer):
        client = client_for(user)
        assert client.get(reverse("signal_list")).status_code == 403
        assert client.post(reverse("signal_list"), {"label": "X"}).status_code == 403
    assert not SignalListItem.objects.exists()
