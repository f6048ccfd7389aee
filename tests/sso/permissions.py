"""The permission table for sign-in through the organisation's provider (#21)."""

from tests.permissions import NO_ROW, table

GET_TABLE: dict[str, dict[str, int]] = {
    "sso_find": table(200, anonymous=200),
    "sso_start": table(404, anonymous=404),  # no such provider
    "sso_callback": table(403, anonymous=403),  # no state of ours: "verlopen of al gebruikt"
    "sso_backchannel_logout": table(405, anonymous=405),
    "sso_settings": table(403, org_admin=200),
    "sso_link_release": table(405),
}

POST_TABLE: dict[str, dict[str, int]] = {
    "sso_find": table(422, anonymous=422),  # no e-mail address: refused, the form again
    "sso_backchannel_logout": table(400, anonymous=400),  # no logout token
    "sso_settings": table(403, org_admin=422),
    "sso_link_release": table(403, org_admin=302),  # not linked: a message
}


def url_kwargs(name: str, personas) -> dict:
    return {
        "sso_start": {"provider_id": NO_ROW},
        "sso_link_release": {"user_id": personas.colleague.public_id},
    }.get(name, {})
