"""Texts that leak internals (#16.9), through the real pages and PDFs: no role codes, no
guardian keys, Dutch plurals, one date style ("24 november 2026"), "je" and never "u", no
space before a full stop."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from deelwijzer.dates import nl_date
from tests.advice.conftest import add_signal, compose
from tests.conversations.helpers import case_aged, conversation_post, url
from tests.disclosures.helpers import ready_case, share_body, step6_url
from tests.disclosures.test_share import pdf_text

ROLE_CODES = re.compile(
    r"\b(team_leader|decision_maker|org_admin|attention_officer|care_coordinator|"
    r"location_manager|privacy_officer|professional|auditor)\b"
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NUMERIC_DATE = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b")
GUARDIAN_KEY = re.compile(r"\bg\d+\b")
PLURAL_HACK = re.compile(r"\w\((s|en|sen)\)")
FORMAL_YOU = re.compile(r"(?<![\w-])(u|uw|U|Uw)(?![\w-])")


def visible(page: str) -> str:
    """The text a person reads: no tags, no attributes, no scripts or styles."""
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)</?(strong|em|b|i|a|span|mark|code|abbr|time)\b[^>]*>", "", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return " ".join(html_lib.unescape(page).split())


def assert_plain(text: str) -> None:
    for name, pattern in (
        ("rolcode", ROLE_CODES),
        ("ISO-datum", ISO_DATE),
        ("dd-mm-jjjj", NUMERIC_DATE),
        ("(s)-meervoud", PLURAL_HACK),
        ("u/uw", FORMAL_YOU),
    ):
        found = pattern.findall(text)
        assert not found, f"{name} in de tekst: {found}"
    assert " ." not in text and " ," not in text


@pytest.fixture
def team_client(personas, client_for):
    return client_for(personas.professional)


def test_the_steps_taken_summary_counts_in_dutch_and_names_the_role(personas, team_client):
    ready_case(personas)  # two signals, one contra-signal, a risk, a signed-off decision
    page = visible(team_client.get(step6_url(personas, "step6")).content.decode())
    assert "2 signalen vastgelegd en 1 contrasignaal." in page
    assert "1 veiligheidsrisico getaxeerd, waarvan 1 ernstig." in page
    today = nl_date(timezone.localdate())
    assert f"Besloten te delen op {today}, door de teamleider." in page
    summary = page[page.index("2 signalen vastgelegd") :]
    assert_plain(summary[: summary.index("teamleider.") + len("teamleider.")])


def test_the_share_pdf_has_the_role_label_and_dutch_dates(personas, team_client):
    contact = ready_case(personas)
    body = share_body(contact, identity=["name", "birth_date"])
    assert team_client.post(step6_url(personas), body).status_code == 302
    response = team_client.get(step6_url(personas, "disclosure_pdf", key="x1"))
    text = pdf_text(response.content)
    assert f"Afgetekend door de teamleider op {nl_date(timezone.localdate())}" in text
    assert "14 maart 2011" in text  # the ticked birth date, in the one style
    observed = nl_date(timezone.localdate() - timezone.timedelta(days=10))
    assert f"{observed}:" in text  # the signal's date
    assert_plain(text)


def test_the_register_shows_dutch_dates(personas, team_client, client_for):
    contact = ready_case(personas)
    assert team_client.post(step6_url(personas), share_body(contact)).status_code == 302
    page = client_for(personas.auditor).get(reverse("disclosure_register")).content.decode()
    text = visible(page)
    assert nl_date(timezone.localdate()) in text
    assert not NUMERIC_DATE.findall(text) and not ISO_DATE.findall(text)


def test_the_case_audit_page_shows_dutch_dates(personas, client_for):
    page = client_for(personas.auditor).get(
        reverse("audit_case", kwargs={"case_id": personas.case.public_id})
    )
    text = visible(page.content.decode())
    assert nl_date(timezone.localdate()) in text
    assert not NUMERIC_DATE.findall(text) and not ISO_DATE.findall(text)


def test_the_r3_2_finding_names_no_guardian_keys(personas, client_for):
    case = case_aged(personas, "J-VYFT", turned_16_days_ago=-200)  # two parents with authority
    client = client_for(personas.professional)
    posted = client.post(
        url("step3_conversation_new", case), conversation_post(case, personas.professional)
    )
    assert posted.status_code == 302
    text = visible(client.get(url("step3", case)).content.decode())
    finding = re.search(r"\(R3\.2\): de jongere was jonger dan 16[^.]*\.", text)
    assert finding, text
    assert "beide ouders met gezag" in finding.group(0)
    assert not GUARDIAN_KEY.findall(finding.group(0))
    assert "ouder(s)" not in finding.group(0)


def test_the_advice_review_list_says_je(personas, client_for):
    client = client_for(personas.professional)
    add_signal(personas.case, personas.professional, "Hij draagt sinds kort een lange jurk.")
    response = compose(
        client, personas.case, signal_keys=["s1"], adviser_kind="attention_officer",
        question="Hoe ernstig is dit?",
    )  # fmt: skip
    text = visible(client.get(response["Location"]).content.decode())
    assert "lees de tekst na voordat je hem verstuurt" in text
    assert not FORMAL_YOU.findall(text), FORMAL_YOU.findall(text)


def test_nl_date_takes_dates_datetimes_and_iso_strings():
    assert nl_date(date(2026, 11, 24)) == "24 november 2026"
    assert nl_date("2026-11-24") == "24 november 2026"
    assert nl_date(None) == "?"
