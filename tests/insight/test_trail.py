"""The audit trail as a tool (issue #22): refused attempts and sign-ins of every kind reach the
organisation's trail; filters, keyset pages, readable labels; CSV and signed PDF, audited."""

from __future__ import annotations

import csv
import io
from io import BytesIO

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from deelwijzer.api.tokens import api_token_create, api_token_revoke
from deelwijzer.audit.models import AuditEvent, Outcome
from deelwijzer.audit.services import audit_record_many
from deelwijzer.insight import trail
from tests.accounts.helpers import authenticator, post_code, post_password
from tests.api.data import advice_row
from tests.api.helpers import BASE, ApiClient, token_for


def _org_rows(personas, **filters):
    return AuditEvent.objects.filter(organisation_id=personas.organisation.pk, **filters)


def test_every_kind_of_attempt_reaches_the_organisations_trail(personas, client, client_for):
    org = personas.organisation
    user = personas.professional
    authenticator(user)
    post_password(client, user.username, "verkeerd")  # failed sign-in
    post_password(client, user.username)
    post_code(client, "000000")  # second-factor failure
    client_for(personas.colleague).get(  # a case the colleague has no part in: 404
        reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    )
    client_for(user).get(reverse("audit_log"))  # 403
    ApiClient(Client(), token_for(personas.colleague)).get(f"/cases/{personas.case.public_id}")
    row, _secret = api_token_create(actor=personas.colleague, name="lvs")
    api_token_revoke(actor=personas.colleague, token_id=row.pk)
    seen = set(_org_rows(personas).values_list("action", "outcome"))
    assert {
        ("auth.login_failed", Outcome.FAILURE),
        ("auth.login", Outcome.SUCCESS),
        ("auth.otp_failed", Outcome.FAILURE),
        ("access.denied", Outcome.DENIED),
        ("api_token.create", Outcome.SUCCESS),
        ("api_token.revoke", Outcome.SUCCESS),
    } <= seen
    statuses = {e.detail["status"] for e in _org_rows(personas, action="access.denied")}
    assert statuses == {403, 404}
    assert org.pk == _org_rows(personas, action="auth.login").first().organisation_id


def test_a_lock_out_reaches_the_trail(personas, client):
    for _ in range(6):
        client.post(reverse("login"), {"username": "prof", "password": "fout"},
                    REMOTE_ADDR="10.9.9.9")  # fmt: skip
    locked = AuditEvent.objects.filter(detail__locked_out=True)
    assert locked.exists()
    assert locked.filter(organisation_id=personas.organisation.pk).exists()


def _filtered(personas, client, **params):
    response = client.get(reverse("audit_log"), params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode().split("<tbody>", 1)[1]  # the rows, not the filter's options


def test_filters_find_by_case_pseudonym_person_action_outcome_and_label(personas, client_for):
    advice_row(personas, "a1", adviser_kind="attention_officer")
    audit_record_many(actor=personas.professional, events=[{
        "action": "advice.send", "object_type": "advicerequest", "object_id": "a1",
        "case_id": personas.case.pk, "organisation_id": personas.organisation.pk, "role": "team",
    }])  # fmt: skip
    client_for(personas.stranger).get(
        reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    )
    auditor = client_for(personas.auditor)
    page = _filtered(personas, auditor, casus="J-TEST")
    assert "adviesvraag a1 van casus J-TEST" in page
    assert "Toegang geweigerd" in page  # the refused attempt at the case counts too
    page = _filtered(personas, auditor, tekst="adviesvraag a1")
    assert "adviesvraag a1 van casus J-TEST" in page and "Toegang geweigerd" not in page
    page = _filtered(personas, auditor, uitkomst="refused")
    assert "Toegang geweigerd" in page and "Adviesvraag verstuurd" not in page
    page = _filtered(personas, auditor, persoon=str(personas.professional.public_id),
                     handeling="advice.send")  # fmt: skip
    assert "Adviesvraag verstuurd" in page and "Teamlid (direct betrokken collega)" in page
    page = _filtered(personas, auditor, van="2000-01-01", tot="2000-01-02")
    assert "Geen gebeurtenissen die bij dit filter passen." in page
    event = AuditEvent.objects.filter(action="audit.view").latest("id")
    assert event.detail["filter"] == {"from": "2000-01-01", "to": "2000-01-02"}


def test_a_bad_filter_is_refused_with_the_input_kept(personas, client_for):
    auditor = client_for(personas.auditor)
    response = auditor.get(reverse("audit_log"), {"van": "31-02-20xx", "casus": "J-<b>"})
    assert response.status_code == 422
    assert 'value="J-&lt;b&gt;"' in response.content.decode()
    assert auditor.get(reverse("audit_export_csv"), {"persoon": "geen"}).status_code == 422


def test_keyset_pages_walk_the_whole_selection(personas, client_for):
    audit_record_many(actor=personas.professional, events=[
        {"action": "case.view", "object_type": "case", "object_id": personas.case.pk,
         "case_id": personas.case.pk, "organisation_id": personas.organisation.pk}
        for _ in range(trail.PAGE_SIZE * 2 + 7)
    ])  # fmt: skip
    rows = trail.events_for(personas.organisation, trail.TrailFilter(action="case.view"))
    seen, page = [], trail.page_of(rows)
    while True:
        seen += [r.id for r in page.rows]
        if page.older is None:
            break
        page = trail.page_of(rows, before=page.older)
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen)) == 107
    back = trail.page_of(rows, after=page.rows[0].id - 1 + 1)  # the page newer than the last
    assert [r.id for r in back.rows] == seen[50:100]


