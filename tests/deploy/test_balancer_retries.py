"""Issue #23, failover: what deploy/haproxy.cfg does with a request that a node took and then
dropped without an answer (a node killed while it held the request, or its listening socket
closed under it). A page (GET) goes to the other node and is answered; a POST is never sent a
second time, because the node might have written it before it died.

The nodes here are two small HTTP servers, so that which node drops what is not a matter of
timing: ``steady`` answers everything, ``dying`` answers the balancer's health check
(/readyz) and closes the connection on every other request after reading it, as a node does
that is killed in the middle of a request."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.cluster import balancer


class Node(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, name: str, drops: bool):
        self.name, self.drops = name, drops
        self.seen: list[tuple[str, str]] = []  # (method, mark) of every request but /readyz
        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Node

    def log_message(self, *args) -> None:
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else ""
        if self.path == "/readyz":
            return self._answer(b"ready")
        self.server.seen.append((self.command, body or self.path.lstrip("/")))
        if self.server.drops:
            self.close_connection = True  # read, never answered: the node died under it
            return
        self._answer(self.server.name.encode())

    def _answer(self, content: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content)

    do_GET = do_POST = _handle


@pytest.fixture
def lb(tmp_path):
    steady, dying = Node("steady", drops=False), Node("dying", drops=True)
    with balancer(tmp_path, [steady.address, dying.address]) as running:
        running.wait_for_states({"node1": "UP", "node2": "UP"})
        yield running, steady, dying
    steady.shutdown()
    dying.shutdown()


def send(base: str, method: str, mark: str) -> tuple[int, str]:
    data = mark.encode() if method == "POST" else None
    path = "/" if method == "POST" else f"/{mark}"
    request = urllib.request.Request(f"{base}{path}", data=data, method=method)
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, ""


def sent_until_dropped(running, dying: Node, method: str, drops: int = 3) -> list[tuple]:
    """Requests one at a time until the dropping node has had ``drops`` of them (round robin:
    about every second one), with each request's mark, answer, and whether it was dropped."""
    sent = []
    for _ in range(4 * drops):
        mark = uuid.uuid4().hex
        status, body = send(running.base, method, mark)
        sent.append((mark, status, body, (method, mark) in dying.seen))
        if sum(dropped for *_, dropped in sent) == drops:
            return sent
    raise AssertionError(f"the balancer did not send the dropping node {drops} {method}s: {sent}")


def test_a_page_dropped_by_a_node_is_answered_by_the_other(lb):
    running, steady, dying = lb
    sent = sent_until_dropped(running, dying, "GET")
    assert [(status, body) for _, status, body, _ in sent] == [(200, "steady")] * len(sent)
    for mark, *_, dropped in sent:  # the dropped ones sent again, to the node that answers
        assert ("GET", mark) in steady.seen, (mark, dropped)


def test_a_post_dropped_by_a_node_is_not_sent_again(lb):
    running, steady, dying = lb
    sent = sent_until_dropped(running, dying, "POST")
    for mark, status, body, dropped in sent:
        if dropped:  # the user sees a failure, not a second write
            assert status == 502, mark
            assert ("POST", mark) not in steady.seen
            assert dying.seen.count(("POST", mark)) == 1
        else:
            assert (status, body) == (200, "steady")
