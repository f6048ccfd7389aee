"""The permission table for Meldingen: every signed-in user has their own setting."""

from tests.permissions import table

GET_TABLE: dict[str, dict[str, int]] = {
    "notification_settings": table(200),
}

POST_TABLE: dict[str, dict[str, int]] = {}


def url_kwargs(name: str, personas) -> dict:
    return {}
