"""#16.6: correcting the youth's and the parents' data makes a new version (who, when, why),
re-evaluates the case (the birth date drives the age rules), feeds the pseudonymiser, and is
audited; bad input saves nothing and keeps what was typed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from deelwijzer.advice.texts import identity_only, redact
from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case, Guardian, IdentityVersion
from deelwijzer.interchange.casefile import case_evaluation
from tests.api.data import case_with_entries


def _url(case) -> str:
    return reverse("case_identity", kwargs={"case_id": case.public_id})


def _form(case, **changes) -> dict:
    """The form as the page fills it, with ``changes``."""
    mother = case.guardians.get()
    data = {
        "name": "Yusuf Bakker",
        "birth_date": "2011-03-14",
        "identifiers": "Kastanjelaan 14\nklas 3B\n@yusuf_b",
        f"g{mother.pk}_name": "Fatima Bakker",
        f"g{mother.pk}_relation": "moeder",
        f"g{mother.pk}_authority": "on",
        "new_name": "",
        "new_relation": "",
        "correction_note": "Geboortedatum stond verkeerd in de leerlingadministratie.",
        "expected_version": "1",
    }
    data.update(changes)
    return data


def _age(born: date) -> int:
    today = timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _r3_2(case) -> list:
    """The findings of R3.2 (parents in the conversation of a youth under 16), fresh."""
    return case_evaluation(Case.objects.get(pk=case.pk)).findings_for("R3.2")


def test_a_corrected_birth_date_changes_the_age_verdict_on_the_case_page(personas, client_for):
    case = case_with_entries(personas)  # c1: a talk with the youth alone, at 15
    client = client_for(personas.professional)
    before = client.get(reverse("case_detail", args=[case.public_id])).content.decode()
    assert f"Leeftijd van de jongere: {_age(date(2011, 3, 14))} jaar." in before
    assert _r3_2(case)  # under 16 without the parents: a finding
    answer = client.post(_url(case), _form(case, birth_date="2009-01-20"))
    assert answer.status_code == 302
    page = client.get(answer["Location"]).content.decode()
    assert "Deelwijzer heeft de casus opnieuw beoordeeld." in page
    assert f"Leeftijd van de jongere: {_age(date(2009, 1, 20))} jaar." in page  # not the kept one
    assert not _r3_2(case)


def test_each_correction_is_a_version_with_who_when_and_why(personas, client_for):
    case = personas.case
    client = client_for(personas.professional)
    client.post(_url(case), _form(case, birth_date="2009-01-20"))
    versions = list(IdentityVersion.objects.filter(case=case))
    assert [v.version for v in versions] == [1, 2]
    first, second = versions
    assert (first.birth_date.isoformat(), first.recorded_by) == (
        "2011-03-14",
        personas.professional,
    )
    assert first.recorded_at == case.opened_at  # the data as the case was opened
    assert second.birth_date.isoformat() == "2009-01-20"
    assert second.correction_note.startswith("Geboortedatum stond verkeerd")
    page = client.get(_url(case)).content.decode()
    assert "Versie 2" in page and "Versie 1" in page and "leerlingadministratie" in page


def test_a_correction_is_audited_with_field_names_only(personas, client_for):
    case = personas.case
    client_for(personas.professional).post(
        _url(case), _form(case, name="Youssef Bakker", birth_date="2010-03-14")
    )
    event = AuditEvent.objects.get(action="case.identity_correct", case_id=case.pk)
    assert event.detail == {"version": 2, "changed": ["birth_date", "name"]}
    assert "Youssef" not in str(event.detail) and "2010" not in str(event.detail)


def test_the_pseudonymiser_uses_the_corrected_identifiers(personas, client_for):
    case = personas.case
    text = "Hij speelt bij Voetbalclub De Zwaluwen en zit in klas 3B."
    assert "De Zwaluwen" in redact(text, identity_only(case))
    client_for(personas.professional).post(
        _url(case), _form(case, identifiers="klas 3B\nVoetbalclub De Zwaluwen")
    )
    fresh = Case.objects.get(pk=case.pk)
    assert "De Zwaluwen" not in redact(text, identity_only(fresh))


def test_parents_are_corrected_in_place_and_a_new_one_can_be_added(personas, client_for):
    case = personas.case
    mother = case.guardians.get()
    client_for(personas.professional).post(
        _url(case),
        _form(
            case,
            **{f"g{mother.pk}_authority": ""},  # unticked: no authority any more
            new_name="Ahmed Bakker",
            new_relation="vader",
            new_authority="on",
        ),
    )
    rows = list(Guardian.objects.filter(case=case).order_by("pk"))
    assert [(g.pk, g.name, g.has_authority) for g in rows] == [
        (mother.pk, "Fatima Bakker", False),  # the same id: conversations refer to it
        (rows[1].pk, "Ahmed Bakker", True),
    ]


def test_bad_input_saves_nothing_keeps_what_was_typed_and_says_what_is_wrong(personas, client_for):
    case = personas.case
    before = AuditEvent.objects.filter(case_id=case.pk).count()
    answer = client_for(personas.professional).post(
        _url(case),
        _form(case, name=" ", birth_date="2031-01-01", identifiers="Nieuwe straat 1",
              correction_note=""),
    )  # fmt: skip
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "Vul de naam van de jongere in." in html
    assert "De geboortedatum ligt in de toekomst." in html
    assert "Schrijf kort op wat je corrigeert en waarom." in html
    assert "Nieuwe straat 1" in html and 'value="2031-01-01"' in html
    case.youth.refresh_from_db()
    assert case.youth.birth_date.isoformat() == "2011-03-14"
    assert not IdentityVersion.objects.filter(case=case).exists()
    assert AuditEvent.objects.filter(case_id=case.pk).count() == before + 1  # the read only


def test_garbage_date_and_a_parent_without_a_name_are_refused(personas, client_for):
    case = personas.case
    mother = case.guardians.get()
    answer = client_for(personas.professional).post(
        _url(case), _form(case, birth_date="31-31-abc", **{f"g{mother.pk}_name": ""})
    )
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "Vul een geldige datum in" in html
    case.youth.refresh_from_db()
    assert not IdentityVersion.objects.filter(case=case).exists()
    answer = client_for(personas.professional).post(
        _url(case), _form(case, **{f"g{mother.pk}_name": ""})
    )
    assert "Een ouder weghalen kan niet" in answer.content.decode()
    assert Guardian.objects.get(pk=mother.pk).name == "Fatima Bakker"


def test_each_parent_field_in_the_summary_says_which_parent(personas, client_for):
    """As on the new-case form: "Naam:" for each parent did not say which one."""
    case = personas.case
    mother = case.guardians.get()
    answer = client_for(personas.professional).post(
        _url(case), _form(case, **{f"g{mother.pk}_name": "x" * 201, "new_name": "y" * 201})
    )
    assert answer.status_code == 422
    summary = answer.content.decode().split("data-error-summary")[1].split("</div>")[0]
    lines = re.findall(r'<a href="#id_(?:g\d+|new)_name">([^:<]+):', summary)
    assert lines == ["Naam van ouder 1", "Naam van de nieuwe ouder"]


def test_a_stale_version_is_refused(personas, client_for):
    case = personas.case
    client = client_for(personas.professional)
    client.post(_url(case), _form(case, birth_date="2010-01-01"))
    answer = client.post(_url(case), _form(case, birth_date="2009-01-01"))  # still version 1
    page = answer.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in page
    case.youth.refresh_from_db()
    assert case.youth.birth_date.isoformat() == "2010-01-01"
    # the form now stands on version 2 (not refused the same way at every try), and says whose
    assert f"Versie 2, van {personas.professional.display_name()}, staat nu op deze pagina" in page
    assert re.search(r'name="expected_version" value="2"', page)
    again = client.post(_url(case), {**_form(case, birth_date="2009-01-01"), "expected_version": 2})
    assert again.status_code == 302
    case.youth.refresh_from_db()
    assert case.youth.birth_date.isoformat() == "2009-01-01"


def test_only_the_team_corrects(personas, client_for):
    case = personas.case
    Case.objects.filter(pk=case.pk).update(decision_maker_involved_at=case.opened_at)
    assert client_for(personas.colleague).post(_url(case), _form(case)).status_code == 404
    read = client_for(personas.decision_maker).get(_url(case))
    assert read.status_code == 200 and 'name="correction_note"' not in read.content.decode()
    assert client_for(personas.decision_maker).post(_url(case), _form(case)).status_code == 404
    assert not IdentityVersion.objects.filter(case=case).exists()


def test_correcting_through_the_api(personas, api_as):
    case = personas.case
    client = api_as(personas.professional)
    read = client.get(f"/cases/{case.public_id}").json()
    mother = read["guardians"][0]
    body = {
        "name": "Yusuf Bakker",
        "birth_date": "2009-01-20",
        "identifiers": ["klas 3B"],
        "guardians": [{**mother, "has_authority": False}, {"name": "Ahmed Bakker"}],
        "correction_note": "Datum verbeterd.",
        "expected_version": read["identity_version"],
    }
    answer = client.put(f"/cases/{case.public_id}/identity", body)
    assert answer.status_code == 200, answer.content
    made = answer.json()
    assert made["identity_version"] == 2 and made["youth"]["birth_date"] == "2009-01-20"
    assert [g["name"] for g in made["guardians"]] == ["Fatima Bakker", "Ahmed Bakker"]
    assert made["guardians"][0]["id"] == mother["id"]
    stale = client.put(f"/cases/{case.public_id}/identity", body)
    assert stale.status_code == 409
    wrong = client.put(
        f"/cases/{case.public_id}/identity", {**body, "expected_version": 2, "birth_date": None}
    )
    assert wrong.status_code == 422
    assert [e["field"] for e in wrong.json()["errors"]] == ["birth_date"]


def test_the_error_summary_follows_the_page_the_note_last(personas, client_for):
    """A parent's field and the note both wrong: the summary lists them as the page shows
    them, the parents above the note at the bottom of the form."""
    case = personas.case
    mother = case.guardians.get()
    answer = client_for(personas.professional).post(
        _url(case), _form(case, **{f"g{mother.pk}_relation": "m" * 61, "correction_note": ""})
    )
    assert answer.status_code == 422
    html = answer.content.decode()
    summary = html[html.index('class="error-summary"') :]
    assert summary.index(f"#id_g{mother.pk}_relation") < summary.index("#id_correction_note")


def test_a_correction_keeps_the_limits_of_a_new_case(personas, api_as):
    """The API walk: a correction took 31 identifiers and 11 parents (a new case takes 30 and
    10), and the case's own case file then no longer imported."""
    from deelwijzer.cases.entries import Correction
    from deelwijzer.cases.identity import GuardianData, IdentityInput, case_identity_correct

    case = personas.case
    client = api_as(personas.professional)
    read = client.get(f"/cases/{case.public_id}").json()
    body = {
        "name": "Yusuf Bakker",
        "birth_date": read["youth"]["birth_date"],
        "identifiers": [f"kenmerk {n}" for n in range(31)],
        "guardians": read["guardians"],
        "correction_note": "Meer kenmerken.",
        "expected_version": read["identity_version"],
    }
    refused = client.put(f"/cases/{case.public_id}/identity", body)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["message"] == "Te veel: hoogstens 30."
    known = len(read["guardians"])
    data = IdentityInput(
        name="Yusuf Bakker",
        birth_date=case.youth.birth_date,
        identifiers=[f"kenmerk {n}" for n in range(31)],
        guardians=[GuardianData(None, f"Ouder {n}") for n in range(11 - known)],
    )
    with pytest.raises(ValidationError) as refusal:
        case_identity_correct(
            actor=personas.professional,
            case_id=case.pk,
            data=data,
            correction=Correction(expected_version=1, note="Meer."),
        )
    assert refusal.value.message_dict == {
        "identifiers": ["Hoogstens 30 gegevens; nu zijn het er 31."],
        "guardians": ["Hoogstens 10 ouders of verzorgers."],
    }
    assert case.guardians.count() == known and len(case.youth.identifiers) < 31