def test_exports_are_audited_and_the_pdf_is_signed(personas, client_for):
    client_for(personas.stranger).get(
        reverse("case_detail", kwargs={"case_id": personas.case.public_id})
    )
    auditor = client_for(personas.auditor)
    response = auditor.get(reverse("audit_export_csv"), {"uitkomst": "refused"})
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines[0][:3] == ["id", "tijdstip", "wie"]
    assert {line[5] for line in lines[1:]} == {"access.denied"}
    assert any("casus J-TEST" in line[6] for line in lines[1:])
    pdf = auditor.get(reverse("audit_export_pdf"), {"uitkomst": "refused"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    head = AuditEvent.objects.get(action="audit.export_pdf")
    assert head.hash[:20] in text.replace("\n", "")
    assert "HMAC-SHA256" in text and "Toegang geweigerd" in text
    assert AuditEvent.objects.filter(action="audit.export_csv", outcome="success").count() == 1
    assert head.detail == {"filter": {"outcome": "refused"}}


def test_the_pdf_holds_the_newest_rows_up_to_its_limit_and_points_to_the_csv(
    personas, client_for, monkeypatch
):
    from deelwijzer.insight import services

    monkeypatch.setattr(services, "PDF_ROWS_MAX", 3)
    auditor = client_for(personas.auditor)
    for _ in range(4):  # each reading of the trail is a row of it
        page = auditor.get(reverse("audit_log")).content.decode()
    assert "hoogstens de 3 nieuwste gebeurtenissen" in page and "neem de CSV" in page
    pdf = auditor.get(reverse("audit_export_pdf"))
    assert pdf.status_code == 200
    pages = PdfReader(BytesIO(pdf.content)).pages
    text = "".join(p.extract_text() for p in pages)
    assert "hier staan de 3 nieuwste" in text and "neem de CSV" in text
    from deelwijzer.insight.trail import TrailFilter, events_for

    chosen = events_for(personas.organisation, TrailFilter()).exclude(action="audit.export_pdf")
    assert chosen.count() > 3  # so the limit applies
    newest = chosen.order_by("-id").first()
    assert f"gebeurtenis {newest.id}, keten-hash" in text  # the newest row is in it
    assert "3 gebeurtenissen, nieuwste eerst" in text
    assert all("HMAC-SHA256" in p.extract_text() for p in pages)  # in every page's footer


def test_the_api_audit_list_is_keyset_paged_and_for_the_auditor_only(personas):
    client_for_api = ApiClient(Client(), token_for(personas.auditor))
    ApiClient(Client(), token_for(personas.stranger)).get(f"/cases/{personas.case.public_id}")
    found = client_for_api.get("/audit", outcome="refused")
    assert found.status_code == 200, found.content
    body = found.json()
    assert body["items"] and {i["outcome"] for i in body["items"]} == {"refused"}
    item = body["items"][0]
    assert item["object_label"].startswith("casus J-TEST")
    assert item["case_id"] == str(personas.case.public_id)
    # filtered by that case id, as the documentation says (it was refused: at most 20 long)
    by_case = client_for_api.get("/audit", case=str(personas.case.public_id))
    assert by_case.status_code == 200, by_case.content
    assert {i["case_id"] for i in by_case.json()["items"]} == {str(personas.case.public_id)}
    assert ApiClient(Client(), token_for(personas.professional)).get("/audit").status_code == 403
    assert BASE.endswith("/api/v1")
