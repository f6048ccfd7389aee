"""Meldingen: each user turns the e-mails on or off, audited; DEELWIJZER_EMAIL_FILE_DIR puts
every e-mail in a directory as a file (issue #16.7)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse

from deelwijzer import settings as deelwijzer_settings
from deelwijzer.audit.models import AuditEvent
from deelwijzer.notifications.models import NotificationSetting
from tests.decisions.helpers import lawful_without_consent, prepared
from tests.decisions.helpers import submit as post_decision

URL = "notification_settings"


def test_every_role_reaches_the_page_from_the_menu(personas, client_for):
    for name, user in personas.all().items():
        if user is None:
            continue
        page = client_for(user).get(reverse("dashboard")).content.decode()
        assert f'href="{reverse(URL)}"' in page, name


def test_turning_mail_off_is_saved_and_audited_with_old_and_new(personas, client_for):
    client = client_for(personas.decision_maker)
    response = client.post(reverse(URL), {"email": "off"}, follow=True)
    assert "je krijgt geen e-mails meer" in response.content.decode()
    assert NotificationSetting.objects.get(user=personas.decision_maker).email is False
    event = AuditEvent.objects.filter(action="notifications.setting_change").get()
    assert event.user_id == personas.decision_maker.pk
    assert event.detail == {"email": {"old": True, "new": False}}
    client.post(reverse(URL), {"email": "on"})
    assert NotificationSetting.objects.get(user=personas.decision_maker).email is True


@pytest.mark.parametrize("body", [{}, {"email": ""}, {"email": "misschien"}, {"email": "<b>"}])
def test_empty_or_garbage_is_refused_with_a_dutch_message_and_nothing_saved(
    personas, client_for, body
):
    response = client_for(personas.professional).post(reverse(URL), {"x": "1", **body})
    assert response.status_code == 422
    page = response.content.decode()
    assert "data-error-summary" in page
    assert "Kies" in page
    assert not NotificationSetting.objects.exists()
    assert not AuditEvent.objects.filter(action="notifications.setting_change").exists()


def test_the_page_says_what_a_mail_contains_and_shows_the_current_choice(personas, client_for):
    NotificationSetting.objects.create(user=personas.professional, email=False)
    page = client_for(personas.professional).get(reverse(URL)).content.decode()
    assert "Nu staan de e-mails uit." in page
    assert 'value="off" id="id_email_1" required checked' in page
    assert 'value="on" id="id_email_0" required>' in page
    assert "Nooit een naam, een pseudoniem of iets uit een casus" in page


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_the_file_dir_setting_chooses_the_file_backend(monkeypatch, tmp_path):
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    monkeypatch.setenv("DEELWIJZER_EMAIL_FILE_DIR", str(tmp_path))
    backend, path = deelwijzer_settings._email_backend()
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path == str(tmp_path)
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    with pytest.raises(ImproperlyConfigured, match="DEELWIJZER_EMAIL_FILE_DIR"):
        deelwijzer_settings._email_backend()


def test_with_the_file_backend_a_notification_is_a_file_to_read(
    personas, client_for, tmp_path, django_capture_on_commit_callbacks
):
    personas.decision_maker.email = "beslisser@example.org"
    personas.decision_maker.save()
    case = prepared(personas)
    backend = "django.core.mail.backends.filebased.EmailBackend"
    with override_settings(EMAIL_BACKEND=backend, EMAIL_FILE_PATH=str(tmp_path)):
        with django_capture_on_commit_callbacks(execute=True):
            post_decision(client_for(personas.professional), case, **lawful_without_consent())
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    text = files[0].read_text()
    assert "To: beslisser@example.org" in text
    assert "klaar in Deelwijzer" in text
    assert case.pseudonym not in text
