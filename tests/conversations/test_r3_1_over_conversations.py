"""#16.2: through the real views, an incomplete first conversation completed by a second one
settles R3.1: step 3 reads "klaar" and the case page no longer sends you back to step 3."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from tests.conversations.helpers import case_aged, conversation_post, url


def test_a_second_conversation_completes_r3_1(personas, client_for):
    case = case_aged(personas, "J-TWEE", turned_16_days_ago=200)  # 16+: no R3.2 in the way
    client = client_for(personas.professional)
    first = conversation_post(
        case, personas.professional,
        held_on=(timezone.localdate() - timedelta(days=14)).isoformat(),
        reaction_asked=None, next_steps_after_reaction=None,
    )  # fmt: skip
    assert client.post(url("step3_conversation_new", case), first).status_code == 302
    step3 = client.get(url("case_detail", case)).context["steps"][2]
    assert step3.status == "incomplete" and [f.rule for f in step3.findings] == ["R3.1"]
    assert "neem het mee in een volgend gesprek" in step3.findings[0].message
    second = conversation_post(case, personas.professional)
    assert client.post(url("step3_conversation_new", case), second).status_code == 302
    detail = client.get(url("case_detail", case))
    step3 = detail.context["steps"][2]
    assert (step3.status, step3.status_label, step3.findings) == ("complete", "klaar", [])
    # ("Wat nu" follows from the statuses: with steps 1-2 open here it points at step 1 either
    # way, so the status above is what guards the defect.)
    page = client.get(url("step3", case)).content.decode()
    assert 'class="finding missing"><strong>R3.1' not in page
