"""The team form's select is made in Python (web.forms.PlainSelect): same markup as Django's."""

from __future__ import annotations

import re

from django import forms

from deelwijzer.web.forms import TeamAddForm

COLLEAGUES = [(3, "Anna <de> Vries"), (5, "Bob & Co")]


def _django_select(form: TeamAddForm) -> str:
    form.fields["user"].widget = forms.Select(choices=COLLEAGUES)
    return str(form["user"])


def _squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_the_markup_equals_djangos_own_select():
    for data in (None, {"user": "5", "role_on_team": ""}):
        plain = TeamAddForm(data, colleagues=COLLEAGUES)
        django_made = TeamAddForm(data, colleagues=COLLEAGUES)
        if data:  # a bound form renders the value it was given
            plain.is_valid()
            django_made.is_valid()
        assert _squeeze(str(plain["user"])) == _squeeze(_django_select(django_made))


def test_names_are_escaped_and_the_chosen_one_is_selected():
    form = TeamAddForm({"user": "5", "role_on_team": "mentor"}, colleagues=COLLEAGUES)
    assert form.is_valid() and form.cleaned_data["user"] == 5
    html = str(form["user"])
    assert "Anna &lt;de&gt; Vries" in html and "Bob &amp; Co" in html
    assert '<option value="5" selected>' in html and '<option value="3">' in html
