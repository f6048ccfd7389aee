"""A refused form answers 422 and keeps the input; a form refused because someone changed the
same thing meanwhile answers 409; HTMX posts and accepted posts keep their status
(ui/refusals.py, issue #16 "every form answers bad input with 4xx and keeps the input")."""

from __future__ import annotations

from django.urls import reverse

from deelwijzer.api.models import ApiToken
from deelwijzer.cases.models import Case
from tests.cases.test_open_case import form_data


def test_a_refused_form_answers_422_with_the_summary_and_the_input_kept(personas, client_for):
    body = form_data(birth_date="2091-01-01")  # in the future
    before = Case.objects.count()
    answer = client_for(personas.professional).post(reverse("case_new"), body)
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "data-error-summary" in html
    assert body["name"] in html  # what was typed is still in the form
    assert ">Geboortedatum: " in html  # a label that is no sentence: a colon before the error
    assert Case.objects.count() == before


def test_an_htmx_post_keeps_200_so_that_htmx_swaps_it(personas, client_for):
    answer = client_for(personas.professional).post(
        reverse("case_new"), form_data(birth_date="2091-01-01"), HTTP_HX_REQUEST="true"
    )
    assert answer.status_code == 200
    assert "data-error-summary" in answer.content.decode()


def test_an_accepted_post_that_shows_a_page_keeps_200(personas, client_for):
    """A new API key is shown in the answer to the post itself (never again): not a refusal."""
    answer = client_for(personas.professional).post(reverse("api_tokens"), {"name": "koppeling"})
    assert answer.status_code == 200
    assert ApiToken.objects.filter(user=personas.professional, name="koppeling").exists()


def test_a_refusal_does_not_carry_over_to_the_next_request(personas, client_for):
    client = client_for(personas.professional)
    assert client.post(reverse("case_new"), {"name": ""}).status_code == 422
    answer = client.post(reverse("api_tokens"), {"name": "daarna"})
    assert answer.status_code == 200


def _posted(initial: dict) -> dict:
    """The identity form's initial values as a browser posts them."""
    body = {}
    for name, value in initial.items():
        if value is True:
            body[name] = "on"
        elif value not in (False, None):
            body[name] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return body


def test_a_correction_of_a_stale_version_answers_409_and_keeps_the_input(personas, client_for):
    """Someone else corrected the youth's data meanwhile: 409, as the API answers it."""
    client = client_for(personas.professional)
    url = reverse("case_identity", kwargs={"case_id": personas.case.public_id})
    initial = client.get(url).context["form"].initial
    note = "Tikfout in de naam, nagekeken."
    body = _posted(initial) | {"correction_note": note}
    body["expected_version"] = str(int(initial["expected_version"]) + 1)  # not the latest
    answer = client.post(url, body)
    html = answer.content.decode()
    assert answer.status_code == 409, html[html.find("data-error-summary") :][:600]
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert note in html
    body["expected_version"] = str(initial["expected_version"])
    assert client.post(url, body).status_code == 302  # the same post, on the latest version


def test_a_question_label_in_the_summary_gets_no_colon_after_its_question_mark(
    personas, client_for
):
    """The identity correction's reason is asked as a question; the summary read
    "waarom?: Schrijf ..." (seen in the guide's screenshot)."""
    client = client_for(personas.professional)
    url = reverse("case_identity", kwargs={"case_id": personas.case.public_id})
    initial = client.get(url).context["form"].initial
    answer = client.post(url, _posted(initial) | {"correction_note": ""})
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "waarom? " in html and "waarom?:" not in html


def test_a_label_that_ends_with_a_full_stop_gets_no_colon_in_the_summary(personas, client_for):
    """The close form's tick box is a sentence; the summary read "... hem heropent.: Vink
    aan ..." (seen in a walk of the case page)."""
    url = reverse("case_close", kwargs={"case_id": personas.case.public_id})
    answer = client_for(personas.professional).post(url, {"reason": ""})
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "hem heropent. Vink aan" in html and "heropent.:" not in html
    assert "Waarom sluit je de casus? Schrijf op" in html
