"""Choosing a password: every rule speaks Dutch with "je" (Django's own catalogue says "u",
and misses the new wording of the length rule in Django 5.2), on the reset page and on the
invitation page, and a weak password is refused at the first field, where it was typed."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.password_validation import (
    get_default_password_validators,
    password_validators_help_text_html,
    validate_password,
)
from django.core.exceptions import ValidationError

from tests.accounts.conftest import reset_form

ENGLISH = re.compile(r"\b(password|your|must|too|characters?|similar|common|numeric)\b", re.I)
FORMAL = re.compile(r"\b(u|uw)\b", re.I)

# One password per rule, for a user called Nina Nieuw (nina@school.invalid).
WEAK = {
    "te kort": "abc",
    "te vaak gebruikt": "password1234",
    "lijkt te veel op je": "nina@school.invalid",
    "alleen uit cijfers": "804937125609",
    "te weinig verschillende tekens": "a" * 5000,  # a browser walk saw this one accepted
}


def _dutch(text: str) -> None:
    assert not ENGLISH.search(text), text
    assert not FORMAL.search(text), text


def _messages(password: str, user=None) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user=user)
    return refused.value.messages


def test_every_configured_rule_explains_itself_in_dutch_with_je(nina):
    assert len(get_default_password_validators()) >= 4
    for validator in get_default_password_validators():
        _dutch(validator.get_help_text())
    _dutch(str(password_validators_help_text_html()))
    for expected, password in WEAK.items():
        said = _messages(password, nina)
        assert any(expected in message for message in said), (password, said)
        for message in said:
            _dutch(message)


@pytest.mark.parametrize("page", ["reset", "invitation"])
@pytest.mark.parametrize("expected,password", WEAK.items(), ids=list(WEAK))
def test_a_weak_password_is_refused_in_dutch_at_the_first_field(
    page, expected, password, client, nina, invitation_url
):
    url = reset_form(client, nina) if page == "reset" else invitation_url
    form = client.get(url).content.decode()
    _dutch(re.sub(r"<[^>]+>", " ", form.split('id="id_new_password1"', 1)[1].split("</form>")[0]))
    response = client.post(url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 422
    html = response.content.decode()
    first = html.split('id="id_new_password1"', 1)[1].split('id="id_new_password2"')[0]
    assert expected in first, first  # the error stands under the new password itself
    assert 'href="#id_new_password1"' in html  # and the summary links to that field
    summary = html.split("data-error-summary", 1)[1].split("</div>")[0]
    _dutch(re.sub(r"<[^>]+>", " ", summary))
    nina.refresh_from_db()
    assert not nina.check_password(password)


def test_two_different_passwords_are_refused_at_the_second_field(client, nina):
    url = reset_form(client, nina)
    response = client.post(url, {"new_password1": "een-lang-wachtwoord-1", "new_password2": "x"})
    assert response.status_code == 422
    html = response.content.decode()
    second = html.split('id="id_new_password2"', 1)[1].split("</form>")[0]
    assert "niet hetzelfde" in second


@pytest.mark.parametrize("password", ["a" * 5000, "abababababab", "abcdabcdabcdabcd", "xy12" * 4])
def test_a_password_of_too_few_different_characters_is_refused(password):
    said = _messages(password)
    assert any("te weinig verschillende tekens" in message for message in said), said


@pytest.mark.parametrize("password", ["fiets-boom-lamp", "Zomer2026!Kast", "wolk wolk wolk"])
def test_a_password_of_enough_different_characters_passes(password):
    validate_password(password)
