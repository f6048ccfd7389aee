"""The recipient's pages (issue #20.1): no account, the link's token and a code.

Every answer here carries ``Referrer-Policy: no-referrer`` (the token is in the URL) and
``Cache-Control: no-store``, and the pages load nothing but Deelwijzer's own stylesheet. The
page shows who sent the document and when, the PDF, the confirmation of receipt and the
feedback form: nothing of the case, and no link into it. A dead link (unknown, withdrawn,
expired, locked) gets a plain Dutch page and no content.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.csrf import csrf_exempt

from deelwijzer.attachments.views import download_response
from deelwijzer.disclosures import deliveries
from deelwijzer.disclosures.document import shared_attachments
from deelwijzer.disclosures.models import Delivery, Disclosure
from deelwijzer.ui.forms import VisibleTexts, long_text
from deelwijzer.ui.views import copy_errors, not_allowed

VERIFIED_MINUTES = 30  # how long one right code keeps the page open in this browser
GONE, LOCKED, TOO_MANY = 410, 423, 429


# what may stand between the digits of a code as it is read out or copied
CODE_SEPARATORS = " -."


class CodeForm(forms.Form):
    """A code that cannot be right (letters, too few or too many digits) is a typing mistake:
    it is refused here, saying what is wrong, and does not count as one of the tries before
    the link locks (the walk: 'abcd efgh' and 7 digits each used up a try)."""

    code = forms.CharField(
        label=_l("Code"),
        max_length=40,
        help_text=_l("8 cijfers, uit de aparte e-mail of van de afzender aan de telefoon."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={
            "required": _l("Vul de code in: 8 cijfers."),
            "max_length": _l("Een code heeft 8 cijfers; dit is veel langer."),
        },
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        if any(not ch.isdigit() and ch not in CODE_SEPARATORS for ch in code):
            raise ValidationError(
                _("Een code bestaat alleen uit cijfers, maar hier staan ook letters of andere "
                  "tekens in. Dit telt niet als poging.")
            )  # fmt: skip
        digits = deliveries.normalised(code)
        if len(digits) != deliveries.CODE_DIGITS:
            raise ValidationError(
                _("Een code heeft %(want)s cijfers; je vulde er %(n)s in. Dit telt niet als "
                  "poging.") % {"want": deliveries.CODE_DIGITS, "n": len(digits)}
            )  # fmt: skip
        return digits


class RecipientFeedbackForm(VisibleTexts):
    text = long_text(
        _l("Je terugkoppeling"),
        rows=6,
        help=_l("Wat je met de informatie gedaan hebt, voor zover je dat mag delen."),
        missing=deliveries.RECIPIENT_FEEDBACK_MISSING,
    )


def _foreign_origin(request: HttpRequest) -> bool:
    """A POST from another site. With ``Referrer-Policy: no-referrer`` a browser sends
    ``Origin: null`` for the page's own forms, which Django's CSRF check refuses; so these
    views do their own check instead: the 256-bit token in the URL cannot be forged by another
    site (it is the anti-forgery secret), the session cookie is SameSite=Lax, and an Origin
    naming another site is refused."""
    origin = request.headers.get("Origin")
    own = f"{request.scheme}://{request.get_host()}"
    return request.method == "POST" and origin not in (None, "null", own)


def _headers(view: Callable) -> Callable:
    @csrf_exempt  # see _foreign_origin
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if _foreign_origin(request):
            return HttpResponseForbidden()
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def _session_key(delivery: Delivery) -> str:
    return f"delivery:{delivery.public_id}"


def _verified(request: HttpRequest, delivery: Delivery) -> bool:
    stamp = request.session.get(_session_key(delivery))
    if not stamp:
        return False
    since = timezone.now() - datetime.fromisoformat(stamp)
    return since < timedelta(minutes=VERIFIED_MINUTES)


def _closed(
    request: HttpRequest, reason: str, status: int, delivery: Delivery | None = None
) -> HttpResponse:
    """A link that leads nowhere: why, and who sent it (when the link is known), to ask."""
    sender = delivery.disclosure.case.organisation.name if delivery is not None else ""
    context: dict = {"reason": reason, "sender": sender}
    typed = request.POST.get("text", "").strip() if request.method == "POST" else ""
    if typed:  # feedback typed while the link was withdrawn: given back, to copy
        context["unsaved"] = [(_("Je terugkoppeling"), typed)]
    return render(request, "disclosures/recipient/closed.html", context, status=status)


def _dead(request: HttpRequest, delivery: Delivery | None) -> HttpResponse | None:
    """The page for a link that leads nowhere, or None when it still works."""
    if delivery is None:
        allowed = deliveries.delivery_unknown_link()
        return _closed(request, "unknown" if allowed else "too_many", 404 if allowed else TOO_MANY)
    if delivery.withdrawn_at:
        return _closed(request, "withdrawn", GONE, delivery)
    if delivery.locked_at:
        return _closed(request, "locked", LOCKED, delivery)
    if not delivery.usable:
        return _closed(request, "expired", GONE, delivery)
    return None


def _page(request, delivery: Delivery, feedback_form=None, status: int = 200) -> HttpResponse:
    context = {
        "delivery": delivery,
        "x": delivery.disclosure,
        "organisation": delivery.disclosure.case.organisation.name,
        "feedback_form": feedback_form or RecipientFeedbackForm(),
        "document_open": delivery.document_open(),
        "feedback_open": delivery.feedback_open(),
        "given": delivery.feedback.order_by("received_on", "pk"),
        "files": shared_files(delivery.disclosure),
        "minutes": VERIFIED_MINUTES,
    }
    return render(request, "disclosures/recipient/page.html", context, status=status)


def shared_files(disclosure: Disclosure) -> list[dict]:
    """The shared files as the document describes them; ``available`` when still there."""
    there = shared_attachments(disclosure)
    files = (disclosure.document or {}).get("files") or []
    return [{**f, "available": f["key"] in there} for f in files]


# The feedback typed on a page whose time was up (VERIFIED_MINUTES), carried through the code
# page in the form itself (nothing of it is kept on the server before it is sent).
CARRIED = "terugkoppeling"


def _code_page(
    request, delivery: Delivery, form: CodeForm, *, timed_out: bool = False, carried: str = ""
) -> HttpResponse:
    """``carried``: feedback typed on a page whose time was up; without it, what the code
    form carries along."""
    if not carried and request.method == "POST":
        carried = request.POST.get(CARRIED, "")
    context = {
        "form": form,
        "organisation": delivery.disclosure.case.organisation.name,
        "timed_out": timed_out,
        "carried": carried.strip(),
        "carried_name": CARRIED,
        "minutes": VERIFIED_MINUTES,
    }
    return render(request, "disclosures/recipient/code.html", context)


def _check_code(request: HttpRequest, delivery: Delivery, token: str) -> HttpResponse:
    form = CodeForm(request.POST)
    if not form.is_valid():
        return _code_page(request, delivery, form)
    delivery, opened = deliveries.delivery_open(delivery=delivery, code=form.cleaned_data["code"])
    if opened:
        request.session.cycle_key()
        request.session[_session_key(delivery)] = timezone.now().isoformat()
        carried = request.POST.get(CARRIED, "").strip()
        if carried and delivery.feedback_open():
            # the page again, its feedback filled in as it was typed: sent only by pressing
            messages.info(
                request,
                _("Je terugkoppeling is nog niet verstuurd. Kijk hem na en kies "
                  "‘Terugkoppeling versturen’."),
            )  # fmt: skip
            return _page(request, delivery, RecipientFeedbackForm(initial={"text": carried}))
        return redirect("delivery_page", token=token)
    dead = _dead(request, delivery)
    if dead is not None:
        return dead
    left = Delivery.MAX_ATTEMPTS - delivery.failed_attempts
    form.add_error(
        "code",
        _("Deze code klopt niet. Je kunt het nog %(n)s keer proberen; daarna werkt de link niet "
          "meer.") % {"n": left},
    )  # fmt: skip
    return _code_page(request, delivery, form)


def _live(request: HttpRequest, token: str) -> tuple[Delivery | None, HttpResponse | None]:
    """The delivery of a working link, or None and the page of a dead one."""
    delivery = deliveries.delivery_by_token(token)
    dead = _dead(request, delivery)
    return (None, dead) if dead is not None else (delivery, None)


@_headers
def delivery_page(request: HttpRequest, token: str) -> HttpResponse:
    """GET: the code form, or (code given) the document page. POST: the code."""
    delivery, dead = _live(request, token)
    if delivery is None:
        return cast(HttpResponse, dead)
    if request.method == "POST":
        return _check_code(request, delivery, token)
    if not _verified(request, delivery):
        return _code_page(request, delivery, CodeForm())
    return _page(request, delivery)


def _opened(*, post: bool = False) -> Callable:
    """A page for a working link whose code this browser gave: the view gets the delivery.
    A dead link gets its plain page, a link without the code the code page; ``post``: 405 for
    any other method."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, token: str) -> HttpResponse:
            delivery, dead = _live(request, token)
            if delivery is None:
                return cast(HttpResponse, dead)
            if not _verified(request, delivery):
                given = request.session.get(_session_key(delivery))
                if request.method == "POST" and given:  # the time ran out on an open page
                    return _timed_out(request, delivery)
                return redirect("delivery_page", token=token)
            if post and request.method != "POST":
                return not_allowed()
            return view(request, token, delivery)

        return _headers(wrapped)

    return decorate


