"""``deelwijzer create-token USERNAME --name NAME``: prints a token that works, made and
audited as one made in the web app; a bad username or name is one clear line and exit 2."""

from __future__ import annotations

import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError

from deelwijzer.api.models import ApiToken
from deelwijzer.api.tokens import api_token_create
from deelwijzer.audit.models import AuditEvent
from tests.api.helpers import ApiClient
from tests.test_command_errors import _console


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("create_token", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_the_printed_token_authenticates_as_the_user_and_is_audited(personas, client):
    secret = _run(personas.professional.username, "--name", "Leerlingadministratie")
    assert secret.startswith("dw_") and "\n" not in secret  # only the token: a script takes it
    mine = ApiClient(client, secret).get("/cases").json()
    assert [c["pseudonym"] for c in mine["items"]] == ["J-TEST"]
    token = ApiToken.objects.get(user=personas.professional, name="Leerlingadministratie")
    event = AuditEvent.objects.get(action="api_token.create", object_id=str(token.pk))
    assert (event.user_id, event.purpose) == (personas.professional.pk, "cli")
    assert secret not in str(event.detail)


@pytest.mark.parametrize(
    "args,message",
    [
        (["niemand", "--name", "X"], "Er is geen gebruiker 'niemand'."),
        (["prof", "--name", "  "], "Geef de sleutel een naam"),
        (["prof", "--name", "x" * 101], "De naam is te lang"),
        (["niemand", "--name", " "], "Er is geen gebruiker 'niemand'. Geef de sleutel een naam"),
    ],
)
def test_bad_input_is_a_clear_message_with_exit_2_and_no_token(personas, args, message):
    with pytest.raises(CommandError) as refused:
        _run(*args)
    assert refused.value.returncode == 2
    assert message in str(refused.value)
    assert not ApiToken.objects.exists()


def test_an_inactive_user_gets_no_token(personas):
    personas.colleague.is_active = False
    personas.colleague.save()
    with pytest.raises(CommandError, match="niet actief"):
        _run(personas.colleague.username, "--name", "X")


def test_on_the_console_a_bad_username_is_one_line_without_traceback(tmp_path):
    assert _console(tmp_path, "migrate", "-v", "0").returncode == 0
    done = _console(tmp_path, "create-token", "niemand", "--name", "X")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "Er is geen gebruiker 'niemand'." in done.stderr
    assert done.stdout == ""


def test_a_token_whose_audit_event_fails_is_not_kept(personas):
    """The token and its audit event are one transaction (a re-read caught the service without
    it for a moment)."""
    with mock.patch("deelwijzer.api.tokens._audit", side_effect=DatabaseError("down")):
        with pytest.raises(DatabaseError):
            api_token_create(actor=personas.professional, name="Leerlingadministratie")
    assert not ApiToken.objects.exists()
