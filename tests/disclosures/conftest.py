"""Fixtures shared by the step 6 tests: the API client of tests/api."""

from tests.api.conftest import api_as  # noqa: F401
