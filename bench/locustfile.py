"""The load test's users (locust, headless; started by bench/bench_web.py).

Each virtual user takes one session that ``bench.signin`` made by signing in for real
(password and TOTP code) and keeps it: the sign-in is measured apart, not in these figures.
Requests say they came over HTTPS (X-Forwarded-Proto) and carry their cookies themselves:
the server runs with production settings behind no proxy.

- ``Professional``: a person at work, with think time (BENCH_THINK, seconds from-to):
  dashboard, case page, step pages, and
  now and then a new signal (step 1 form, posted with its CSRF token). /healthz (without
  cookies: the bare view) is asked now and then too, so that the floor's latency is measured
  under the same load.
- ``CasePageFlat`` / ``HealthzFlat`` / ``HealthzSignedFlat``: no think time, one page only:
  saturated throughput (the last is /healthz with the session cookie: the signed-in floor).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import uuid
from datetime import date

from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

SESSIONS = json.loads(open(os.environ["BENCH_SESSIONS"]).read())  # noqa: SIM115
_next = itertools.count()
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class _Signed(FastHttpUser):
    abstract = True

    def on_start(self) -> None:
        session = SESSIONS[next(_next) % len(SESSIONS)]
        self.cases = session["case_ids"]
        origin = (self.host or "").replace("http://", "https://")
        self.headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in session["cookies"].items()),
            "X-Forwarded-Proto": "https",
            "Origin": origin,
            "Referer": origin + "/",
        }

    def get(self, path: str, name: str, *, anonymous: bool = False):
        headers = {k: v for k, v in self.headers.items() if not (anonymous and k == "Cookie")}
        with self.client.get(path, headers=headers, name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
            return r

    def case(self) -> int:
        return random.choice(self.cases)

    def signal(self, mark: str = "") -> bool:
        """Post a new signal on step 1; True when the app accepted it (302). Each text is new
        (``mark``, else a random one): the same text posted again on the same case within a
        few minutes is asked about, not saved (ui/once.py), and counted a failure here."""
        mark = mark or f" ({uuid.uuid4().hex[:8]})"
        case = self.case()
        page = self.get(f"/casussen/{case}/stap-1/", "step page")
        match = CSRF_FIELD.search(page.text or "")
        if not match:
            return False
        body = {
            "csrfmiddlewaretoken": match.group(1),
            "signal-kind": "signal",
            "signal-observed_on": date.today().isoformat(),
            "signal-text": "Tijdens de pauze zag ik dat de jongere een filmpje liet zien aan "
            f"twee klasgenoten; ik heb dit dezelfde dag opgeschreven.{mark}",
            "signal-source_kind": "own_observation",
        }
        with self.client.post(
            f"/casussen/{case}/stap-1/signalen/",
            data=body,
            headers=self.headers,
            name="post signal",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"status {r.status_code}")
                return False
            return True


def _think() -> tuple[float, float]:
    """BENCH_THINK="low-high" seconds between one user's requests (bench.loadtest sets it)."""
    low, _, high = (os.environ.get("BENCH_THINK") or "0.5-2").partition("-")
    return float(low), float(high)


class Professional(_Signed):
    wait_time = between(*_think())

    @task(2)
    def dashboard(self) -> None:
        self.get("/", "dashboard")

    @task(4)
    def case_page(self) -> None:
        self.get(f"/casussen/{self.case()}/", "case page")

    @task(4)
    def step_page(self) -> None:
        self.get(f"/casussen/{self.case()}/stap-{random.randint(1, 6)}/", "step page")

    @task(1)
    def post_signal(self) -> None:
        self.signal()

    @task(1)
    def healthz(self) -> None:
        self.get("/healthz", "healthz", anonymous=True)


class SignalPoster(_Signed):
    """The failover run (bench.scale): the same people (BENCH_THINK) post signals, each with
    a mark of its own, and write the marks the app accepted to BENCH_ACCEPTED (one a line),
    to compare with what is stored."""

    wait_time = between(*_think())

    @task
    def post_marked(self) -> None:
        mark = f" (ref {uuid.uuid4().hex[:12]})"
        if self.signal(mark):
            with open(os.environ["BENCH_ACCEPTED"], "a") as accepted:
                accepted.write(mark.strip()[5:-1] + "\n")


class CasePageFlat(_Signed):
    wait_time = constant(0)

    @task
    def case_page(self) -> None:
        self.get(f"/casussen/{self.case()}/", "case page")


class HealthzFlat(_Signed):
    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.get("/healthz", "healthz", anonymous=True)


class HealthzSignedFlat(_Signed):
    """The bare view with the session cookie: what being signed in costs every request
    (session, user and second factor read, idle time-out kept), and nothing more."""

    wait_time = constant(0)

    @task
    def healthz(self) -> None:
        self.get("/healthz", "healthz signed in")
