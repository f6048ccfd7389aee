"""The PostgreSQL pass of .ci/run runs the tests marked ``database`` (tests/conftest.py): every
test that can reach the configured database must carry the mark, the others must not."""

from __future__ import annotations

import pytest


def test_a_test_with_the_database_is_marked(db, request):
    assert request.node.get_closest_marker("database") is not None


@pytest.mark.django_db
def test_a_test_marked_for_the_database_is_marked(request):
    assert request.node.get_closest_marker("database") is not None


def test_a_test_through_a_fixture_that_needs_the_database_is_marked(personas, request):
    assert request.node.get_closest_marker("database") is not None


def test_a_test_without_the_database_is_not_marked(request):
    assert request.node.get_closest_marker("database") is None
