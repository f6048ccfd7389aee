"""Two people correct the same signal at once: the second is told that the first got there
before them (a conflict), not that the signal does not exist (issue #17 item 9)."""

from __future__ import annotations

import pytest

from deelwijzer.signalling import services
from deelwijzer.signalling.entry_views import SIGNAL
from deelwijzer.signalling.models import Signal
from tests.concurrency import FIRST_TEXT, first_signal_correction, second_while_first_holds
from tests.signalling.helpers import add_signal, url
from tests.signalling.test_corrections import correction


@pytest.mark.django_db(transaction=True)
def test_the_second_of_two_concurrent_corrections_is_shown_as_a_conflict(
    personas, client_for, monkeypatch
):
    # the page calls the service through the module, so that the second can stop at its door
    monkeypatch.setattr(SIGNAL, "correct", lambda **kw: services.signal_correct(**kw))
    client = client_for(personas.professional)
    add_signal(client, personas.case, text="Hij gooide zijn tas tegen de deur.")
    typed = "Hij gooide zijn tas tegen de deur van lokaal 12."
    response = second_while_first_holds(
        first_signal_correction(personas),
        lambda: client.post(url("signal_entry", personas.case, key="s1"), correction(text=typed)),
        entering=(services, "signal_correct"),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    assert "bestaat niet" not in page
    assert typed in page  # what was typed stays in the form
    assert Signal.objects.get(key="s1", is_current=True).text == FIRST_TEXT
