"""Issue #20.1 in the browser: a disclosure delivered to its recipient.

The case is set up and shared through the REST API (e2e/api.py) with the demo's police
contact, whose organisation sends the code in a second e-mail. The mails are written as files
(Django's file backend, as under ``DEELWIJZER_EMAIL_FILE_DIR``); the recipient, in a browser
without an account, opens the link from one file with the code from the other, downloads the
PDF, confirms receipt and writes feedback. The mentor sees it on step 6, the privacy officer in
the register. A second link is locked by five wrong codes. No mail names the young person,
carries case content or says "radicalisering".
"""

from __future__ import annotations

import email
import re
from datetime import date, timedelta
from email import policy
from pathlib import Path

import pytest
from playwright.sync_api import expect

from e2e.people import Person
from e2e.test_defects_16 import decided_case, youth

SIGNAL = "Op maandag riep ze in de les dat ongelovigen straf verdienen."
FEEDBACK = "De wijkagent sprak haar op 4 december aan; ze is rustig en gaat naar school."


@pytest.fixture
def mail_dir(settings, tmp_path):
    """Mails as files, and the demo organisation sending the code by a second e-mail."""
    from deelwijzer.organisations.models import Organisation

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    demo = Organisation.objects.get(name="Demo-school")
    before = demo.delivery_code_channel
    Organisation.objects.filter(pk=demo.pk).update(delivery_code_channel="email")
    yield tmp_path
    Organisation.objects.filter(pk=demo.pk).update(delivery_code_channel=before)


def mails(directory: Path) -> list[email.message.EmailMessage]:
    found = []
    for path in sorted(directory.iterdir(), key=lambda p: p.stat().st_mtime):
        for raw in path.read_bytes().split(b"-" * 79):
            if raw.strip():
                found.append(email.message_from_bytes(raw.strip(), policy=policy.default))
    return found


def text_of(message) -> str:
    return f"{message['Subject']}\n{message.get_content()}"


def link_and_code(directory: Path, seen: int) -> tuple[str, str]:
    """The link and the code of the newest delivery (the mails after the first ``seen``)."""
    new = [text_of(m) for m in mails(directory)[seen:]]
    link = next(re.search(r"https?://\S+/ontvangen/[\w-]{43}/", t) for t in new if "ontvangen" in t)
    code = next(re.search(r"\b\d{4} \d{4}\b", t) for t in new if "Je code" in t)
    assert link and code, new
    return link.group(0), code.group(0)


def path_of(link: str) -> str:
    """The path of a link in a mail (the mails name DEELWIJZER_SITE_URL, not the test server)."""
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def share(api, case: dict) -> dict:
    mentor = api("mentor")
    contacts = mentor.get(f"/cases/{case['id']}/contacts")["items"]
    police = next(c for c in contacts if c["name"] == "Wijkagent Noord")  # demo: has e-mail
    body = {
        "contact_id": police["id"],
        "items": [{"key": "s1", "risk": "r1"}],
        "identity": [],
        "steps_taken": "Advies gevraagd, gesprek gevoerd, risico getaxeerd.",
        "task_professional": "De mentor blijft dagelijks met haar in gesprek.",
        "task_recipient": "De wijkagent spreekt haar aan.",
        "feedback_possible": True,
        "feedback_due_on": (date.today() + timedelta(days=14)).isoformat(),
        "found_identity": "replace",
    }
    return mentor.post(f"/cases/{case['id']}/disclosures", body, status=201)


def recipient(browser, base_url) -> Person:
    context = browser.new_context(
        base_url=base_url, locale="nl-NL", timezone_id="Europe/Amsterdam", accept_downloads=True
    )
    return Person(username="ontvanger", page=context.new_page())


