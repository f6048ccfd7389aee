"""#17.5: a redirect target from the request (``next``) is a path on this site or the default;
never a 500 (NoReverseMatch on ``abc``) and never another site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from deelwijzer.cases.models import Case
from tests.accounts.helpers import authenticator, current_code

BAD = ["abc", "https://evil.example/", "//evil.example/x", "/\\evil.example", "dashboard"]


@pytest.mark.parametrize("target", BAD)
def test_involving_the_decision_maker_again_with_a_bad_next(personas, client_for, target):
    case = personas.case
    url = reverse("decision_involve", kwargs={"case_id": case.public_id})
    prof = client_for(personas.professional)
    prof.post(url)  # involved once
    response = prof.post(url, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("step5", kwargs={"case_id": case.public_id})
    assert Case.objects.get(pk=case.pk).decision_maker_involved_at is not None


def test_involving_keeps_a_path_of_this_site(personas, client_for):
    case = personas.case
    back = reverse("step4", kwargs={"case_id": case.public_id})
    url = reverse("decision_involve", kwargs={"case_id": case.public_id})
    response = client_for(personas.professional).post(url, {"next": back})
    assert response["Location"] == back


@pytest.mark.parametrize("target", BAD)
def test_code_page_of_a_signed_in_user_with_a_bad_next(personas, client_for, target):
    response = client_for(personas.professional).get(reverse("two_factor"), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


@pytest.mark.parametrize("target", BAD)
def test_sign_in_with_a_bad_next_ends_on_the_home_page(personas, client, target):
    authenticator(personas.professional)
    client.post(f"{reverse('login')}?next={target}", {"username": "prof", "password": "x"})
    response = client.post(
        reverse("login") + "?next=" + target,
        {"username": "prof", "password": "test-wachtwoord-lang-genoeg", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('two_factor')}?next=%2F"
    device = personas.professional.totpdevice_set.get()
    done = client.post(
        reverse("two_factor") + "?next=" + target, {"code": current_code(device), "next": target}
    )
    assert done.status_code == 302 and done["Location"] == reverse("dashboard")


def test_a_signed_in_user_on_the_sign_in_page_with_a_bad_next(personas, client_for):
    response = client_for(personas.professional).get(reverse("login"), {"next": "abc"})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
