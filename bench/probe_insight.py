"""Timings of statistics and the audit trail on a seeded PostgreSQL database (issue #22), run by
bench/bench_insight.py in a process of its own (DATABASE_URL set); prints JSON.

* statistics: every figure for all seeded cases (the installation's scope: 10,000 at scale 1)
  and for one organisation, in process (aggregate queries only), and the page itself.
* audit: ``AUDIT_ROWS`` synthetic rows added in one INSERT … SELECT (ids and codes only, as the
  trail holds), then the auditor's filters, a deep keyset page, and the CSV and PDF exports.
"""

from __future__ import annotations

import json
import os
import statistics
import time

import django

REPEAT = 5
PDF = os.environ.get("BENCH_INSIGHT_PDF", "1") != "0"  # 0: leave out the two slow PDFs


def _median_ms(call, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def _auditor():
    from deelwijzer.accounts.models import User
    from deelwijzer.organisations.models import Membership, Organisation, Role

    organisation = Organisation.objects.order_by("pk").first()
    user, _new = User.objects.get_or_create(  # a second probe of the same database
        username="bench-auditor", defaults={"first_name": "Bench", "last_name": "FG"}
    )
    Membership.objects.get_or_create(user=user, organisation=organisation, role=Role.AUDITOR)
    return user, organisation


def _client(user):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="bench")
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


_FILL = """
INSERT INTO audit_auditevent (occurred_at, action, outcome, object_type, object_id, case_id,
  organisation_id, user_id, role, purpose, client_address, detail, prev_hash, hash, key_id)
SELECT now() - (%(n)s - i) * interval '1 second',
  (ARRAY['case.view','signal.add','risk.view','access.denied','auth.login','dossier.view',
         'advice.send'])[1 + i %% 7],
  CASE WHEN i %% 7 = 3 THEN 'denied' ELSE 'success' END,
  'case', (%(case)s + i %% 500)::text, %(case)s + i %% 500, %(org)s + i %% 20, %(user)s + i %% 300,
  'team', 'web', '10.0.0.1', '{}'::jsonb, md5((i - 1)::text), md5('b' || i::text), ''
FROM generate_series(1, %(n)s) AS i
"""


def _fill_audit(rows: int) -> float:
    from django.db import connection

    from deelwijzer.accounts.models import User
    from deelwijzer.cases.models import Case
    from deelwijzer.organisations.models import Organisation

    values = {
        "n": rows,
        "case": Case.objects.order_by("pk").values_list("pk", flat=True).first() or 1,
        "org": Organisation.objects.order_by("pk").values_list("pk", flat=True).first(),
        "user": User.objects.order_by("pk").values_list("pk", flat=True).first(),
    }
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(_FILL, values)
        cursor.execute("ANALYZE audit_auditevent")
    return round(time.perf_counter() - started, 1)


# Open findings per rule ID (cases.findings) for every open case, as each evaluation leaves
# them: ids and codes only, a pseudo-random 0-6 rules of the catalogue per case. Judging all
# 10,000 seeded cases for real (`deelwijzer open-findings`) takes minutes; the figure only
# counts these rows.
_FINDINGS = """
INSERT INTO cases_openfinding (case_id, rule, findings)
SELECT c.id, r.rule, 1 + (c.id + r.n) %% 3
FROM cases_case c
JOIN (SELECT n, rule FROM unnest(ARRAY['R1.1','R1.3','R1.5','R1.7','R2.3','R2.4','R2.6','R3.1',
      'R3.2','R4.1','R4.2','R5.2','R5.4','R6.2','R6.5']) WITH ORDINALITY AS t(rule, n)) r
  ON (c.id * 7 + r.n * 13) %% 15 < 4
WHERE c.status = 'open'
ON CONFLICT DO NOTHING
"""


def _fill_findings() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(_FINDINGS, [])
        cursor.execute("ANALYZE cases_openfinding")
        cursor.execute("SELECT count(*) FROM cases_openfinding")
        return cursor.fetchone()[0]


def _one_organisation_of_all(client, organisation) -> dict:
    """The page and the figures for an organisation with every seeded case (10,000 at scale 1):
    the cases moved to it in a transaction that is rolled back afterwards."""
    from django.db import connection, transaction

    from deelwijzer.cases.models import Case
    from deelwijzer.insight.figures import Scope, all_figures
    from deelwijzer.insight.periods import default_period

    start, end = default_period()
    with transaction.atomic():
        Case.objects.update(organisation=organisation)
        with connection.cursor() as cursor:  # the planner's statistics as if it were so
            cursor.execute("ANALYZE cases_case")
        found = {
            "cases_org_all": Case.objects.filter(organisation=organisation).count(),
            "figures_org_all_ms": _median_ms(
                lambda: all_figures(Scope(organisation.pk, start, end))
            ),
            # the first view draws the 14 charts; a view again takes them from the kept drawings
            "page_org_all_first_view_ms": _median_ms(lambda: _ok(_cold(client, "/statistieken/"))),
            "page_org_all_ms": _median_ms(lambda: _ok(client.get("/statistieken/"))),
        }
        transaction.set_rollback(True)
    with connection.cursor() as cursor:  # ANALYZE's row count outlives the rollback: redo it
        cursor.execute("ANALYZE cases_case")
    return found


def _cold(client, url: str):
    from deelwijzer.insight import charts

    kept = getattr(charts, "_drawn", None)  # (a probe of an older commit has none)
    if kept is not None:
        kept.cache_clear()
    return client.get(url)


def _vacuum() -> float:
    """What autovacuum leaves after a bulk load: the visibility map that lets PostgreSQL
    answer from an index alone (the seed only runs ANALYZE)."""
    from django.db import connection

    tables = ["signalling_signal", "advice_advicerequest", "conversations_conversation",
              "conversations_conversationskipped", "risks_risk", "decisions_sharingdecision",
              "disclosures_disclosure", "disclosures_feedbackreceipt", "cases_case",
              "cases_openfinding"]  # fmt: skip
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {', '.join(tables)}")
    return round(time.perf_counter() - started, 1)


def _signal_add_ms(repeat: int = 30) -> float:
    """A signal added to a seeded case through its service (audited), rolled back: the cost
    of a case write, which no longer judges the case for the open findings (#22)."""
    from datetime import date

    from django.db import transaction

    from deelwijzer.cases.models import Case
    from deelwijzer.signalling.services import SignalInput, signal_add

    data = SignalInput(kind="signal", observed_on=date(2026, 1, 5), text="Hij zei niets.",
                       source_kind="own_observation")  # fmt: skip
    times = []
    for case in Case.objects.filter(status="open").order_by("pk")[:repeat]:
        member = case.team.select_related("user").first()
        if member is None:
            continue
        with transaction.atomic():
            started = time.perf_counter()
            signal_add(actor=member.user, case_id=case.pk, data=data)
            times.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    return round(statistics.median(times), 1) if times else 0.0


def _statistics(client, organisation) -> dict:
    from deelwijzer.cases.models import Case
    from deelwijzer.insight.figures import Scope, all_figures
    from deelwijzer.insight.periods import default_period

    start, end = default_period()
    return {
        "cases_all": Case.objects.count(),
        "cases_org": Case.objects.filter(organisation=organisation).count(),
        "open_finding_rows": _fill_findings(),
        "vacuum_seconds": _vacuum(),
        "signal_add_ms": _signal_add_ms(),
        "figures_all_ms": _median_ms(lambda: all_figures(Scope(None, start, end))),
        "figures_org_ms": _median_ms(lambda: all_figures(Scope(organisation.pk, start, end))),
        "page_org_ms": _median_ms(lambda: _ok(client.get("/statistieken/"))),
        **_one_organisation_of_all(client, organisation),
        **(
            {"pdf_org_ms": _median_ms(lambda: _ok(client.get("/statistieken/rapport.pdf")), 1)}
            if PDF
            else {}
        ),
    }


def _ok(response):
    assert response.status_code == 200, response.status_code
    return response


def _audit(client, user) -> dict:
    from deelwijzer.audit.models import AuditEvent
    from deelwijzer.cases.models import Case

    case = Case.objects.filter(organisation__memberships__user=user).first()
    deep = AuditEvent.objects.order_by("id").values_list("id", flat=True)[1000]
    filters = {
        "first page": {},
        "person": {"persoon": str(_someone(user).public_id)},
        "action": {"handeling": "signal.add"},
        "refused": {"uitkomst": "refused"},
        "period": {"van": "2026-01-01", "tot": "2100-01-01"},
        "case pseudonym": {"casus": case.pseudonym if case else "x"},
        "object text": {"tekst": "risico r1"},
        "deep keyset page": {"voor": str(deep)},
    }
    out: dict = {"rows": AuditEvent.objects.count()}
    out["filters_ms"] = {
        name: _median_ms(lambda q=query: _ok(client.get("/audit/", q)))
        for name, query in filters.items()
    }
    started = time.perf_counter()
    body = b"".join(_ok(client.get("/audit/export.csv", {"uitkomst": "refused"})).streaming_content)
    out["csv_refused_seconds"] = round(time.perf_counter() - started, 2)
    out["csv_refused_rows"] = body.count(b"\n") - 1
    if PDF:
        out["pdf_max_rows_ms"] = _median_ms(lambda: _ok(client.get("/audit/export.pdf")), 1)
    return out


def _someone(user):
    from deelwijzer.accounts.models import User

    return User.objects.exclude(pk=user.pk).order_by("pk").first()


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.settings")
    django.setup()
    user, organisation = _auditor()
    client = _client(user)
    result: dict = {"statistics": _statistics(client, organisation)}
    rows = int(os.environ.get("AUDIT_ROWS") or 1_000_000)  # 0: a second probe, rows are there
    if rows > 0:
        result["audit_fill_seconds"] = _fill_audit(rows)
    result["audit"] = _audit(client, user)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
