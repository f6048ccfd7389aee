"""Issue #23: Deelwijzer is stateless across nodes. Two gunicorn nodes (production settings,
deploy/gunicorn.conf.py with --preload) on the test database behind HAProxy on loopback
(deploy/haproxy.cfg): a user signs in on one node and goes on on the other; the lock-out,
the second factor and the kept evaluations are the same on both; the metrics port of a node
shows its requests and the jobs of every node."""

from __future__ import annotations

import re
import urllib.request
from datetime import date

import pytest
from django.conf import settings
from django.db import connection

from bench.cluster import cluster
from bench.signin import Browser, Session, csrf, current_code
from deelwijzer.cases.models import CaseSnapshot
from deelwijzer.devdata.seed.names import BENCH_PASSWORD, username
from deelwijzer.signalling.models import Signal
from tests.test_backup_restore import cli, database_url

CASE_LINK = re.compile(r'href="/casussen/([0-9a-f-]{36})/"')


pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def nodes(tmp_path):
    """A seeded database (2 organisations, 160 cases: 4 professionals each), two nodes and
    the balancer."""
    url = database_url(connection.settings_dict)
    seeded = cli(url, "seed", "--cases", "160", "--orgs", "2", "--entries-per-case", "6")
    assert seeded.returncode == 0, seeded.stderr
    env = {**_environ(), "DATABASE_URL": url, "DEELWIJZER_VAR_DIR": str(settings.VAR_DIR)}
    with cluster(env, tmp_path / "cluster", workers=1, metrics=True) as running:
        yield running


def test_two_nodes_behind_the_balancer_share_every_state(nodes):
    """One cluster start (about a minute) for every check: each is a function below."""
    signed_in_on_one_node_goes_on_on_the_other(nodes)
    the_lock_out_counts_failures_on_every_node(nodes)
    the_evaluation_kept_by_one_node_serves_the_other_until_a_change(nodes)
    through_the_balancer_both_nodes_answer_with_the_request_id(nodes)
    metrics_on_the_hosts_port_only(nodes)
    a_killed_node_loses_no_page(nodes)  # last: it kills node 2


def _environ() -> dict[str, str]:
    import os

    from tests.test_backup_restore import SRC

    return {**os.environ, "PYTHONPATH": SRC}


def browsers(nodes, name: str) -> tuple[Browser, Browser]:
    session = Session(name)
    return Browser(nodes.nodes[0].base, session), Browser(nodes.nodes[1].base, session)


def password(browser: Browser, name: str, secret: str = BENCH_PASSWORD) -> int:
    _, _, html = browser.request("/inloggen/")
    body = {"csrfmiddlewaretoken": csrf(html), "username": name, "password": secret}
    return browser.request("/inloggen/", body)[0]


def code(browser: Browser, value: str) -> int:
    _, _, html = browser.request("/inloggen/code/")
    return browser.request("/inloggen/code/", {"csrfmiddlewaretoken": csrf(html), "code": value})[0]


def signed_in_on_one_node_goes_on_on_the_other(nodes):
    name = username(1, "prof", 1)
    one, two = browsers(nodes, name)
    assert password(one, name) == 302  # the password on node 1
    assert two.request("/")[0] == 302  # node 2 knows the half-signed-in session: code first
    typed = current_code(name)
    assert code(two, typed) == 302  # the second factor on node 2
    status, _, html = one.request("/")
    assert status == 200 and CASE_LINK.search(html)  # the dashboard on node 1

    # the same code is refused on the other node: the device's last use is in the database
    again_one, again_two = browsers(nodes, name)
    assert password(again_two, name) == 302
    assert code(again_one, typed) == 422


def the_lock_out_counts_failures_on_every_node(nodes):
    name = username(2, "prof", 2)
    one, two = browsers(nodes, name)
    for attempt in range(5):  # 5 wrong passwords, spread over both nodes
        assert password((one, two)[attempt % 2], name, "fout-wachtwoord-123") != 302
    status, _, html = one.request("/inloggen/")
    body = {"csrfmiddlewaretoken": csrf(html), "username": name, "password": BENCH_PASSWORD}
    for browser in (one, two):  # now even the right password is refused, on either node
        status, _, html = browser.request("/inloggen/", body)
        assert status == 429 and "even geblokkeerd" in html.lower()


