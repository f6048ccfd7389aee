"""Every URL, every persona: the status code must match this table.

Adding a URL without adding it here fails ``test_every_url_is_in_the_table``.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

A, P, C, AO, DM, OA, AU, S = (
    "anonymous",
    "professional",
    "colleague",
    "attention_officer",
    "decision_maker",
    "org_admin",
    "auditor",
    "stranger",
)
EVERYONE = (A, P, C, AO, DM, OA, AU, S)
SIGNED_IN = (P, C, AO, DM, OA, AU, S)


def table(default: int, anonymous: int = 302, **overrides: int) -> dict[str, int]:
    row = {persona: default for persona in SIGNED_IN}
    row[A] = anonymous
    row.update(overrides)
    return row


# GET status per URL name and persona.
GET_TABLE: dict[str, dict[str, int]] = {
    "login": table(302, anonymous=200),
    "logout": table(405, anonymous=405),
    "password_set": table(200, anonymous=200),
    "dashboard": table(200),
    "case_new": table(403, professional=200, colleague=200, stranger=200),
    "case_detail": table(404, professional=200),
    "case_team_add": table(405),
    "case_close": table(405),
    "admin_users": table(403, org_admin=200),
    "admin_user_invite": table(403, org_admin=200),
    "admin_user_edit": table(403, org_admin=200),
    "admin_user_active": table(405),
    "admin_settings": table(403, org_admin=200),
    "audit_log": table(403, auditor=200),
    "audit_case": table(403, auditor=200),
}

# POST status for the views that only take POST (empty or harmless bodies).
POST_TABLE: dict[str, dict[str, int]] = {
    "case_team_add": table(404, professional=302),
    "case_close": table(404, professional=302),
    "admin_user_active": table(403, org_admin=302),
}


def url_names(patterns=None, prefix="") -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            names |= url_names(entry.url_patterns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def url_for(name: str, personas) -> str:
    kwargs = {
        "case_detail": {"case_id": personas.case.pk},
        "case_team_add": {"case_id": personas.case.pk},
        "case_close": {"case_id": personas.case.pk},
        "admin_user_edit": {"user_id": personas.colleague.pk},
        "admin_user_active": {"user_id": personas.colleague.pk},
        "audit_case": {"case_id": personas.case.pk},
        "password_set": {"uidb64": "MQ", "token": "set-password"},
    }.get(name, {})
    return reverse(name, kwargs=kwargs)


def test_every_url_is_in_the_table():
    assert url_names() == set(GET_TABLE)


@pytest.mark.parametrize("name", sorted(GET_TABLE))
def test_get_status_per_persona(name, personas, client_for):
    got = {}
    for persona, user in personas.all().items():
        got[persona] = client_for(user).get(url_for(name, personas)).status_code
    assert got == GET_TABLE[name]


@pytest.mark.parametrize("name", sorted(POST_TABLE))
def test_post_status_per_persona(name, personas, client_for):
    got = {}
    for persona, user in personas.all().items():
        response = client_for(user).post(url_for(name, personas), {"active": "1"})
        got[persona] = response.status_code
    expected = dict(POST_TABLE[name])
    assert got == expected


def test_other_organisations_case_is_404_even_for_its_org_admin(personas, client_for):
    url = reverse("case_detail", kwargs={"case_id": personas.other_case.pk})
    for user in (personas.professional, personas.org_admin, personas.auditor):
        assert client_for(user).get(url).status_code == 404
