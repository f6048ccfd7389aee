"""A form sent twice is handled once.

A second press on a button while the page still waits (a slow connection, a busy server),
Back after a form that succeeded, or a script that sends a form again after a network error:
each sends the same form a second time. For most forms that did the work twice: a disclosure
shared twice (two links and two codes to the recipient), a signal or a risk recorded twice,
a link sent again twice.

Every page renders its own CSRF token into its forms (Django masks it afresh for each page),
so "the same form from the same page, with the same content" is a keyed hash of the address
and everything posted, token and files included. This middleware claims that hash in
``ui.FormPost`` before the view runs. A post whose hash is already claimed is not handled
again: it waits until the first one is done and is then sent where the first one led, with a
message that says so (and an audit event, ``form.repeated``). A first post that was refused
(anything but a redirect, or a redirect that brings the refusal to the next page:
``ui.refusals.mark_refused``) gives up its claim, so that the same form can be sent again.

Back to a form that succeeded shows a fresh page (with a new token) in which the browser has
put back what was typed: sending it again would record it twice. So a success also remembers
the content alone (the same hash without the token, for this user or recipient) for
``AGAIN_WINDOW``; the same content with typed text in it, sent again from another page
within that time, is not handled but asked about: "Dit heb je net al verstuurd", with a link
to what the first post made and a button that sends it once more (``AGAIN_FIELD``), for the
rare time that is meant.

Left alone: the API (its own tokens), HTMX posts (live checks, their answer a fragment),
posts without a CSRF token in the form, and the sign-in and account pages, where a second
post has to get its own answer (a session, a code). JavaScript (static/deelwijzer/sending.js)
also keeps a button from sending its form twice; this is what holds without it.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.audit.models import Outcome
from deelwijzer.audit.services import audit_record
from deelwijzer.inputs import posted_texts
from deelwijzer.ui.models import FormPost
from deelwijzer.ui.refusals import RECIPIENT_PAGES, refused_status, way_back

# Pages whose second post must be answered on its own: signing in and out, codes, passwords.
ACCOUNT_PAGES = frozenset(
    {
        "login",
        "logout",
        "two_factor",
        "two_factor_enrol",
        "recovery_codes_renew",
        "password_set",
        "password_change",
        "password_forgot",
        "invitation_accept",
        "session_status",
        "signed_in_again",
        "sso_find",
        "sso_start",
        "sso_callback",
        "sso_backchannel_logout",
        "delivery_page",  # the recipient's code
    }
)
WAIT_SECONDS = 25.0  # how long a second post waits for the first one to be done
ABANDONED = timedelta(minutes=2)  # a first post still unfinished after this has crashed
AGAIN_WINDOW = timedelta(minutes=15)  # the same content again from a new page: asked first
AGAIN_FIELD = "nogmaals_versturen"
KEEP = timedelta(days=1)
_POLL = 0.2
_CLAIM = "_deelwijzer_form_post"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _applies(request: HttpRequest) -> bool:
    if request.method != "POST" or request.headers.get("HX-Request"):
        return False
    if request.path_info.startswith("/api/"):
        return False
    match = request.resolver_match
    name = match.url_name if match else None
    if name in ACCOUNT_PAGES:
        return False
    return request.user.is_authenticated or name in RECIPIENT_PAGES


def form_keys(request: HttpRequest) -> tuple[str, str] | None:
    """The keyed hashes of one post: of the form as sent from one page (its CSRF token in
    it), and of its content alone for this user or recipient. None for a post without the
    page's token (nothing then tells two pages apart)."""
    token = request.POST.get("csrfmiddlewaretoken")
    if not token:
        return None
    content = hmac.new(settings.SECRET_KEY.encode(), digestmod=hashlib.sha256)

    def part(*values: object) -> None:
        for value in values:
            text = str(value).encode()
            content.update(len(text).to_bytes(8, "big") + text)

    user = request.user
    part(request.path, f"user:{user.pk}" if user.is_authenticated else request.session.session_key)
    for name in sorted(request.POST):
        if name not in ("csrfmiddlewaretoken", AGAIN_FIELD):
            part(name, *request.POST.getlist(name))
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            part(name, upload.name, upload.size)
            for chunk in upload.chunks():
                content.update(chunk)
            upload.seek(0)
    on_page = content.copy()
    part_of_page = f"page:{token}:{AGAIN_FIELD in request.POST}".encode()
    on_page.update(len(part_of_page).to_bytes(8, "big") + part_of_page)
    return on_page.hexdigest(), content.hexdigest()


