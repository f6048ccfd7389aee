"""#17.4: one set of text limits on every path (web forms, API, case-file import) and a
request body limit; ``procedure.limits`` declares them."""

from __future__ import annotations

import copy
import importlib
import json
import pkgutil

import pytest
from django import forms

import deelwijzer
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from deelwijzer.procedure.limits import REQUEST_BODY_MAX, TEXT_MAX
from deelwijzer.signalling.models import Signal
from tests.api.data import case_with_entries
from tests.api.helpers import BASE, ApiClient, token_for
from tests.signalling.helpers import add_signal

TOO_LONG = "Hij zei dat hij weg wilde. " * (TEXT_MAX // 27) + "x" * (TEXT_MAX % 27 + 1)


@pytest.fixture
def api(client):
    return lambda user: ApiClient(client, token_for(user))


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(deelwijzer.__path__, "deelwijzer."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("deelwijzer."):
            found.append(cls)
    return found


def test_every_typed_text_field_of_every_form_has_a_limit():
    """A new form field without ``max_length`` would take a megabyte again."""
    classes = _form_classes()
    assert len(classes) > 20
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.CharField)
        and isinstance(field.widget, forms.Textarea | forms.TextInput)
        and not (field.max_length and field.max_length <= TEXT_MAX)
    ]
    assert unbounded == []


# Forms whose texts are never stored, or are set up by an administrator: a control character
# there does no harm (it fails the sign-in, finds nothing, or is a configuration value).
NOT_KEPT = {
    "deelwijzer.accounts.forms.CodeForm",
    "deelwijzer.accounts.forms.EnrolForm",
    "deelwijzer.accounts.forms.SignInForm",
    "deelwijzer.disclosures.recipient_views.CodeForm",
    "deelwijzer.insight.forms.TrailFilterForm",
    "deelwijzer.sso.forms.ProviderForm",
    "deelwijzer.web.forms.OrganisationSettingsForm",
}


def test_every_form_that_keeps_a_typed_text_refuses_hidden_characters():
    """The files walk: an advice answer of only BEL, BS and ESC counted as answered and showed
    as boxes; a bell in an adviser's name, a file's description and a purpose in step 6 went
    into the share document. Every form that keeps what is typed names such a character
    (``ui.forms.VisibleTexts``), as the identity form already did."""
    from deelwijzer.ui.forms import VisibleTexts

    missing = sorted(
        f"{cls.__module__}.{cls.__name__}"
        for cls in _form_classes()
        if any(
            isinstance(field, forms.CharField)
            and isinstance(field.widget, forms.Textarea | forms.TextInput)
            for field in cls.base_fields.values()
        )
        and not issubclass(cls, VisibleTexts)
    )
    assert set(missing) <= NOT_KEPT, set(missing) - NOT_KEPT


def test_a_text_one_character_too_long_is_refused_on_the_web_form(personas, client_for):
    assert len(TOO_LONG) == TEXT_MAX + 1
    response = add_signal(client_for(personas.professional), personas.case, text=TOO_LONG)
    assert response.status_code == 422
    html = response.content.decode()
    assert "niet meer dan 20000 tekens bevat (het zijn er nu 20001)" in html  # Django, Dutch
    assert "Hij zei dat hij weg wilde." in html and "x" * (TEXT_MAX % 27 + 1) in html  # kept
    assert not Signal.objects.filter(case=personas.case).exists()
    assert not AuditEvent.objects.filter(action="signal.add").exists()


def test_a_text_at_the_limit_is_accepted_on_the_web_form(personas, client_for):
    response = add_signal(client_for(personas.professional), personas.case, text=TOO_LONG[:-1])
    assert response.status_code == 302
    assert len(Signal.objects.get(case=personas.case).text) == TEXT_MAX


def test_a_text_one_character_too_long_is_refused_by_the_api(personas, api):
    body = {"kind": "signal", "observed_on": "2026-11-20", "text": TOO_LONG}
    response = api(personas.professional).post(f"/cases/{personas.case.public_id}/signals", body)
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "text"
    assert not Signal.objects.filter(case=personas.case).exists()


def test_a_text_one_character_too_long_is_refused_by_the_import(personas, api):
    case = case_with_entries(personas)
    client = api(personas.professional)
    data = copy.deepcopy(client.get(f"/cases/{case.public_id}/casefile").json())
    data["youth"]["pseudonym"] = "J-KOPIE"
    data["signals"][0]["text"] = TOO_LONG
    data["risks"][0]["description"] = TOO_LONG[:-1]  # at the limit: no problem of its own
    cases = Case.objects.count()
    response = client.post("/cases/import", data)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["$.signals[0].text"]
    assert "hoogstens 20000" in errors[0]["message"]
    assert Case.objects.count() == cases


def test_an_oversized_body_is_413_problem_json_on_the_api(personas, client):
    headers = {"Authorization": f"Bearer {token_for(personas.professional)}"}
    body = json.dumps({"text": "x" * (REQUEST_BODY_MAX + 1)})
    response = client.post(
        f"{BASE}/cases/{personas.case.public_id}/signals",
        data=body,
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 413 and "2 MB" in problem["detail"]
    assert not Signal.objects.exists()


def test_an_oversized_form_post_gets_a_dutch_page_not_a_bare_400(personas, client_for):
    client = client_for(personas.professional)
    from tests.signalling.helpers import signal_body, url

    body = signal_body(text="x" * (REQUEST_BODY_MAX + 1))
    response = client.post(url("signal_add", personas.case), body)
    assert response.status_code == 413
    html = response.content.decode()
    assert "Te groot om te versturen" in html and "hoogstens 20.000 tekens" in html
    assert not Signal.objects.exists()
