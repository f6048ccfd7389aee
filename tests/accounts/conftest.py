"""Nina, who is new: invited by e-mail, or choosing a password through a reset link."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from deelwijzer.organisations import invitations
from deelwijzer.organisations.models import Role
from tests.personas import make_user


@pytest.fixture
def nina(personas):
    user = make_user("nina@school.invalid", personas.organisation, Role.PROFESSIONAL)
    user.email, user.first_name, user.last_name = "nina@school.invalid", "Nina", "Nieuw"
    user.save()
    return user


@pytest.fixture
def invitation_url(personas, nina, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invitation_send(
            actor=personas.org_admin, organisation=personas.organisation, user=nina
        )
    return re.search(r"/uitnodiging/\S+/", mailoutbox[-1].body).group(0)


def reset_url(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_set", args=[uidb64, default_token_generator.make_token(user)])


def reset_form(client, user) -> str:
    """The reset link redirects once to the form (Django hides the token from the page)."""
    return client.get(reset_url(user), follow=True).redirect_chain[-1][0]
