"""Browser tests: Deelwijzer served in this process, Debian's Chromium driven by Playwright.

The server is Django's live-server thread on a free loopback port, on a test database made
once per session (SQLite by default, PostgreSQL when DATABASE_URL is set), holding the demo
organisation and its accounts. Nothing is flushed between tests: each test opens its own
cases. The browser is /usr/bin/chromium (``apt-get install chromium``); nothing is downloaded.

Every person signs in for real, in a browser context of their own: password, then the
current two-factor code computed from their device's key.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM reads that the tests make
# here (the two-factor key) are plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=nl-NL",
]
# Dutch users' browsers show a date field as dd-mm-jjjj, and so should the guide's pictures:
# Chromium takes its own language from LANGUAGE and --lang, with Debian's chromium-l10n.
DUTCH_PAK = Path("/usr/lib/chromium/locales/nl.pak")  # where Debian puts it


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "display: the test checks only what the browser shows and does with a page (its width, "
        "focus, what is read out, axe); the same templates give the same pages on either "
        "database, so .ci/run runs these on SQLite and leaves them out on PostgreSQL",
    )


# The modules that take longest, started first (measured 2026-12-06, of the suite's 660 s:
# every_page 144 s, sent_twice 111, scenario_15 69, phone_width 60, scenario_17 53; scenario 1
# leads for the pictures, below). Under ``-n 2 --dist loadfile`` each worker takes a module at a
# time in this order; started last, the longest kept one worker busy after the other was done.
LONGEST_FIRST = (
    "test_scenario_15.py",
    "test_every_page.py",
    "test_sent_twice.py",
    "test_phone_width.py",
    "test_scenario_17.py",
)


def pytest_collection_modifyitems(items):
    """Scenario 1 first: the guide's pictures of home pages and lists (E2E_SCREENSHOTS=1) then
    show its case alone, not every other test's. Then the other long modules; a stable sort
    keeps the rest, and the tests within a module, in their order."""

    def rank(item) -> int:
        name = Path(str(item.fspath)).name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_modify_db_settings, django_db_blocker):
    """One test database for the whole session, kept (not flushed) between tests: the audit
    table is append-only, and the server thread must see what the tests committed. Under
    pytest-xdist (``make e2e PYTEST_ARGS="-n 2 --dist loadfile"``) each worker has its own
    (django_db_modify_db_settings gives its name the worker's suffix)."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
    yield
    with django_db_blocker.unblock():
        _close_other_sessions()
        teardown_databases(config, verbosity=0)


def _close_other_sessions() -> None:
    """PostgreSQL drops the test database only when no session is left on it; the server's
    request threads may still hold one (they end with the browser, not with the server)."""
    from django.db import connection, connections

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connections.close_all()


@pytest.fixture(scope="session")
def base_url(django_db_setup, django_db_blocker):
    """The app on a free loopback port, with the demo organisation loaded."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.test.testcases import LiveServerThread

    from deelwijzer.devdata.demo import demo_load
    from deelwijzer.procedure.deidentify import get_deduce

    # deduce loads its tables once per process (about ten seconds): start that now, so the
    # first advice request does not wait for it.
    threading.Thread(target=_load_deduce, args=(get_deduce,), daemon=True).start()
    with django_db_blocker.unblock():
        demo_load()
        thread = LiveServerThread("127.0.0.1", static_handler=StaticFilesHandler, port=0)
        thread.daemon = True
        thread.start()
        thread.is_ready.wait()
        if thread.error:
            raise thread.error
        try:
            yield f"http://127.0.0.1:{thread.port}"
        finally:
            thread.terminate()


def _load_deduce(get_deduce) -> None:
    """Load deduce, then move everything alive into the collector's permanent generation:
    deduce's lookup tables (about 1 GB of small objects) live for the whole session, and
    every full collection walked them again, five times over when pytest ends (its
    unraisable-exception hook), which took longer than some tests."""
    get_deduce()
    gc.freeze()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # The shared machines can be slow: give live updates (HTMX) time to arrive.
    expect.set_options(timeout=15_000)

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    if not DUTCH_PAK.exists():
        pytest.fail(
            f"{DUTCH_PAK} is missing: install Debian's chromium-l10n (apt-get install "
            "chromium-l10n), so that the browser speaks Dutch as our users' browsers do"
        )
    downloads = Path(tempfile.mkdtemp(prefix="deelwijzer-e2e-downloads-"))
    with sync_playwright() as playwright:
        # launch() gives every run a fresh, temporary profile.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            downloads_path=str(downloads),
            env={**os.environ, "LANGUAGE": "nl"},
        )
        try:
            yield browser
        finally:
            browser.close()
            shutil.rmtree(downloads, ignore_errors=True)


class People:
    """Signs people in, each in a browser context of their own, and closes them again."""

    def __init__(self, base_url: str, browser) -> None:
        self.base_url, self.browser = base_url, browser
        self.contexts: list = []
        self.people: list = []  # a 5xx answer to any of them fails the test

    def start(self, username: str, *, javascript: bool = True, touch: bool = False):
        """``touch``: a screen to tap, without a mouse (a phone or a tablet)."""
        from e2e.people import Person

        context = self.browser.new_context(
            base_url=self.base_url,
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            viewport={"width": 1280, "height": 900},
            java_script_enabled=javascript,
            has_touch=touch,
            accept_downloads=True,
        )
        context.set_default_timeout(20_000)
        context.set_default_navigation_timeout(60_000)
        self.contexts.append(context)
        person = Person(username=username, page=context.new_page(), javascript=javascript)
        self.people.append(person)
        person.sign_in()
        return person

    def close(self) -> None:
        server_errors = [e for person in self.people for e in person.server_errors]
        debug = os.environ.get("E2E_DEBUG_DIR")
        for context in self.contexts:
            if debug:  # the last page each person saw, to read when a test failed
                Path(debug).mkdir(parents=True, exist_ok=True)
                for n, page in enumerate(context.pages):
                    stem = Path(debug) / f"{len(os.listdir(debug))}-{n}"
                    stem.with_suffix(".html").write_text(page.content())
                    page.screenshot(path=str(stem.with_suffix(".png")), full_page=True)
            context.close()
        assert not server_errors, f"the server answered 5xx: {server_errors}"


@pytest.fixture
def sign_in(base_url, browser):
    """``sign_in(username, javascript=True, touch=False)`` -> a signed-in Person in a context
    of its own."""
    people = People(base_url, browser)
    yield people.start
    people.close()


@pytest.fixture(scope="module")
def signed_in(base_url, browser):
    """``signed_in(username)`` -> that person, signed in once for the whole module (a second
    sign-in within one two-factor period would wait for the next code)."""
    people = People(base_url, browser)
    by_name: dict = {}

    def get(username: str):
        if username not in by_name:
            by_name[username] = people.start(username)
        return by_name[username]

    yield get
    people.close()


@pytest.fixture(scope="module")
def api(base_url, browser):
    """``api(username)`` -> an e2e.api.Api client with a fresh API token of that user."""
    from e2e.api import Api

    context = browser.new_context(base_url=base_url)
    clients: dict = {}

    def get(username: str) -> Api:
        if username not in clients:
            clients[username] = Api.for_user(context.request, username)
        return clients[username]

    yield get
    context.close()
