"""``deelwijzer create-organisation``: the first real organisation and its functional
administrator; a one-time set-password link or a password from a file; two-factor enrolment at
the first sign-in; bad input ends with a message and exit code 2, and nothing is created."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from deelwijzer.accounts.models import User
from deelwijzer.audit.models import AuditEvent
from deelwijzer.organisations.models import Membership, Organisation, Role, Sector
from tests.accounts.helpers import post_password

STRONG = "Zomer-Avond-Fietstocht-81"


def _create(*args: str) -> str:
    out = io.StringIO()
    call_command("create_organisation", *args, stdout=out)
    return out.getvalue()


def _refused(*args: str) -> str:
    with pytest.raises(CommandError) as caught:
        _create(*args)
    assert caught.value.returncode == 2
    return str(caught.value)


def test_a_new_organisation_and_its_admin_with_a_one_time_link(db, client):
    """ASVS 5.0 V6.2 / V6.3.2 (no default accounts: the administrator chooses the password);
    V6.4.1-style one-time link; two factors at the first sign-in (V6.3.3)."""
    out = _create(
        "--name", "De Horizon", "--admin-email", "Beheer@Horizon.example", "--sector",
        "youth_care", "--first-name", "Bea", "--last-name", "Heer",
    )  # fmt: skip
    organisation = Organisation.objects.get(name="De Horizon")
    assert organisation.sector == Sector.YOUTH_CARE
    user = User.objects.get(username="beheer@horizon.example")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, organisation=organisation, role=Role.ORG_ADMIN)
    link = re.search(r"https?://\S+/wachtwoord/\S+/", out).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": STRONG, "new_password2": STRONG}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(STRONG)
    assert client.get("/" + path, follow=True).context["validlink"] is False  # one time only
    signed_in = post_password(client, user.username, password=STRONG)
    assert signed_in["Location"].startswith(reverse("two_factor"))
    assert client.get(signed_in["Location"])["Location"].startswith(reverse("two_factor_enrol"))
    event = AuditEvent.objects.get(action="organisation.create")
    assert (event.organisation_id, event.purpose) == (organisation.pk, "cli")
    assert event.detail == {"sector": "youth_care", "admin_user_id": user.pk, "password_set": False}


def test_a_password_from_a_file(db, tmp_path, client):
    secret = tmp_path / "wachtwoord"
    secret.write_text(STRONG + "\n", encoding="utf-8")
    out = _create("--name", "Het Kompas", "--admin-email", "fb@kompas.example",
                  "--password-file", str(secret))  # fmt: skip
    assert "wachtwoord/" not in out  # no link when the password is set
    user = User.objects.get(username="fb@kompas.example")
    assert user.check_password(STRONG)
    assert post_password(client, user.username, password=STRONG)["Location"].startswith(
        reverse("two_factor")
    )


def test_a_password_asked_for_twice(db, monkeypatch):
    answers = iter([STRONG, STRONG])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    _create("--name", "De Brug", "--admin-email", "fb@brug.example", "--ask-password")
    assert User.objects.get(username="fb@brug.example").check_password(STRONG)
    answers = iter([STRONG, STRONG + "x"])
    message = _refused("--name", "De Pier", "--admin-email", "fb@pier.example", "--ask-password")
    assert "niet gelijk" in message


def test_asked_for_without_a_terminal_it_says_what_to_use(db, monkeypatch):
    """The operator walk: from a pipe or a script, a traceback ending in EOFError."""
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    message = _refused("--name", "De Pier", "--admin-email", "fb@pier.example", "--ask-password")
    assert "in een terminal" in message and "--password-file" in message
    assert not User.objects.filter(username="fb@pier.example").exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--name", "het baken", "--admin-email", "nieuw@baken.example"], "al een organisatie"),
        (["--name", "Nieuw", "--admin-email", "geen-adres"], "geen geldig e-mailadres"),
        (["--name", "Nieuw", "--admin-email", "prof"], "geen geldig e-mailadres"),
        (["--name", "   ", "--admin-email", "a@b.example"], "Geef de organisatie een naam"),
        (["--name", "N" * 201, "--admin-email", "a@b.example"], "te lang"),
        (["--name", "Nieuw", "--admin-email", "a@b.example", "--sector", "kapper"], "sector"),
    ],
)
def test_bad_input_is_refused_with_exit_2_and_creates_nothing(personas, args, expected):
    organisations, users = Organisation.objects.count(), User.objects.count()
    assert expected in _refused(*args)
    assert (Organisation.objects.count(), User.objects.count()) == (organisations, users)
    assert not AuditEvent.objects.filter(action="organisation.create").exists()


def test_an_existing_account_and_a_weak_or_missing_password_are_refused(personas, tmp_path):
    """ASVS 5.0 V6.2.1 (at least 12 characters here), V6.2.4 (no common passwords)."""
    User.objects.create_user(username="bezet@example.nl")
    assert "al een account" in _refused("--name", "A", "--admin-email", "Bezet@example.nl")
    weak = tmp_path / "zwak"
    weak.write_text("welkom123\n", encoding="utf-8")
    message = _refused("--name", "B", "--admin-email", "b@example.nl", "--password-file", str(weak))
    assert "te kort" in message or "too short" in message
    gone = str(tmp_path / "bestaat-niet")
    assert "niet lezen" in _refused("--name", "C", "--admin-email", "c@example.nl",
                                    "--password-file", gone)  # fmt: skip
    empty = tmp_path / "leeg"
    empty.write_text("", encoding="utf-8")
    assert "leeg" in _refused("--name", "D", "--admin-email", "d@example.nl",
                              "--password-file", str(empty))  # fmt: skip
    assert not Organisation.objects.filter(name__in=["A", "B", "C", "D"]).exists()


def test_a_lost_first_link_is_replaced_by_the_operator_audited(db, client):
    """The operator walk: the first administrator's link expired unused, and nothing made a
    new one: "Wachtwoord vergeten?" mails only accounts with a password, and the organisation
    had no other administrator to invite them again."""
    _create("--name", "De Horizon", "--admin-email", "beheer@horizon.example")  # link lost

    def password_link(*args: str) -> str:
        out = io.StringIO()
        call_command("password_link", *args, stdout=out)
        return out.getvalue()

    with pytest.raises(CommandError, match="--reason"):
        password_link("beheer@horizon.example", "--reason", " ")
    out = password_link("beheer@horizon.example", "--reason", "eerste link verlopen, ticket 7")
    path = re.search(r"https?://\S+?(/wachtwoord/\S+/)", out).group(1)
    form_page = client.get(path, follow=True)
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": STRONG, "new_password2": STRONG}
    )
    assert done.status_code == 302
    user = User.objects.get(username="beheer@horizon.example")
    assert user.check_password(STRONG)
    event = AuditEvent.objects.get(action="auth.password_link")
    assert event.object_id == str(user.pk) and event.purpose == "cli"
    assert event.detail == {"reason": "eerste link verlopen, ticket 7"}
    # with a password now, the page for a forgotten one serves; so does an invitation
    with pytest.raises(CommandError, match="Wachtwoord vergeten"):
        password_link("beheer@horizon.example", "--reason", "nog een")


def test_a_link_is_only_for_an_administrator_without_a_password(personas):
    with pytest.raises(CommandError, match="geen account"):
        call_command("password_link", "niemand@x.example", "--reason", "r")
    with pytest.raises(CommandError, match="reden.*geen account niemand@"):  # both at once
        call_command("password_link", "niemand@x.example", "--reason", " ")
    personas.professional.set_unusable_password()
    personas.professional.save()
    with pytest.raises(CommandError, match="geen functioneel beheerder") as refused:
        call_command("password_link", personas.professional.username, "--reason", "r")
    assert refused.value.returncode == 2
    assert not AuditEvent.objects.filter(action="auth.password_link").exists()
