"""Secure delivery of a disclosure (issue #20.1), through the real views: sharing mails a link
(and the code, when the organisation chose a second e-mail); the recipient opens it with the
code, downloads the PDF, confirms and gives feedback, which lands in the case and the register.
Wrong codes lock the link; withdrawn, expired and unknown links show a plain page and no
content; every mail is content-free; every step is audited."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from deelwijzer.audit.models import AuditEvent
from deelwijzer.disclosures.models import Delivery, Disclosure, FeedbackReceipt
from tests.disclosures.helpers import (
    OPINION,
    RISK,
    TICKED_SIGNAL,
    UNTICKED_SIGNAL,
    make_contact,
    make_entries,
    share_body,
    sign_off_decision,
    step6_url,
)
from tests.disclosures.test_share import pdf_text

RECIPIENT = "wijkagent.noord@politie.example"
FEEDBACK = "We hebben de jongere op 3 december aangesproken; hij is rustig gebleven."


@pytest.fixture
def by_email(personas):
    """The organisation sends the code in a second e-mail; the professional has an address."""
    personas.organisation.delivery_code_channel = "email"
    personas.organisation.save()
    personas.professional.email = "mentor@school.example"
    personas.professional.save(update_fields=["email"])
    return personas


@pytest.fixture
def team(personas, client_for):
    return client_for(personas.professional)


@pytest.fixture
def recipient():
    """A browser of its own, without an account."""
    return Client()


def shared(personas, team, commit, **contact):
    """Share x1 with a contact that has an e-mail address; the mails are in the outbox."""
    make_entries(personas)
    sign_off_decision(personas)
    contact = make_contact(personas, email=RECIPIENT, **contact)
    with commit(execute=True):
        response = team.post(step6_url(personas), share_body(contact))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Disclosure.objects.get(case=personas.case)


def token_from(mailoutbox) -> str:
    link = next(m for m in mailoutbox if "/ontvangen/" in m.body)
    return re.search(r"/ontvangen/([A-Za-z0-9_-]{43})/", link.body).group(1)


def code_from(mailoutbox) -> str:
    mail = next(m for m in mailoutbox if m.subject == "Je code voor Deelwijzer")
    return re.search(r"\b(\d{4} \d{4})\b", mail.body).group(1)


def page(token: str, name: str = "delivery_page") -> str:
    return reverse(name, kwargs={"token": token})


def assert_no_content(html: str) -> None:
    for word in ("Yusuf", "Bakker", "J-TEST", TICKED_SIGNAL, OPINION, RISK, "radicali"):
        assert word not in html


def test_sharing_mails_a_link_and_a_code_separately_and_content_free(
    by_email, team, django_capture_on_commit_callbacks, mailoutbox
):
    disclosure = shared(by_email, team, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [[RECIPIENT], [RECIPIENT]]
    link, code = mailoutbox
    assert "Het Baken" in link.body and "/ontvangen/" in link.body
    assert not re.search(r"\d{4} \d{4}", link.body)  # the code is not in the link's mail
    assert "/ontvangen/" not in code.body  # the link is not in the code's mail
    assert "nieuwe link" not in link.body and "eerder" not in code.body  # the first one
    for mail in mailoutbox:
        text = f"{mail.subject}\n{mail.body}"
        for word in ("Yusuf", "Bakker", "Fatima", "J-TEST", "Prof", TICKED_SIGNAL, "mes"):
            assert word not in text
        assert "radicali" not in text.lower()
    delivery = disclosure.deliveries.get()
    token = token_from(mailoutbox)
    assert token not in delivery.token_hash and len(token) == 43  # 256 bits, stored hashed
    assert code_from(mailoutbox).replace(" ", "") not in delivery.code_hash
    assert (delivery.expires_at - timezone.now()).days in (13, 14)  # the default: 14 days
    assert AuditEvent.objects.filter(action="delivery.send", case_id=by_email.case.pk).exists()


def test_the_recipient_opens_downloads_confirms_and_gives_feedback(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    disclosure = shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    asked = recipient.get(page(token))
    assert asked.status_code == 200 and 'name="code"' in asked.content.decode()
    assert asked["Referrer-Policy"] == "no-referrer" and asked["Cache-Control"] == "no-store"
    assert recipient.get(page(token, "delivery_pdf")).status_code == 302  # no code yet

    opened = recipient.post(page(token), {"code": code}, follow=True)
    html = opened.content.decode()
    assert "Document downloaden (PDF)" in html and "Het Baken" in html
    assert "/casussen/" not in html  # no link into the case
    assert_no_content(html)

    pdf = recipient.get(page(token, "delivery_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"
    assert TICKED_SIGNAL in pdf_text(pdf.content) and UNTICKED_SIGNAL not in pdf_text(pdf.content)
    download = AuditEvent.objects.get(action="delivery.download_pdf")
    delivery = disclosure.deliveries.get()
    assert download.user_id is None and download.role == "recipient"
    assert download.detail["delivery"] == str(delivery.public_id)

    assert recipient.post(page(token, "delivery_confirm")).status_code == 302
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = recipient.post(page(token, "delivery_feedback"), {"text": FEEDBACK})
    assert sent.status_code == 302
    delivery.refresh_from_db()
    assert delivery.opened_count == 1 and delivery.confirmed_at is not None
    assert delivery.status() == "confirmed"
    receipt = FeedbackReceipt.objects.get()
    assert receipt.from_recipient and receipt.recorded_by is None and receipt.text == FEEDBACK
    # the professional is told, content-free
    assert [m.to for m in mailoutbox] == [["mentor@school.example"]]
    assert FEEDBACK not in mailoutbox[0].body and "radicali" not in mailoutbox[0].body.lower()

    step6 = team.get(step6_url(by_email, "step6")).content.decode()
    assert FEEDBACK in step6 and "van de ontvanger" in step6 and "ontvangst bevestigd" in step6
    auditor = Client()
    auditor.force_login(by_email.auditor)
    register = _register(by_email, auditor)
    assert "(van de ontvanger)" in register and "ontvangst bevestigd" in register
    actions = set(
        AuditEvent.objects.filter(
            case_id=by_email.case.pk, action__startswith="delivery."
        ).values_list("action", flat=True)
    )
    assert actions >= {"delivery.send", "delivery.open", "delivery.download_pdf",
                       "delivery.confirm", "delivery.feedback"}  # fmt: skip


def _time_up(recipient, delivery: Delivery) -> None:
    """The code was given longer ago than the page stays open."""
    from deelwijzer.disclosures.recipient_views import VERIFIED_MINUTES

    session = recipient.session
    then = timezone.now() - timedelta(minutes=VERIFIED_MINUTES + 1)
    session[f"delivery:{delivery.public_id}"] = then.isoformat()
    session.save()


def test_feedback_typed_after_the_time_is_up_is_carried_through_the_code_again(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    """The walk: after 30 minutes 'Terugkoppeling versturen' showed the code page without a
    word, and the typed feedback was gone."""
    shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    recipient.post(page(token), {"code": code})
    _time_up(recipient, Delivery.objects.get())
    asked = recipient.post(page(token, "delivery_feedback"), {"text": FEEDBACK})
    html = asked.content.decode()
    assert asked.status_code == 200 and 'name="code"' in html
    assert "meer dan 30 minuten geleden" in html and "nog niet verstuurd" in html
    assert html.count(FEEDBACK) == 2  # to copy, and carried in the code form
    assert f'action="{page(token)}"' in html  # the code goes to the code page, not here
    assert not FeedbackReceipt.objects.exists()
    # a wrong code keeps carrying it
    wrong = "0000 0000" if code != "0000 0000" else "1111 1111"
    again = recipient.post(page(token), {"code": wrong, "terugkoppeling": FEEDBACK})
    assert again.status_code == 422 and FEEDBACK in again.content.decode()
    # the right code: the page, the feedback back in its form, not sent until pressed
    back = recipient.post(page(token), {"code": code, "terugkoppeling": FEEDBACK})
    form = back.content.decode()
    assert back.status_code == 200 and "Document downloaden (PDF)" in form
    assert f"{FEEDBACK}</textarea>" in form and "Kijk hem na" in form
    assert not FeedbackReceipt.objects.exists()
    assert recipient.post(page(token, "delivery_feedback"), {"text": FEEDBACK}).status_code == 302
    assert FeedbackReceipt.objects.get().text == FEEDBACK


def test_a_confirmation_after_the_time_is_up_asks_for_the_code_and_says_why(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    recipient.post(page(token), {"code": code})
    _time_up(recipient, Delivery.objects.get())
    asked = recipient.post(page(token, "delivery_confirm"))
    assert asked.status_code == 200 and "meer dan 30 minuten geleden" in asked.content.decode()
    assert Delivery.objects.get().confirmed_at is None
    assert recipient.get(page(token, "delivery_pdf")).status_code == 302  # to the code page


def test_feedback_sent_to_a_withdrawn_link_is_given_back_and_names_the_sender(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    recipient.post(page(token), {"code": code})
    Delivery.objects.update(withdrawn_at=timezone.now())
    answer = recipient.post(page(token, "delivery_feedback"), {"text": FEEDBACK})
    html = answer.content.decode()
    assert answer.status_code == 410 and "terugkoppelen via deze link kan ook niet meer" in html
    assert FEEDBACK in html and "De afzender is Het Baken." in html
    assert not FeedbackReceipt.objects.exists()


def _register(personas, client) -> str:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=personas.auditor, name="t", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client.get(reverse("disclosure_register")).content.decode()


def test_five_wrong_codes_lock_the_link_audited(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    wrong = "0000 0000" if code != "0000 0000" else "1111 1111"
    for attempt in range(1, 5):
        answer = recipient.post(page(token), {"code": wrong})
        assert answer.status_code == 422  # refused, explained, the form again
        assert f"nog {5 - attempt} keer" in answer.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        locked = recipient.post(page(token), {"code": wrong})
    assert locked.status_code == 423
    assert "geblokkeerd" in locked.content.decode()
    # the right code no longer helps, and the page shows nothing of the document
    again = recipient.post(page(token), {"code": code})
    assert again.status_code == 423 and 'name="code"' not in again.content.decode()
    assert_no_content(again.content.decode())
    assert AuditEvent.objects.filter(action="delivery.code_failed").count() == 5
    assert AuditEvent.objects.filter(action="delivery.locked").count() == 1
    assert Delivery.objects.get().status() == "locked"
    dossier = reverse("dossier", kwargs={"case_id": by_email.case.public_id})
    assert "Link naar x1 geblokkeerd na 5 foute codes" in team.get(dossier).content.decode()
    # the sender is told at once, content-free, and the home page says what to do
    assert [m.to for m in mailoutbox[-1:]] == [["mentor@school.example"]]
    assert mailoutbox[-1].subject == "Er staat iets voor je klaar in Deelwijzer"
    from tests.notifications.test_waiting import home

    assert "Link geblokkeerd na te veel foute codes: verstuur hem opnieuw (stap 6)" in home(team)
    with django_capture_on_commit_callbacks(execute=True):
        assert team.post(step6_url(by_email, "delivery_send", key="x1")).status_code == 302
    assert "Link geblokkeerd" not in home(team)  # sent again: the old link is withdrawn


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("abcd efgh", "alleen uit cijfers"),
        ("1234 567", "je vulde er 7 in"),
        ("1234 56789", "je vulde er 9 in"),
        ("", "Vul de code in: 8 cijfers."),
    ],
)
def test_a_code_that_cannot_be_right_is_explained_and_is_not_a_try(
    typed, said, by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    """The walk: letters or seven digits each used up one of the five tries."""
    shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    for _ in range(6):  # more than the tries there are
        answer = recipient.post(page(token), {"code": typed})
        assert answer.status_code == 422 and said in answer.content.decode()
    assert Delivery.objects.get().failed_attempts == 0
    assert not AuditEvent.objects.filter(action="delivery.code_failed").exists()
    # read out with dashes or dots, the right code opens it
    spoken = code.replace(" ", "-")
    assert recipient.post(page(token), {"code": spoken}).status_code == 302


def test_a_withdrawn_link_stops_at_once_and_sending_again_makes_a_new_one(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    disclosure = shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    assert recipient.post(page(token), {"code": code}).status_code == 302  # opened
    first = disclosure.deliveries.get()
    withdraw = reverse(
        "delivery_withdraw",
        kwargs={"case_id": by_email.case.public_id, "key": "x1", "delivery_id": first.public_id},
    )
    asked = team.post(withdraw)  # "Link intrekken" asks first: there is no way back
    assert asked.status_code == 200
    assert "De link van verstrekking x1 intrekken?" in asked.content.decode()
    assert 'name="confirm" value="1"' in asked.content.decode()
    assert recipient.get(page(token)).status_code == 200  # nothing withdrawn yet
    assert team.post(withdraw, {"confirm": "1", "reason": "Verkeerd adres."}).status_code == 302
    gone = recipient.get(page(token))
    assert gone.status_code == 410 and "ingetrokken" in gone.content.decode()
    assert recipient.get(page(token, "delivery_pdf")).status_code == 410
    assert_no_content(gone.content.decode())

    mailoutbox.clear()
    send = reverse("delivery_send", kwargs={"case_id": by_email.case.public_id, "key": "x1"})
    with django_capture_on_commit_callbacks(execute=True):
        assert team.post(send).status_code == 302
    new_token = token_from(mailoutbox)
    assert new_token != token and disclosure.deliveries.count() == 2
    # the recipient walk: the second mail read word for word as the first
    link_mail, code_mail = mailoutbox
    assert link_mail.subject == "Een nieuwe link naar je document in Deelwijzer"
    assert "Dit is een nieuwe link. Een link die je eerder" in link_mail.body
    assert "Een code die je eerder kreeg, werkt niet meer." in code_mail.body
    assert_no_content(link_mail.body + code_mail.body)
    assert recipient.get(page(new_token)).status_code == 200
    assert recipient.get(page(token)).status_code == 410  # the old one stays dead


def test_an_expired_link_shows_a_plain_page_and_no_content(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    disclosure = shared(by_email, team, django_capture_on_commit_callbacks)
    Disclosure.objects.filter(pk=disclosure.pk).update(feedback_possible=False)
    Delivery.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    answer = recipient.get(page(token_from(mailoutbox)))
    assert answer.status_code == 410 and "verlopen" in answer.content.decode()
    assert_no_content(answer.content.decode())
    assert Delivery.objects.get().status() == "expired"


def test_after_expiry_feedback_is_still_possible_until_the_feedback_date(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    Delivery.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    html = recipient.post(page(token), {"code": code}, follow=True).content.decode()
    assert "niet meer te downloaden" in html and 'name="text"' in html
    assert recipient.get(page(token, "delivery_pdf")).status_code == 410
    assert not AuditEvent.objects.filter(action="delivery.download_pdf").exists()


def test_empty_feedback_is_refused_with_422_and_nothing_saved(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    shared(by_email, team, django_capture_on_commit_callbacks)
    opened = recipient.post(page(token_from(mailoutbox)), {"code": code_from(mailoutbox)})
    opened = recipient.get(opened["Location"]) if opened.status_code == 302 else opened
    # the one field is marked as required, as every required field is
    assert re.search(r'Je terugkoppeling\s*<span class="req">', opened.content.decode())
    answer = recipient.post(page(token_from(mailoutbox), "delivery_feedback"), {"text": "  "})
    assert answer.status_code == 422 and "Schrijf je terugkoppeling" in answer.content.decode()
    assert not FeedbackReceipt.objects.exists()


def test_by_phone_the_code_is_shown_to_the_professional_once(
    personas, team, django_capture_on_commit_callbacks, mailoutbox
):
    shared(personas, team, django_capture_on_commit_callbacks)  # the default: by phone
    assert len(mailoutbox) == 1 and "telefonisch" in mailoutbox[0].body
    first = team.get(step6_url(personas, "step6")).content.decode()
    code = re.search(r'class="delivery-code"><strong>(\d{4} \d{4})<', first).group(1)
    delivery = Delivery.objects.get()
    from deelwijzer.disclosures.deliveries import code_hash

    assert code_hash(delivery, code.replace(" ", "")) == delivery.code_hash
    assert code not in team.get(step6_url(personas, "step6")).content.decode()


def test_a_contact_without_an_address_gets_no_delivery(personas, team):
    make_entries(personas)
    sign_off_decision(personas)
    contact = make_contact(personas)
    team.post(step6_url(personas), share_body(contact))
    assert Disclosure.objects.exists() and not Delivery.objects.exists()
    assert "geen e-mailadres" in team.get(step6_url(personas, "step6")).content.decode()


def test_unknown_links_are_audited_and_refused_after_many(recipient, db):
    for _ in range(20):
        assert recipient.get(page("x" * 43)).status_code == 404
    assert recipient.get(page("y" * 43)).status_code == 429
    assert AuditEvent.objects.filter(action="delivery.unknown_link").count() == 21


def test_withdrawing_a_link_asks_why_and_the_reason_stays_with_the_case(
    by_email, team, recipient, personas, client_for, django_capture_on_commit_callbacks,
    mailoutbox,
):  # fmt: skip
    """The recipient walk: a link was withdrawn with who and when, never why, so the dossier
    could not say why the police lost access. Now the question asks the reason, refuses it
    empty or with a hidden character (nothing withdrawn), and step 6 and the dossier show it."""
    import html as html_lib

    from deelwijzer.procedure.limits import TEXT_MAX

    shared(by_email, team, django_capture_on_commit_callbacks)
    token = token_from(mailoutbox)
    first = Delivery.objects.get()
    withdraw = reverse(
        "delivery_withdraw",
        kwargs={"case_id": by_email.case.public_id, "key": "x1", "delivery_id": first.public_id},
    )
    asked = team.post(withdraw).content.decode()
    assert "Waarom trek je de link in?" in asked and f"verstuurd naar {RECIPIENT}" in asked
    refusals = {
        "": "Schrijf kort op waarom je de link intrekt",
        "   ": "Schrijf kort op waarom je de link intrekt",
        "Verkeerd\x07 adres": "onzichtbaar stuurteken in (U+0007)",
        "x" * (TEXT_MAX + 1): f"niet meer dan {TEXT_MAX} tekens",
    }
    for reason, message in refusals.items():
        refused = team.post(withdraw, {"confirm": "1", "reason": reason})
        body = html_lib.unescape(refused.content.decode())
        assert refused.status_code == 422, reason[:20]
        assert "De link is niet ingetrokken" in body and message in body, reason[:20]
        assert 'name="confirm" value="1"' in body  # the question again, to answer
    from django.core.exceptions import ValidationError

    from deelwijzer.disclosures.deliveries import delivery_withdraw

    with pytest.raises(ValidationError) as refused:  # the service says it too (the API's way)
        delivery_withdraw(
            actor=by_email.professional, case_id=by_email.case.pk, key="x1",
            delivery_id=first.public_id, reason="x" * (TEXT_MAX + 1),
        )  # fmt: skip
    assert "ten hoogste 20.000 tekens" in str(refused.value)
    assert Delivery.objects.get().withdrawn_at is None
    assert recipient.get(page(token)).status_code == 200  # the link still works
    reason = "Naar het verkeerde adres: de wijkagent van Zuid in plaats van Noord."
    done = team.post(withdraw, {"confirm": "1", "reason": f"  {reason} "}, follow=True)
    step6 = html_lib.unescape(done.content.decode())
    assert "De reden staat in het dossier" in step6 and f"Reden: {reason}" in step6
    assert recipient.get(page(token)).status_code == 410
    assert reason not in html_lib.unescape(recipient.get(page(token)).content.decode())
    event = AuditEvent.objects.get(action="delivery.withdraw")
    assert event.detail["reason"] == "withdrawn" and reason not in str(event.detail)
    dossier = reverse("dossier", kwargs={"case_id": by_email.case.public_id})
    assert f"Toelichting: {reason}" in html_lib.unescape(team.get(dossier).content.decode())
    # a colleague who asked too, a moment later, hears who did it
    late = team.post(withdraw, {"confirm": "1", "reason": "Ook weg."}, follow=True)
    said = html_lib.unescape(late.content.decode())
    assert f"Deze link is al ingetrokken, door {by_email.professional.display_name()}" in said
    assert Delivery.objects.get().withdrawal_reason == reason


def test_the_api_returns_deliveries_and_withdraws_them(
    by_email, team, api_as, django_capture_on_commit_callbacks, mailoutbox
):
    shared(by_email, team, django_capture_on_commit_callbacks)
    api = api_as(by_email.professional)
    case = by_email.case.public_id
    listed = api.get(f"/cases/{case}/disclosures").json()["items"][0]
    (delivery,) = listed["deliveries"]
    assert delivery["status"] == "sent" and delivery["email"] == RECIPIENT
    assert delivery["code"] is None  # never again after the answer that made it
    path = f"/cases/{case}/disclosures/x1/deliveries/{delivery['id']}/withdraw"
    assert api.post(path).status_code == 422  # no reason: refused, nothing withdrawn
    empty = api.post(path, {"reason": "  "})
    assert empty.status_code == 422 and "waarom je de link intrekt" in empty.content.decode()
    assert Delivery.objects.get().withdrawn_at is None
    gone = api.post(path, {"reason": "Naar het verkeerde adres gestuurd."})
    assert gone.status_code == 200 and gone.json()["status"] == "withdrawn"
    assert gone.json()["withdrawal_reason"] == "Naar het verkeerde adres gestuurd."
    again = api.post(path, {"reason": "Nog eens."})
    assert again.status_code == 422
    # The API walk: an id or key that is not there was 422, as a refused body; now 404, as
    # every address that leads nowhere.
    other = path.replace(delivery["id"], "01900000-0000-7000-8000-000000000000")
    assert api.post(other, {"reason": "Nog eens."}).status_code == 404
    assert api.post(path.replace("/x1/", "/x9/"), {"reason": "Nog eens."}).status_code == 404
    assert api.post(f"/cases/{case}/disclosures/x9/deliveries").status_code == 404
    made = api.post(f"/cases/{case}/disclosures/x1/deliveries")
    assert made.status_code == 201 and made.json()["status"] == "sent"
    resent = api.post(f"/cases/{case}/disclosures/x1/deliveries")  # replaces the second link
    listed = api.get(f"/cases/{case}/disclosures").json()["items"][0]["deliveries"]
    assert [d["withdrawal_reason"][:17] for d in listed] == [
        "Naar het verkeerd",
        "Opnieuw verstuurd",
        "",
    ]
    assert resent.json()["withdrawal_reason"] == ""


def test_the_pages_own_forms_post_with_origin_null_and_another_site_is_refused(
    by_email, team, django_capture_on_commit_callbacks, mailoutbox
):
    """``Referrer-Policy: no-referrer`` makes a browser send ``Origin: null`` (e2e found the
    403): the recipient's forms take it; an Origin of another site is refused, nothing opens."""
    shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(page(token)).status_code == 200
    foreign = browser.post(page(token), {"code": code}, headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403 and Delivery.objects.get().opened_count == 0
    opened = browser.post(page(token), {"code": code}, headers={"Origin": "null"})
    assert opened.status_code == 302 and Delivery.objects.get().opened_count == 1


def test_the_recipients_feedback_is_on_the_professionals_home_where_the_mail_leads(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    """The recipient walk: the mail 'Er staat iets voor je klaar' led to a home page that did
    not list the feedback. Now it is there, linked to the disclosure on step 6, and counted."""
    from tests.notifications.test_waiting import home, menu_count

    disclosure = shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    before = home(team)
    assert "Terugkoppeling van de ontvanger" not in before
    recipient.post(page(token), {"code": code})
    assert recipient.post(page(token, "delivery_feedback"), {"text": FEEDBACK}).status_code == 302
    after = home(team)
    assert "Terugkoppeling van de ontvanger (stap 6)" in after
    assert f'href="{step6_url(by_email, "step6")}#{disclosure.key}"' in after
    assert FEEDBACK not in after  # the page behind the link shows it, audited
    assert menu_count(after, "Mijn casussen") == (menu_count(before, "Mijn casussen") or 0) + 1


def test_the_dossier_says_how_the_disclosure_reached_its_recipient(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    """The recipient walk: the dossier said only that x1 was shared, not the link, the code's
    way, the opening, the receipt, the lock or the withdrawal."""
    import html as html_lib

    shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    recipient.post(page(token), {"code": code})
    recipient.post(page(token, "delivery_confirm"))
    Delivery.objects.update(
        withdrawn_at=timezone.now(),
        withdrawn_by=by_email.professional,
        withdrawal_reason="Per ongeluk naar de wijkagent van Zuid.",
    )
    dossier = reverse("dossier", kwargs={"case_id": by_email.case.public_id})
    text = html_lib.unescape(team.get(dossier).content.decode())
    mentor = by_email.professional.display_name()
    assert f"Link naar x1 verstuurd aan {RECIPIENT}" in text
    assert "De code ging in een tweede e-mail" in text
    assert "Link naar x1 geopend (1 keer" in text and "Ontvangst van x1 bevestigd" in text
    assert "Link naar x1 ingetrokken" in text and text.count(mentor) >= 2
    assert "Toelichting: Per ongeluk naar de wijkagent van Zuid." in text
    assert "geblokkeerd" not in text
    # the privacy officer's subject access export names the recipient too
    from deelwijzer.documents.subject_access import access_log

    opened = [row for row in access_log(by_email.case) if "geopend" in row.action.lower()]
    assert opened and {row.who for row in opened} == {"de ontvanger, via de link"}


def test_the_register_sums_up_every_link_of_a_disclosure(
    by_email, team, recipient, django_capture_on_commit_callbacks, mailoutbox
):
    """The recipient walk: after a resend the register showed the newest link alone
    ('geopend (1 keer geopend)'); the receipt confirmed on the first link was gone."""
    from deelwijzer.dates import nl_date

    shared(by_email, team, django_capture_on_commit_callbacks)
    token, code = token_from(mailoutbox), code_from(mailoutbox)
    recipient.post(page(token), {"code": code})
    recipient.post(page(token, "delivery_confirm"))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert team.post(step6_url(by_email, "delivery_send", key="x1")).status_code == 302
    second = Client()
    second.post(page(token_from(mailoutbox)), {"code": code_from(mailoutbox)})
    auditor = Client()
    auditor.force_login(by_email.auditor)
    register = _register(by_email, auditor)
    today = nl_date(timezone.localdate())
    row = register[register.index("x1") :]
    assert (
        f"geopend; 2 links, waarvan 1 ingetrokken; 2 keer geopend; ontvangst bevestigd op {today}"
        in row
    )