def test_the_recipient_opens_downloads_confirms_and_gives_feedback(
    mail_dir, api, browser, base_url, signed_in
):
    from deelwijzer.procedure.deidentify import get_deduce

    get_deduce()  # waits for the loader the server started: on a busy machine it takes long
    young = youth("Noor")
    case = decided_case(api, young)
    shared = share(api, case)
    assert shared["deliveries"][0]["status"] == "sent"
    link, code = link_and_code(mail_dir, 0)
    path = path_of(link)

    them = recipient(browser, base_url)
    them.visit(path, shot="ontvanger-code")
    page = them.page
    page.get_by_label("Code").fill(code)
    them.click_button("Openen", shot="ontvanger-document")
    expect(page.get_by_role("heading", name="Document van Demo-school")).to_be_visible()
    assert "/casussen/" not in page.content()  # no link into the case
    with page.expect_download() as download:
        page.get_by_role("link", name="Document downloaden (PDF)").click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    them.click_button("Ik heb het document ontvangen")
    expect(page.get_by_text("Je bevestigde de ontvangst")).to_be_visible()
    page.get_by_label("Je terugkoppeling").fill(FEEDBACK)
    them.click_button("Terugkoppeling versturen")
    expect(page.get_by_text("Je terugkoppeling is bij de afzender")).to_be_visible()

    mentor = signed_in("mentor")
    mentor.visit(f"/casussen/{case['id']}/stap-6/")
    main = mentor.page.locator("main")
    expect(main).to_contain_text(FEEDBACK)
    expect(main).to_contain_text("Terugkoppeling van de ontvanger, via de link")
    expect(main).to_contain_text("ontvangst bevestigd")
    privacy = signed_in("privacy")
    privacy.visit("/beheer/contacten/register/")
    row = (
        privacy.page.get_by_role("row")
        .filter(has_text=shared["key"])
        .filter(has_text=case["pseudonym"])
    )
    expect(row).to_contain_text("(van de ontvanger)")
    expect(row).to_contain_text("ontvangst bevestigd")

    # A second link: five wrong codes lock it, and the mentor sees that.
    seen = len(mails(mail_dir))
    setup_mentor = api("mentor")
    setup_mentor.post(f"/cases/{case['id']}/disclosures/{shared['key']}/deliveries", status=201)
    second, right = link_and_code(mail_dir, seen)
    wrong = "1234 5678" if right != "1234 5678" else "8765 4321"
    page.goto(path_of(second))
    for _ in range(5):
        page.get_by_label("Code").fill(wrong)
        with page.expect_navigation():
            page.get_by_role("button", name="Openen").click()
    expect(page.get_by_role("heading", name="Deze link is geblokkeerd")).to_be_visible()
    them.seen(shot="ontvanger-geblokkeerd")
    expect(page.get_by_label("Code")).to_have_count(0)
    answer = page.goto(path_of(link))  # the first link was withdrawn when the second went out
    assert answer is not None and answer.status == 410
    expect(page.get_by_role("heading", name="Deze link is ingetrokken")).to_be_visible()
    mentor.visit(f"/casussen/{case['id']}/stap-6/")
    expect(mentor.page.locator("main")).to_contain_text("geblokkeerd na te veel foute codes")

    everything = "\n".join(text_of(m) for m in mails(mail_dir))
    assert len(mails(mail_dir)) >= 5  # link, code, the mentor's notice, link, code
    for word in (young.first_name, young.last_name, case["pseudonym"], SIGNAL, "ongelovigen"):
        assert word not in everything
    assert "radicali" not in everything.lower()
    them.page.context.close()


def test_withdrawing_a_link_asks_first(mail_dir, api, signed_in):
    """The keyboard walk withdrew a link with one press: there is no way back, so it asks,
    and the recipient walk found no reason recorded: it asks that too, and shows it."""
    case = decided_case(api, youth("Lieke"))
    share(api, case)
    mentor = signed_in("mentor")
    page = mentor.page
    mentor.visit(f"/casussen/{case['id']}/stap-6/")
    mentor.click_button("Link intrekken")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "De link van verstrekking x1 intrekken?"
    )
    mentor.follow("Nee, terug naar stap 6")
    expect(page.get_by_role("button", name="Link intrekken")).to_be_visible()
    mentor.click_button("Link intrekken")
    mentor.click_button("Ja, link intrekken")  # without a reason: asked again, nothing done
    expect(page.get_by_role("heading", name="De link is niet ingetrokken")).to_be_visible()
    expect(page.get_by_text("Schrijf kort op waarom je de link intrekt").first).to_be_visible()
    page.get_by_label("Waarom trek je de link in?").fill("Naar het verkeerde adres gestuurd.")
    mentor.click_button("Ja, link intrekken")
    expect(page.get_by_text("De link is ingetrokken: hij werkt niet meer.")).to_be_visible()
    expect(page.get_by_role("button", name="Link intrekken")).to_have_count(0)
    expect(page.get_by_text("Reden: Naar het verkeerde adres gestuurd.")).to_be_visible()


def _codes_given_long_ago() -> None:
    """Every browser's right code counts as given longer ago than the page stays open."""
    from datetime import datetime

    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from deelwijzer.disclosures.recipient_views import VERIFIED_MINUTES

    then = datetime.now().astimezone() - timedelta(minutes=VERIFIED_MINUTES + 1)
    for row in Session.objects.all():
        store = SessionStore(session_key=row.session_key)
        given = [key for key in store.keys() if key.startswith("delivery:")]
        for key in given:
            store[key] = then.isoformat()
        if given:
            store.save()


def test_feedback_typed_when_the_time_is_up_is_not_lost(mail_dir, api, browser, base_url):
    """The recipient walk: after 30 minutes 'Terugkoppeling versturen' led to the code page
    without a word, and the feedback was gone. Now the page says why, shows the text, and puts
    it back in the form once the code is given again; it is sent only by pressing."""
    case = decided_case(api, youth("Iris"))
    share(api, case)
    link, code = link_and_code(mail_dir, 0)
    them = recipient(browser, base_url)
    page = them.page
    them.visit(path_of(link))
    page.get_by_label("Code").fill(code)
    them.click_button("Openen")
    expect(page.get_by_text("Na 30 minuten vraagt deze pagina de code opnieuw")).to_be_visible()
    page.get_by_label("Je terugkoppeling").fill(FEEDBACK)
    _codes_given_long_ago()
    them.click_button("Terugkoppeling versturen")
    expect(page.get_by_text("Je vulde de code meer dan 30 minuten geleden in")).to_be_visible()
    expect(page.get_by_label("Wat je typte")).to_have_value(FEEDBACK)
    page.get_by_label("Code").fill(code)
    them.click_button("Openen")
    expect(page.get_by_text("Je terugkoppeling is nog niet verstuurd")).to_be_visible()
    expect(page.get_by_label("Je terugkoppeling")).to_have_value(FEEDBACK)
    them.click_button("Terugkoppeling versturen")
    expect(page.get_by_text("Je terugkoppeling is bij de afzender")).to_be_visible()
    them.page.context.close()
