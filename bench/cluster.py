"""Two (or more) gunicorn nodes behind HAProxy on loopback, for the two-node test and
``make bench-scale``: deploy/gunicorn.conf.py and deploy/haproxy.cfg as they are, production
settings, one database for all nodes."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bench.server import BIN, ROOT, free_port, production_env

GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
HAPROXY_CFG = ROOT / "deploy" / "haproxy.cfg"
HAPROXY = "/usr/sbin/haproxy"


@dataclass
class Node:
    name: str
    port: int
    env: dict[str, str]
    log: Path
    metrics_port: int | None = None
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "deelwijzer.wsgi", "-c", str(GUNICORN_CONF)],
                env=self.env,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until_ready(self)

    def kill(self) -> None:
        """SIGKILL the master and its workers at once: a node lost, nothing graceful."""
        assert self.process is not None
        for pid in [*worker_pids(self.process.pid), self.process.pid]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def worker_pids(master: int) -> list[int]:
    with contextlib.suppress(OSError):
        text = Path(f"/proc/{master}/task/{master}/children").read_text()
        return [int(pid) for pid in text.split()]
    return []


def node_memory_mb(node: Node) -> float:
    """The node's proportional set size (PSS: shared pages split between the processes that
    share them), master and workers added up: what the node costs the machine."""
    assert node.process is not None
    total = 0
    for pid in [node.process.pid, *worker_pids(node.process.pid)]:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
    return round(total / 1024, 1)


def wait_until_ready(node: Node, seconds: float = 240) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if node.process is not None and node.process.poll() is not None:
            raise RuntimeError(f"{node.name} stopped during start-up; see {node.log}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{node.base}/readyz", timeout=5) as answer:
                if answer.status == 200:
                    return
        time.sleep(0.5)
    raise RuntimeError(f"{node.name} not ready within {seconds} s; see {node.log}")


@dataclass
class Cluster:
    nodes: list[Node]
    base: str
    run_dir: Path
    haproxy: subprocess.Popen | None = None
    extra: dict = field(default_factory=dict)

    def admin(self, command: str) -> str:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(self.run_dir / "haproxy.sock"))
            sock.sendall(command.encode() + b"\n")
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def server_states(self) -> dict[str, str]:
        """HAProxy's view of each node: UP, DOWN, ... (``show stat``)."""
        lines = self.admin("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        states = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(","), strict=False))
            if row.get("pxname") == "nodes" and row.get("svname", "").startswith("node"):
                states[row["svname"]] = row["status"]
        return states

    def wait_for_states(self, wanted: dict[str, str], seconds: float = 30) -> float:
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            states = self.server_states()
            if all(states.get(k, "").startswith(v) for k, v in wanted.items()):
                return round(time.monotonic() - started, 2)
            time.sleep(0.2)
        raise RuntimeError(f"HAProxy did not reach {wanted}: {self.server_states()}")


def node_env(env: dict[str, str], port: int, metrics_port: int | None, workers: int) -> dict:
    full = {
        **production_env(env),
        "SECRET_KEY": env["SECRET_KEY"],
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_THREADS": env.get("GUNICORN_THREADS", "4"),
        "GUNICORN_ACCESS_LOG": env.get("GUNICORN_ACCESS_LOG", "/dev/null"),
        "TRUSTED_PROXIES": "127.0.0.1",
    }
    full.pop("DEELWIJZER_METRICS_PORT", None)
    if metrics_port:
        full["DEELWIJZER_METRICS_PORT"] = str(metrics_port)
    return full


@contextlib.contextmanager
def cluster(
    env: dict[str, str], run_dir: Path, *, nodes: int = 2, workers: int = 2, metrics: bool = False
) -> Iterator[Cluster]:
    """``nodes`` gunicorn nodes (production settings, --preload) behind HAProxy on loopback."""
    run_dir.mkdir(parents=True, exist_ok=True)
    # One SECRET_KEY for all nodes (production_env makes a new one each call): sessions,
    # CSRF tokens and password-reset links are signed with it on one node, checked on another.
    env = {**env, "SECRET_KEY": production_env(env)["SECRET_KEY"]}
    started: list[Node] = []
    try:
        for n in range(1, nodes + 1):
            port = free_port()
            metrics_port = free_port() if metrics else None
            node_envs = node_env(env, port, metrics_port, workers)
            node = Node(f"node{n}", port, node_envs, run_dir / f"node{n}.log", metrics_port)
            started.append(node)
            node.start()
        with balancer(run_dir, [f"127.0.0.1:{node.port}" for node in started]) as done:
            done.nodes = started
            done.wait_for_states({node.name: "UP" for node in started}, seconds=60)
            yield done
    finally:
        for node in started:
            node.stop()


@contextlib.contextmanager
def balancer(run_dir: Path, addresses: list[str]) -> Iterator[Cluster]:
    """HAProxy with deploy/haproxy.cfg on a free loopback port in front of ``addresses``
    (host:port, called node1, node2, ... in its configuration); ``nodes`` is left empty."""
    if not os.access(HAPROXY, os.X_OK):
        raise RuntimeError(
            f"HAProxy is not installed ({HAPROXY}): install it with `apt-get install -y haproxy` "
            "(.ci/run does this; the multi-node tests and make bench-scale need it)."
        )
    run_dir.mkdir(parents=True, exist_ok=True)
    front = free_port()
    balancer_env = {
        **os.environ,
        "DW_BIND": f"127.0.0.1:{front}",
        "DW_HOST": "127.0.0.1",
        "DW_RUN": str(run_dir),
        **{f"DW_NODE{i + 1}": address for i, address in enumerate(addresses)},
    }
    with open(run_dir / "haproxy.log", "a") as log:
        process = subprocess.Popen(
            [HAPROXY, "-db", "-f", str(HAPROXY_CFG)],
            env=balancer_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_socket(run_dir / "haproxy.sock", process)
        yield Cluster([], f"http://127.0.0.1:{front}", run_dir, process)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_for_socket(path: Path, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("HAProxy did not start; see haproxy.log")
        time.sleep(0.1)
