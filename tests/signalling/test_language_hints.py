"""Live language hints: the HTMX endpoint and, without JavaScript, the hints after saving."""

from __future__ import annotations

import re

from django.utils import timezone

from tests.signalling.helpers import add_signal, url

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_interpretation_is_marked_with_its_rule(personas, client_for):
    client = client_for(personas.professional)
    response = client.post(
        url("step1_check_text", personas.case), {"signal-text": "Hij was erg agressief"}, **HTMX
    )
    assert response.status_code == 200
    assert re.search(r'<mark data-rule="R1.1">agressief</mark>', response.text)
    assert "R1.1" in response.text
    assert "Beschrijf wat je zag of hoorde" in response.text  # the checker's hint
    assert "<html" not in response.text  # a fragment, not a page


def test_factual_sentence_gives_nothing(personas, client_for):
    client = client_for(personas.professional)
    response = client.post(
        url("step1_check_text", personas.case),
        {"signal-text": "Hij gooide op maandag zijn tas tegen de deur."},
        **HTMX,
    )
    assert response.status_code == 200
    assert "<mark" not in response.text
    assert "R1." not in response.text


def test_correction_form_field_name_works_too(personas, client_for):
    client = client_for(personas.professional)
    response = client.post(url("step1_check_text", personas.case), {"text": "Ik denk dat hij"})
    assert '<mark data-rule="R1.2">Ik denk</mark>' in response.text


def test_the_text_is_escaped(personas, client_for):
    client = client_for(personas.professional)
    text = "<script>x</script> Hij was agressief"
    response = client.post(url("step1_check_text", personas.case), {"text": text})
    assert "<script>" not in response.text
    assert "&lt;script&gt;" in response.text


def test_only_who_may_edit_the_case_gets_hints(personas, client_for):
    personas.case.decision_maker_involved_at = timezone.now()  # may view, not edit
    personas.case.save()
    body = {"signal-text": "Hij was erg agressief"}
    for user in (
        personas.colleague,
        personas.attention_officer,
        personas.decision_maker,
        personas.org_admin,
        personas.stranger,
    ):
        response = client_for(user).post(url("step1_check_text", personas.case), body, **HTMX)
        assert response.status_code == 404, user


def test_step_page_form_sends_text_to_the_checker(personas, client_for):
    page = client_for(personas.professional).get(url("step1", personas.case)).text
    textarea = re.search(r"<textarea[^>]*name=\"signal-text\"[^>]*>", page).group(0)
    assert f'hx-post="{url("step1_check_text", personas.case)}"' in textarea
    assert 'hx-trigger="keyup changed delay:500ms"' in textarea
    assert 'hx-target="#taalhulp-nieuw"' in textarea
    assert re.search(r'<div id="taalhulp-nieuw"[^>]*aria-live="polite"', page)
    assert 'hx-headers=\'{"X-CSRFToken": "' in page  # the CSRF token goes with HTMX posts
    assert "<script>" not in page  # no inline script (the htmx file is loaded by src)


def test_without_javascript_hints_show_after_saving(personas, client_for):
    client = client_for(personas.professional)
    response = add_signal(client, personas.case, text="Ze was erg agressief in de les.")
    assert response.status_code == 302  # advice only: it never blocks
    page = client.get(url("step1", personas.case)).text
    assert '<mark data-rule="R1.1">agressief</mark>' in page
    assert "Stap 1 (R1.1)" in page  # the engine's warning among the step's findings


def test_the_live_region_reads_each_hint_not_the_whole_text_again(personas, client_for):
    """The keyboard walk: at every update the region read the typed text out again."""
    client = client_for(personas.professional)
    typed = "Op maandag was hij erg agressief tegen een klasgenoot"
    response = client.post(url("step1_check_text", personas.case), {"signal-text": typed}, **HTMX)
    repeated = re.search(r'<p class="marked-text"([^>]*)>', response.text)
    assert repeated and 'aria-hidden="true"' in repeated.group(1)
    hint = re.search(r"<li>(.*?)</li>", response.text, re.S)
    assert hint and "agressief" in hint.group(1)  # the word is still read, in its hint
