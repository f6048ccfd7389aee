"""#16.12: step 3 offers the 16+ exception (R3.3) only where it can apply, and says why not."""

from __future__ import annotations

from tests.conversations.helpers import case_aged, url


def _page(client, case) -> str:
    return client.get(url("step3", case)).content.decode()


def test_a_15_year_old_gets_no_16_plus_exception_form(personas, client_for):
    case = case_aged(personas, "J-VIJFT", turned_16_days_ago=-30)
    page = _page(client_for(personas.professional), case)
    assert url("step3_guardians_without_consent", case) not in page
    assert 'id="geen-r3-3"' in page and "Nog niet van toepassing" in page
    assert url("step3_guardians_not_involved", case) in page


def test_at_16_the_16_plus_exception_form_is_there(personas, client_for):
    case = case_aged(personas, "J-ZESTN", turned_16_days_ago=0)
    page = _page(client_for(personas.professional), case)
    assert url("step3_guardians_without_consent", case) in page
    assert 'id="geen-r3-3"' not in page
    assert url("step3_guardians_not_involved", case) not in page  # no talk before 16


def _audited(case) -> int:
    from deelwijzer.audit.models import AuditEvent

    return AuditEvent.objects.filter(action="guardians_without_consent.record").count()


def test_the_16_plus_exception_posted_for_a_15_year_old_is_refused_with_the_reason(
    personas, client_for
):
    """A form the page does not offer (an old tab, a crafted post) is not silently dropped:
    422, the reason on the page, nothing saved or audited."""
    from deelwijzer.conversations.models import GuardiansWithoutConsent

    case = case_aged(personas, "J-VIJFB", turned_16_days_ago=-30)
    before = _audited(case)
    answer = client_for(personas.professional).post(
        url("step3_guardians_without_consent", case), {"gw-reason": "Veiligheid van het broertje."}
    )
    assert answer.status_code == 422
    assert "(R3.3) hoort bij een gesprek met de ouders van een jongere van 16" in (
        answer.content.decode()
    )
    assert not GuardiansWithoutConsent.objects.filter(case=case).exists()
    assert _audited(case) == before


def test_the_under_16_exception_posted_at_16_without_an_earlier_talk_is_refused(
    personas, client_for
):
    case = case_aged(personas, "J-ZESTB", turned_16_days_ago=0)
    answer = client_for(personas.professional).post(
        url("step3_guardians_not_involved", case), {"gn-reason": "Zie advies."}
    )
    assert answer.status_code == 422
    assert "(R3.2) hoort bij een gesprek met een jongere onder de 16" in answer.content.decode()