def _timed_out(request: HttpRequest, delivery: Delivery) -> HttpResponse:
    """A press on a page opened longer ago than VERIFIED_MINUTES: the code page, saying why,
    with the feedback that was typed carried along (the walk: it was lost without a word)."""
    typed = request.POST.get("text", "")
    return _code_page(request, delivery, CodeForm(), timed_out=True, carried=typed)


@_opened()
def delivery_pdf(request: HttpRequest, token: str, delivery: Delivery) -> HttpResponse:
    try:
        disclosure, pdf = deliveries.delivery_download(delivery=delivery)
    except ValidationError:
        return _closed(request, "expired", GONE, delivery)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="document-{disclosure.key}.pdf"'
    return response


def delivery_file(request: HttpRequest, token: str, key: str) -> HttpResponse:
    """A file shared with the disclosure, as a download (never rendered by the browser)."""

    @_opened()
    def serve(request: HttpRequest, token: str, delivery: Delivery) -> HttpResponse:
        try:
            attachment, data = deliveries.delivery_file(delivery=delivery, key=key)
        except ValidationError:
            return _closed(request, "expired", GONE, delivery)
        return download_response(attachment, data)

    return serve(request, token)


@_opened(post=True)
def delivery_confirm(request: HttpRequest, token: str, delivery: Delivery) -> HttpResponse:
    deliveries.delivery_confirm(delivery=delivery)
    messages.success(request, _("Dank je. De afzender ziet nu dat je het document ontving."))
    return redirect("delivery_page", token=token)


@_opened(post=True)
def delivery_feedback(request: HttpRequest, token: str, delivery: Delivery) -> HttpResponse:
    form = RecipientFeedbackForm(request.POST)
    if form.is_valid():
        try:
            deliveries.delivery_feedback(delivery=delivery, text=form.cleaned_data["text"])
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("Dank je. Je terugkoppeling is bij de afzender."))
            return redirect("delivery_page", token=token)
    return _page(request, delivery, feedback_form=form)