def _claim(key: str) -> FormPost | None:
    """Claim ``key`` for this post (None), or return the earlier post that has it: done, or
    still under way after waiting ``WAIT_SECONDS`` for it."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        now = timezone.now()
        try:
            with transaction.atomic():
                FormPost.objects.create(key=key, started_at=now)
        except IntegrityError:
            pass
        else:
            FormPost.objects.filter(started_at__lt=now - KEEP).delete()
            return None
        earlier = FormPost.objects.filter(key=key).first()
        if earlier is None:
            continue  # the first one was refused meanwhile: this one goes ahead
        if earlier.finished:
            return earlier
        if earlier.started_at < now - ABANDONED:
            FormPost.objects.filter(pk=earlier.pk, finished=False).delete()
            continue
        if time.monotonic() >= deadline:
            return earlier
        _pause()


def _pause() -> None:
    time.sleep(_POLL)


def _led_to(response: HttpResponse) -> str:
    """Where a handled post led: a redirect's address, or an upload's ``X-Next-Location``
    (attachments.views answers a script that way)."""
    if response.status_code in _REDIRECTS:
        return response.get("Location", "")
    if response.status_code == 204:
        return response.get("X-Next-Location", "")
    return ""


def _finish(request: HttpRequest, keys: tuple[str, str], response: HttpResponse) -> None:
    """A post that succeeded is done and remembered; a refused one gives up its claim, also
    when a redirect brings its refusal to the next page (``mark_refused``)."""
    page_key, content_key = keys
    location = _led_to(response)
    if not location or refused_status(request) is not None:
        FormPost.objects.filter(key=page_key).delete()
        return
    FormPost.objects.filter(key=page_key).update(finished=True, location=location)
    FormPost.objects.update_or_create(
        key=content_key,
        defaults={"started_at": timezone.now(), "finished": True, "location": location},
    )


def _sent_just_now(request: HttpRequest, content_key: str) -> FormPost | None:
    """The same content, sent from another page and handled within ``AGAIN_WINDOW``. Only
    for a post with typed text in it: that is what a browser fills in again after Back, and
    what is recorded twice. A form of buttons and choices (a statement made, withdrawn and
    made again; a setting switched back) is the user's choice each time."""
    if AGAIN_FIELD in request.POST or request.FILES:  # a file field is never filled back
        return None
    if not posted_texts(request.POST):
        return None
    since = timezone.now() - AGAIN_WINDOW
    return FormPost.objects.filter(key=content_key, finished=True, started_at__gte=since).first()


def _audit_repeated(request: HttpRequest, earlier: FormPost, *, same_page: bool) -> None:
    match = request.resolver_match
    with transaction.atomic():
        audit_record(
            actor=request.user if request.user.is_authenticated else None,
            action="form.repeated",
            object_type="form",
            object_id=match.url_name if match else "",
            outcome=Outcome.DENIED,
            detail={"path": request.path, "finished": earlier.finished, "same_page": same_page},
        )


def _ask_again(request: HttpRequest, earlier: FormPost) -> HttpResponse:
    """The same content sent from a new page (Back, then the button again): asked first."""
    _audit_repeated(request, earlier, same_page=False)
    fields = [
        (name, value)
        for name in request.POST
        if name != "csrfmiddlewaretoken"
        for value in request.POST.getlist(name)
    ]
    context = {
        "fields": fields,
        "again_field": AGAIN_FIELD,
        "sent_at": earlier.started_at,
        "location": earlier.location,
        **way_back(request),
    }
    return render(request, "ui/form_again.html", context, status=409)


def _take_up_session(request: HttpRequest) -> None:
    """The session as the first post left it. This request read the session before the
    first one was done, and saves its copy after it: without this, what the first post put
    in the session for the page it led to (a code to read out, shown once; its message) was
    overwritten by the older copy (the re-walk: a phone code lost after a double press)."""
    session = getattr(request, "session", None)
    if session is None or session.session_key is None:
        return
    saved = session.load()
    session.clear()
    session.update(saved)


def _answer_again(request: HttpRequest, earlier: FormPost) -> HttpResponse:
    _audit_repeated(request, earlier, same_page=True)
    if not earlier.finished:
        return render(request, "ui/form_busy.html", way_back(request), status=409)
    _take_up_session(request)
    if request.headers.get("X-Upload-Progress") == "1":
        return HttpResponse(status=204, headers={"X-Next-Location": earlier.location})
    messages.info(
        request,
        _(
            "Dit formulier had je al verstuurd (bijvoorbeeld door twee keer te klikken of "
            "door terug te gaan). Het is één keer verwerkt; hier zie je het resultaat."
        ),
    )
    return HttpResponseRedirect(earlier.location)


class OncePerFormMiddleware:
    """Claims a page form's post before its view runs (last in ``MIDDLEWARE``: after the CSRF
    check, with the view resolved). ``FormPostDoneMiddleware`` records how it ended."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not _applies(request):
            return None
        keys = form_keys(request)
        if keys is None:
            return None
        page_key, content_key = keys
        earlier = _claim(page_key)
        if earlier is not None:
            return _answer_again(request, earlier)
        sent = _sent_just_now(request, content_key)
        if sent is not None:
            FormPost.objects.filter(key=page_key).delete()
            return _ask_again(request, sent)
        setattr(request, _CLAIM, keys)
        return None


class FormPostDoneMiddleware:
    """Marks a claimed post done once its answer is complete: placed before the session
    middleware, so after the session (with the post's messages and what it keeps for the next
    page, such as a code shown once) is saved. A second post that waited for this one then
    reads that session, not an older one (``_take_up_session``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        keys = getattr(request, _CLAIM, None)
        if keys is not None:
            _finish(request, keys, response)
        return response
