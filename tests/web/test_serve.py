"""#17.14: ``deelwijzer serve`` (Django's threaded server) keeps no database connection after a
request, whatever DB_CONN_MAX_AGE says: a thread per request each holding a connection ran
PostgreSQL out of connections."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.core.signals import request_finished
from django.db import connections

from deelwijzer.web.management.commands import serve


def _connection_kept_after_a_request() -> bool:
    """What a request thread of the server does: open the connection, finish the request."""
    kept = []

    def request():
        connection = connections["default"]
        connection.ensure_connection()
        request_finished.send(sender=None)
        kept.append(connection.connection is not None)
        connection.close()

    thread = threading.Thread(target=request)
    thread.start()
    thread.join()
    return kept[0]


@pytest.mark.django_db(transaction=True)
def test_serve_closes_the_connection_after_each_request(monkeypatch):
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 60)
    assert _connection_kept_after_a_request()  # as gunicorn would, with 60
    started = []
    monkeypatch.setattr(serve, "call_command", lambda *a, **kw: started.append((a, kw)))
    call_command("serve", "127.0.0.1:8765")
    assert started[0][0] == ("runserver", "127.0.0.1:8765")
    assert connections["default"].settings_dict["CONN_MAX_AGE"] == 0
    assert not _connection_kept_after_a_request()
