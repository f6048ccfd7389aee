"""The API client fixture for the case life-cycle tests, which go through web and API."""

from tests.api.conftest import api_as  # noqa: F401
