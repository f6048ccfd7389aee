"""Attachments (issue 19): adding a 5 MB photo (time and peak memory), and the dossier PDF of
a case with 20 images (their thumbnails are in it).

The photo is made here: a camera-sized JPEG of noise with EXIF (the worst case for the
re-encoding, which decodes every pixel). The upload goes through the service as the page and
the API call it: sniffing, re-encoding without metadata, thumbnail, AES-GCM, storage, the row
and its audit event. Peak memory is the process's peak RSS (Pillow's pixel buffers are not
Python objects, so tracemalloc alone would miss them) above its level before the upload, and
tracemalloc's peak for the Python side.

``python -m bench.bench_attachments`` prints JSON; ``run()`` does so on a fresh SQLite
database and attachment folder (bench/run.py).
"""

from __future__ import annotations

import io
import json
import os
import resource
import time
import tracemalloc
from datetime import date, timedelta

import django

PHOTO_BYTES = 5 * 1024 * 1024
IMAGES_IN_CASE = 20


def photo(target: int = PHOTO_BYTES, size=(2400, 1800)) -> bytes:
    """A JPEG of noise with EXIF, near ``target`` bytes (quality lowered until it fits)."""
    from PIL import Image

    noise = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    exif = Image.Exif()
    exif[0x013B] = "Bench Camera Owner"
    data = b""
    for quality in (95, 90, 85, 80, 70, 60, 50):
        out = io.BytesIO()
        noise.save(out, "JPEG", quality=quality, exif=exif)
        data = out.getvalue()
        if len(data) <= target:
            break
    return data


def _case():
    from deelwijzer.accounts.models import User
    from deelwijzer.cases.services import CaseInput, case_open
    from deelwijzer.organisations.models import Membership, Organisation, Role, Sector
    from deelwijzer.signalling.services import SignalInput, signal_add

    organisation = Organisation.objects.create(name="Bench bijlagen", sector=Sector.EDUCATION)
    user = User.objects.create_user(username="bench-bijlagen", first_name="Bench")
    Membership.objects.create(user=user, organisation=organisation, role=Role.PROFESSIONAL)
    data = CaseInput("", "Bench Jongere", date.today() - timedelta(days=15 * 365), "mentor")
    case = case_open(actor=user, organisation=organisation, data=data)
    for _ in range(IMAGES_IN_CASE // 10):  # at most 10 files per entry
        signal_add(
            actor=user,
            case_id=case.pk,
            data=SignalInput(
                "signal", date.today(), "Een foto van de tekening.", "own_observation"
            ),
        )
    return case, user


def _add(case, user, entry_key: str, data: bytes, name: str):
    from deelwijzer.attachments.services import Upload, attachment_add

    upload = Upload(name, data, "Foto van een tekening", date.today())
    return attachment_add(
        actor=user, case_id=case.pk, entry_kind="signal", entry_key=entry_key, upload=upload
    )


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_upload(case, user) -> dict:
    data = photo()
    _add(case, user, "s1", photo(200_000, (800, 600)), "warm.jpg")  # warm-up: codecs, imports
    before = _peak_rss_mb()
    tracemalloc.start()
    started = time.perf_counter()
    added = _add(case, user, "s1", data, "foto.jpg")
    seconds = time.perf_counter() - started
    _current, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "photo_mb": round(len(data) / 1024 / 1024, 2),
        "stored_mb": round(added.size / 1024 / 1024, 2),
        "seconds": round(seconds, 2),
        "peak_rss_above_before_mb": round(_peak_rss_mb() - before, 1),
        "python_peak_mb": round(python_peak / 1024 / 1024, 1),
    }


def measure_dossier(case, user, repeat: int) -> dict:
    from deelwijzer.attachments.models import Attachment
    from deelwijzer.documents.services import dossier_pdf

    have = Attachment.objects.filter(case=case, withdrawn_at__isnull=True).count()
    for number in range(have, IMAGES_IN_CASE):  # each one different: no shared image in the PDF
        picture = photo(400_000, (1200, 900))
        _add(case, user, f"s{number // 10 + 1}", picture, f"foto-{number}.jpg")
    dossier_pdf(actor=user, case_id=case.pk)  # warm-up: WeasyPrint's fonts and the templates
    best, size = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(dossier_pdf(actor=user, case_id=case.pk)[1])
        best = min(best, time.perf_counter() - started)
    images = Attachment.objects.filter(case=case, withdrawn_at__isnull=True).count()
    return {"images": images, "seconds": round(best, 2), "kb": size // 1024}


def measure(repeat: int = 3) -> dict:
    case, user = _case()
    upload = measure_upload(case, user)
    return {"upload_5mb": upload, "dossier_pdf_20_images": measure_dossier(case, user, repeat)}


def run() -> dict:
    from bench.server import json_on_fresh_sqlite

    return json_on_fresh_sqlite("bench.bench_attachments")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.settings")
    django.setup()
    print(json.dumps(measure(int(os.environ.get("BENCH_PDF_REPEAT") or 3))))


if __name__ == "__main__":
    main()
