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