def signed_in(nodes, name: str) -> tuple[Browser, Browser]:
    one, two = browsers(nodes, name)
    assert password(one, name) == 302 and code(two, current_code(name)) == 302
    return one, two


def the_evaluation_kept_by_one_node_serves_the_other_until_a_change(nodes):
    name = username(1, "prof", 3)
    one, two = signed_in(nodes, name)
    case_id = CASE_LINK.search(one.request("/")[2]).group(1)
    page = f"/casussen/{case_id}/"
    assert one.request(page)[0] == 200
    kept = CaseSnapshot.objects.get(case__public_id=case_id)
    assert two.request(page)[0] == 200
    assert CaseSnapshot.objects.get(pk=kept.pk).case_revision == kept.case_revision  # reused

    text = "Op dinsdag vroeg hij in de klas naar een adres in een andere stad."
    status, _, html = two.request(f"{page}stap-1/")
    body = {
        "csrfmiddlewaretoken": csrf(html),
        "signal-kind": "signal",
        "signal-observed_on": date.today().isoformat(),
        "signal-text": text,
        "signal-source_kind": "own_observation",
    }
    assert two.request(f"{page}stap-1/signalen/", body)[0] == 302  # written through node 2
    assert Signal.objects.filter(case__public_id=case_id).count() >= 1
    status, _, html = one.request(f"{page}stap-1/")
    assert status == 200 and text in html  # node 1 shows it at once
    fresh = CaseSnapshot.objects.get(case__public_id=case_id)
    assert fresh.case_revision > kept.case_revision  # and keeps the new evaluation


def through_the_balancer_both_nodes_answer_with_the_request_id(nodes):
    name = username(2, "prof", 3)
    session = Session(name)
    front = Browser(nodes.base, session)
    assert password(front, name) == 302 and code(front, current_code(name)) == 302
    ids = set()
    for _ in range(6):
        status, headers, _ = front.request("/")
        assert status == 200
        ids.add({k.lower(): v for k, v in headers.items()}["x-request-id"])  # HAProxy: lower
    assert len(ids) == 6  # HAProxy's unique id, passed through each node
    served = nodes.admin("show stat")
    totals = {
        line.split(",")[1]: int(line.split(",")[7])
        for line in served.splitlines()
        if line.startswith("nodes,node")
    }
    assert totals["node1"] > 0 and totals["node2"] > 0  # round robin, no stickiness


def scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as answer:
        return answer.read().decode()


def metrics_on_the_hosts_port_only(nodes):
    node = nodes.nodes[0]
    name = username(1, "prof", 4)
    one, _ = signed_in(nodes, name)
    case_id = CASE_LINK.search(one.request("/")[2]).group(1)
    assert one.request(f"/casussen/{case_id}/")[0] == 200
    url = database_url(connection.settings_dict)
    ran = cli(url, "purge", "--today", "2000-01-01")
    assert ran.returncode == 0, ran.stderr

    text = scrape(node.metrics_port)
    assert re.search(r'deelwijzer_request_seconds_bucket\{[^}]*view="case_detail"', text)
    assert re.search(r'deelwijzer_db_queries_total\{view="case_detail"\} [1-9]', text)
    assert 'deelwijzer_job_runs_total{job="purge",status="ok"} 1.0' in text
    assert "deelwijzer_job_last_success_timestamp_seconds" in text
    assert case_id not in text  # view names, never paths or ids
    assert one.request("/metrics")[0] == 404  # not on the application's port
    with pytest.raises(OSError):  # bound to 127.0.0.1 only
        urllib.request.urlopen(f"http://{_other_address()}:{node.metrics_port}/", timeout=3)


def _other_address() -> str:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("192.0.2.1", 9))  # no packet is sent: picks the outward interface
        return probe.getsockname()[0]


def a_killed_node_loses_no_page(nodes):
    """A node lost (SIGKILL, master and workers): every page asked through the balancer is
    still answered, whether HAProxy finds the node's port closed (conn-failure) or had the
    request taken and dropped by it (empty-response: retried for GET), and the node is taken
    out. tests/deploy/test_balancer_retries.py pins down each of the two cases and that a
    dropped POST is not sent again."""
    nodes.nodes[1].kill()
    answers = [urllib.request.urlopen(f"{nodes.base}/healthz", timeout=10).status for _ in range(6)]
    assert answers == [200] * 6  # round robin sent some of them to the killed node
    nodes.wait_for_states({"node1": "UP", "node2": "DOWN"}, seconds=15)
