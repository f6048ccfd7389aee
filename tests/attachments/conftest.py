from __future__ import annotations

from datetime import date

import pytest

from deelwijzer.signalling.models import SignalKind, SourceKind
from deelwijzer.signalling.services import SignalInput, signal_add


@pytest.fixture(autouse=True)
def attachment_dir(tmp_path, settings):
    """Every test here stores its attachments in a folder of its own (to count them)."""
    folder = tmp_path / "attachments"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder)},
        },
    }
    return folder


@pytest.fixture
def signal(personas):
    data = SignalInput(
        kind=SignalKind.SIGNAL,
        observed_on=date(2026, 3, 3),
        text="Hij liet op maandag een schermafbeelding van een bericht zien.",
        source_kind=SourceKind.OWN_OBSERVATION,
    )
    return signal_add(actor=personas.professional, case_id=personas.case.pk, data=data)


def stored_files(folder) -> list:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []
