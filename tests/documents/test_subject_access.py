"""The subject-access export (inzage): the dossier, the disclosure register of the case and who
viewed or changed it, as one PDF; audited; only for the team."""

from __future__ import annotations

import io

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from deelwijzer.audit.models import AuditEvent
from deelwijzer.cases.models import Case
from deelwijzer.documents.services import case_subject_access_export
from tests.disclosures.helpers import TICKED_SIGNAL
from tests.documents.test_dossier import shared_case  # noqa: F401  (fixture)


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _sections(text: str) -> tuple[str, str, str]:
    dossier, rest = text.split("2. Verstrekkingen aan anderen", 1)
    register, accesses = rest.split("3. Wie de casus heeft ingezien of gewijzigd", 1)
    return dossier, register, accesses


@pytest.fixture
def viewed_by_decision_maker(personas, shared_case, client_for):  # noqa: F811
    Case.objects.filter(pk=personas.case.pk).update(decision_maker_involved_at=timezone.now())
    url = reverse("dossier", kwargs={"case_id": personas.case.public_id})
    assert client_for(personas.decision_maker).get(url).status_code == 200
    return shared_case


def test_the_export_holds_dossier_register_and_viewers(personas, viewed_by_decision_maker):
    url = reverse("dossier_subject_access", kwargs={"case_id": personas.case.public_id})
    response = viewed_by_decision_maker.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    dossier, register, accesses = _sections(_text(response.content))
    assert TICKED_SIGNAL in dossier and "datum klopte niet" in dossier
    assert "x1" in register and "s1" in register and "Prof Test" in register
    contact = personas.case.disclosures.get().recipient_name
    assert contact in register
    assert "Beslisser Test" in accesses and "Dossier ingezien" in accesses
    assert "Beslisser (interne procedure)" in accesses


def test_the_access_list_shows_dutch_labels_not_codes(personas, viewed_by_decision_maker):
    """AVG art. 15 (the data subject must be able to understand the export): every role and
    action in the list of who viewed the case is a Dutch label, as on the audit pages."""
    url = reverse("dossier_subject_access", kwargs={"case_id": personas.case.public_id})
    accesses = _sections(_text(viewed_by_decision_maker.get(url).content))[2]
    codes = AuditEvent.objects.filter(case_id=personas.case.pk).values_list("action", "role")
    assert ("dossier.view", "decision_maker") in set(codes)
    assert "Beslisser Test Beslisser (interne procedure) Dossier ingezien" in accesses
    assert "Prof Test Teamlid (direct betrokken collega) Informatie verstrekt" in accesses
    for action, role in set(codes):
        assert action not in accesses and (not role or f" {role} " not in accesses)


def test_the_export_is_audited_in_its_own_transaction(personas, shared_case):  # noqa: F811
    before = AuditEvent.objects.filter(action="case.subject_access_export").count()
    pdf = case_subject_access_export(actor=personas.professional, case_id=personas.case.pk)
    assert pdf.startswith(b"%PDF")
    event = AuditEvent.objects.filter(action="case.subject_access_export").get()
    assert before == 0
    assert (event.case_id, event.user_id) == (personas.case.pk, personas.professional.pk)


@pytest.mark.parametrize("who", ["colleague", "attention_officer", "stranger"])
def test_others_get_404_and_nothing_is_recorded(personas, client_for, who):
    url = reverse("dossier_subject_access", kwargs={"case_id": personas.case.public_id})
    assert client_for(getattr(personas, who)).get(url).status_code == 404
    with pytest.raises(Http404):
        case_subject_access_export(actor=getattr(personas, who), case_id=personas.case.pk)
    assert not AuditEvent.objects.filter(action="case.subject_access_export").exists()


def test_the_dossier_page_links_to_the_export(personas, client_for):
    page = client_for(personas.professional).get(
        reverse("dossier", kwargs={"case_id": personas.case.public_id})
    )
    assert reverse("dossier_subject_access", kwargs={"case_id": personas.case.public_id}) in (
        page.content.decode()
    )
