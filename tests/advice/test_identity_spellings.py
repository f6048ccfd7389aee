"""#17.6: the R2.1 check on sending an advice request, through the real view, cannot be slipped
past by writing an identifier differently: without its space, with look-alike letters from
another script, with invisible characters, spelled out letter by letter, or reversed behind a
bidi override."""

from __future__ import annotations

import pytest

from deelwijzer.advice.models import RequestStatus
from deelwijzer.audit.models import AuditEvent
from tests.advice.conftest import compose, current, send, textarea
from tests.personas import open_case


@pytest.fixture
def sami(personas, deduce_model):
    """A case of Sami de Groot (klas 3B), with a draft request to the attention officer."""
    return open_case(
        personas.professional,
        personas.organisation,
        "J-7F3K",
        name="Sami de Groot",
        identifiers=["klas 3B", "Lindelaan 7"],
        guardians=[],
    )


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("zit in klas3B", "klas3B"),
        ("heet \u0405ami", "\u0405ami"),  # Cyrillic DZE
        ("achternaam Gr\u043e\u043et", "Gr\u043e\u043et"),  # two Cyrillic o's
        ("heet S\u200bami", "S\u200bami"),  # zero-width space
        ("heet Sa\u200dmi", "Sa\u200dmi"),  # zero-width joiner
        ("heet \uff33\uff41\uff4d\uff49", "\uff33\uff41\uff4d\uff49"),  # full-width
        ("heet S a m i", "S a m i"),  # spelled out (a walk: it passed)
        ("heet S.a.m.i d.e G.r.o.o.t", "S.a.m.i d.e G.r.o.o.t"),
    ],
)
def test_a_respelled_identifier_is_still_refused(personas, client_for, sami, written, named):
    prof = client_for(personas.professional)
    assert compose(prof, sami, adviser_kind="attention_officer").status_code == 302
    text = f"Een leerling van 15 {written} en zegt dat muziek haram is."
    response = send(prof, sami, "a1", text)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Stap 2 (R2.1): niet verstuurd" in html
    assert named in html  # the refusal names what it found, as written
    assert textarea(html, "request_text") == text  # kept for the next try
    assert current(sami, "a1").status == RequestStatus.DRAFT
    assert not AuditEvent.objects.filter(action="advice.send").exists()


@pytest.mark.parametrize("control", ["\u202e", "\u202d", "\u2067", "\u2066"])
def test_a_text_with_a_bidi_control_is_refused_outright(personas, client_for, sami, control):
    """What is shown is not what is stored ("imaS" reads "Sami"), so no check can vouch for
    it: refused whatever it hides."""
    prof = client_for(personas.professional)
    assert compose(prof, sami, adviser_kind="attention_officer").status_code == 302
    text = f"Een leerling van 15, {control}imaS, zegt dat muziek haram is."
    response = send(prof, sami, "a1", text)
    html = response.content.decode()
    assert response.status_code == 422
    assert "tekens die de leesrichting omdraaien" in html
    assert f"U+{ord(control):04X}" in html
    assert current(sami, "a1").status == RequestStatus.DRAFT


@pytest.mark.parametrize("written", ["post als @semdb_08", "zijn account semdb_08"])
def test_a_handle_listed_with_its_platform_is_refused_on_its_own(
    personas, client_for, deduce_model, written
):
    """The case form asks for "account op sociale media", one a line; listed as "@semdb_08 op
    Instagram", the handle alone went out to the police (seen in a walk)."""
    case = open_case(
        personas.professional,
        personas.organisation,
        "J-8SEM",
        name="Sem de Boer",
        identifiers=["@semdb_08 op Instagram"],
        guardians=[],
    )
    prof = client_for(personas.professional)
    assert (
        compose(prof, case, adviser_kind="external", external_organisation="police").status_code
        == 302
    )
    text = f"Een leerling van 15 {written} en deelt filmpjes over de strijd."
    response = send(prof, case, "a1", text)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Stap 2 (R2.1): niet verstuurd" in html
    assert "semdb_08" in html  # named as written
    assert current(case, "a1").status == RequestStatus.DRAFT
    assert not AuditEvent.objects.filter(action="advice.send").exists()
