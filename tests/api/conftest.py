import pytest

from tests.api.helpers import ApiClient, token_for


@pytest.fixture
def api_as(client):
    """``api_as(user)``: an API client with a fresh token of that user (None: no token)."""

    def make(user):
        return ApiClient(client, token_for(user) if user is not None else None)

    return make
