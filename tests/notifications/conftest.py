"""Every persona gets an e-mail address; ``content_free`` checks what a notification may say."""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.advice.conftest import deduce_model  # noqa: F401 (a fixture, shared with step 2)


@pytest.fixture
def with_email(personas):
    for name, user in personas.all().items():
        if user is not None:
            user.email = f"{name}@example.org"
            user.save(update_fields=["email"])
    return personas


def assert_content_free(message, personas) -> None:
    """No name, no pseudonym, no case content, not the word "radicalisering"; a link."""
    text = f"{message.subject}\n{message.body}"
    forbidden = ["Yusuf", "Bakker", "Fatima", "Kastanjelaan", personas.case.pseudonym]
    forbidden += [u.get_full_name() for u in personas.all().values() if u is not None]
    forbidden += [u.last_name for u in personas.all().values() if u is not None]
    for word in forbidden:
        assert word not in text, f"the e-mail names {word!r}"
    assert "radicali" not in text.lower()
    assert "er staat iets voor je klaar in deelwijzer" in text.lower()
    assert f"{settings.SITE_URL.rstrip('/')}/" in message.body
    assert len(message.to) == 1
