"""In-process timings on a seeded database: pages and documents (run by bench/bench_app.py).

``python -m bench.probe_app`` with DATABASE_URL / DEELWIJZER_VAR_DIR set prints JSON:

* ``pages``: for the biggest case (200 entries) and a typical one, each page's median time
  (Django's test client, no network, one process), its CPU time and its number of queries.
* ``documents``: the dossier PDF of the biggest case and a share document (WeasyPrint).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from typing import Any

import django

REPEAT = int(os.environ.get("BENCH_PAGE_REPEAT") or 7)
PAGES = {
    "dashboard": "/",
    "case page": "/casussen/{pk}/",
    **{f"step {n}": f"/casussen/{{pk}}/stap-{n}/" for n in range(1, 7)},
    "dossier": "/casussen/{pk}/dossier/",
}


def _client(username: str):
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from deelwijzer.accounts import sessions
    from deelwijzer.accounts.models import User

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    sessions.start(session)
    session.save()
    return user, client


def _timed(action, repeat: int = REPEAT) -> dict:
    action()  # warm-up
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - w) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return {"ms": round(statistics.median(wall), 1), "cpu_ms": round(statistics.median(cpu), 1)}


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def entries_of(case) -> int:
    from deelwijzer.devdata.seed.build import ENTRY_MODELS

    return sum(model.objects.filter(case=case).count() for model in ENTRY_MODELS)


def pages(client, case) -> dict:
    out: dict[str, Any] = {"entries": entries_of(case)}
    for name, pattern in PAGES.items():
        url = pattern.format(pk=case.public_id)
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        out[name] = {**_timed(lambda u=url: client.get(u)), "queries": _queries(client, url)}
        out[name]["kb"] = round(len(response.content) / 1024)
    return out


def documents(user, big_case) -> dict:
    from deelwijzer.disclosures.document import render_share_pdf
    from deelwijzer.disclosures.models import Disclosure
    from deelwijzer.documents.services import dossier_pdf

    _, pdf = dossier_pdf(actor=user, case_id=big_case.pk)
    out = {
        "dossier_pdf": {
            "entries": entries_of(big_case),
            "kb": round(len(pdf) / 1024),
            **_timed(lambda: dossier_pdf(actor=user, case_id=big_case.pk), repeat=3),
        }
    }
    disclosure = Disclosure.objects.order_by("pk").first()
    if disclosure is not None:
        pdf = render_share_pdf(disclosure)
        out["share_pdf"] = {
            "items": len(disclosure.items),
            "kb": round(len(pdf) / 1024),
            **_timed(lambda: render_share_pdf(disclosure), repeat=5),
        }
    return out


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.settings")
    django.setup()
    from deelwijzer.cases.models import Case
    from deelwijzer.devdata.seed.names import username

    name = username(1, "prof", 1)
    user, client = _client(name)
    cases = list(Case.objects.filter(team__user=user).order_by("pk")[:8])
    big = cases[0]  # the first case of each organisation is the big one
    typical = min(cases[1:] or cases, key=lambda c: abs(entries_of(c) - 30))
    result = {"pages": {"big case": pages(client, big), "typical case": pages(client, typical)}}
    result["documents"] = documents(user, big)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
