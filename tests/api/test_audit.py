"""Every call that reads or writes case content leaves its audit row, marked as an API call,
on the user of the token."""

from __future__ import annotations

import pytest

from deelwijzer.audit.models import AuditEvent
from tests.api.data import case_with_entries
from tests.api.endpoints import CASE_OPERATIONS

AUDITED = [(m, p, b, a) for m, p, b, a in CASE_OPERATIONS if a]


@pytest.mark.parametrize("method,path,body,action", AUDITED, ids=lambda v: str(v)[:40])
def test_each_read_and_write_of_case_content_is_audited(
    method, path, body, action, personas, api_as
):
    case = case_with_entries(personas)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    client = api_as(personas.professional)
    url = path.format(case=case.public_id)
    response = client.get(url) if body is None else getattr(client, method)(url, body)
    assert response.status_code in (200, 201), response.content
    rows = AuditEvent.objects.filter(id__gt=last, case_id=case.pk)
    assert rows.filter(action=action).exists(), list(rows.values_list("action", flat=True))
    assert set(rows.values_list("purpose", flat=True)) == {"api"}
    assert set(rows.values_list("user_id", flat=True)) == {personas.professional.pk}


def test_the_inbox_reads_and_answers_are_audited_per_case(personas, api_as):
    case = case_with_entries(personas)
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    client = api_as(personas.attention_officer)
    client.get("/inbox")
    client.get(f"/inbox/{case.public_id}/a1")
    rows = AuditEvent.objects.filter(id__gt=last, case_id=case.pk)
    assert list(rows.values_list("action", "object_id")) == [
        ("advice.inbox_list", "a1"),
        ("advice.inbox_read", "a1"),
    ]


def test_a_refused_read_writes_no_case_row(personas, api_as):
    case = case_with_entries(personas)
    before = AuditEvent.objects.filter(case_id=case.pk).count()
    api_as(personas.colleague).get(f"/cases/{case.public_id}/signals")
    assert AuditEvent.objects.filter(case_id=case.pk).count() == before
