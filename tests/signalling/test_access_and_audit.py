"""Who may reach step 1, and that every write (and every read of content) is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from deelwijzer.audit.models import AuditEvent
from deelwijzer.signalling.models import NoContraSignalsStatement, Signal
from deelwijzer.signalling.urls import urlpatterns
from tests.signalling.helpers import OBSERVED, add_signal, audit_actions, diagnosis_body, url
from tests.signalling.permissions import url_kwargs

CASE_URL_NAMES = sorted(p.name for p in urlpatterns)


@pytest.mark.parametrize("name", CASE_URL_NAMES)
@pytest.mark.parametrize("who", ["colleague", "attention_officer"])
def test_colleague_off_the_team_and_attention_officer_get_404(personas, client_for, name, who):
    client = client_for(getattr(personas, who))
    target = reverse(name, kwargs=url_kwargs(name, personas))
    assert client.get(target).status_code == 404
    assert client.post(target, {"signal-text": "x", "statement": "make"}).status_code == 404
    assert Signal.objects.count() == 1  # only the fixture's entry
    assert not NoContraSignalsStatement.objects.exists()


def test_attention_officer_never_sees_the_signal_text(personas, client_for):
    add_signal(client_for(personas.professional), personas.case, text="Unieke zin 4711.")
    client = client_for(personas.attention_officer)
    for name in CASE_URL_NAMES:
        kwargs = url_kwargs(name, personas)
        assert "Unieke zin 4711" not in client.get(reverse(name, kwargs=kwargs)).text


def test_every_write_leaves_its_audit_row(personas, client_for):
    client = client_for(personas.professional)
    case = personas.case
    before = AuditEvent.objects.count()
    add_signal(client, case)
    add_signal(client, case, kind="contra_signal", text="Hij helpt elke week bij de voedselbank.")
    client.post(url("no_contra_signals", case), {"statement": "make"})  # refused: contra exists
    opinion = {"opinion-text": "Wellicht thuis.", "opinion-about": "s1"}
    client.post(url("opinion_add", case), opinion)
    client.post(url("diagnosis_add", case), diagnosis_body())
    correction = {"text": "Wellicht thuis of school.", "about": ["s1"], "correction_note": "x"}
    client.post(url("opinion_entry", case, key="o1"), {**correction, "expected_version": "1"})
    follow = {"status": "confirmed", "date": OBSERVED, "text": "Zie", "expected_version": 2}
    client.post(url("opinion_follow_up", case, key="o1"), follow)
    diag = {k.split("-", 1)[1]: v for k, v in diagnosis_body().items()}
    client.post(
        url("diagnosis_entry", case, key="d1"),
        {**diag, "correction_note": "spelling", "expected_version": "1"},
    )
    writes = [
        a
        for a in audit_actions(case)
        if not a.endswith(".view") and a not in {"case.view", "case.open"}
    ]
    assert writes == [
        "signal.add",
        "signal.add",
        "opinion.add",
        "diagnosis.add",
        "opinion.correct",
        "opinion.status",
        "opinion.follow_up",
        "diagnosis.correct",
    ]
    events = AuditEvent.objects.filter(pk__gt=before, action__in=writes)
    assert {e.user_id for e in events} == {personas.professional.pk}
    assert {e.role for e in events} == {"team"}


def test_statement_made_and_withdrawn_is_audited_and_shown(personas, client_for):
    client = client_for(personas.professional)
    case = personas.case
    add_signal(client, case)
    response = client.post(url("no_contra_signals", case), {"statement": "make"})
    assert response.status_code == 302
    page = client.get(url("step1", case)).text
    assert "verklaarde op" in page and personas.professional.display_name() in page
    client.post(url("no_contra_signals", case), {"statement": "withdraw"})
    statement = NoContraSignalsStatement.objects.get()
    assert statement.withdrawn_at is not None and statement.withdrawn_by == personas.professional
    page = client.get(url("step1", case)).text
    assert "ingetrokken door" in page
    actions = audit_actions(case)
    assert actions.index("no_contra_signals.state") < actions.index("no_contra_signals.withdraw")


def test_statement_refused_twice_and_when_a_contra_signal_exists(personas, client_for):
    client = client_for(personas.professional)
    case = personas.case
    client.post(url("no_contra_signals", case), {"statement": "make"})
    response = client.post(url("no_contra_signals", case), {"statement": "make"}, follow=True)
    assert "Je hebt al verklaard" in response.text
    client.post(url("no_contra_signals", case), {"statement": "withdraw"})
    add_signal(client, case, kind="contra_signal")
    response = client.post(url("no_contra_signals", case), {"statement": "make"}, follow=True)
    assert "Stap 1 (R1.5): er staat al een contrasignaal" in response.text
    assert NoContraSignalsStatement.objects.filter(withdrawn_at__isnull=True).count() == 0


def test_reading_an_entry_page_is_audited(personas, client_for):
    client = client_for(personas.professional)
    add_signal(client, personas.case)
    client.get(url("signal_entry", personas.case, key="s1"))
    event = AuditEvent.objects.filter(action="signal.view").get()
    assert (event.object_id, event.case_id) == ("s1", personas.case.pk)
    client.get(url("step1", personas.case))
    assert audit_actions(personas.case)[-1] == "case.view"


def test_decision_maker_involved_may_read_but_not_write(personas, client_for):
    from django.utils import timezone

    add_signal(client_for(personas.professional), personas.case)
    personas.case.decision_maker_involved_at = timezone.now()
    personas.case.save()
    client = client_for(personas.decision_maker)
    page = client.get(url("step1", personas.case))
    assert page.status_code == 200
    assert 'action="' + url("signal_add", personas.case) not in page.text
    assert add_signal(client, personas.case).status_code == 404
    assert Signal.objects.count() == 1
