"""Attachment pages: add a file to an entry, open it (always as a download), its thumbnail,
withdraw it. Thin: access through ``get_case``, the form, the service."""

from __future__ import annotations

from urllib.parse import quote
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from deelwijzer.attachments import services
from deelwijzer.attachments.forms import AttachmentForm, WithdrawForm
from deelwijzer.attachments.models import Attachment, extensions_for
from deelwijzer.attachments.registry import Owner, owner
from deelwijzer.attachments.selectors import attachments_of
from deelwijzer.cases.access import get_case
from deelwijzer.cases.models import Case
from deelwijzer.ui.refusals import mark_refused
from deelwijzer.ui.views import copy_errors

# A downloaded file is never a page: nothing in it may run or load, even if a browser shows it.
DOWNLOAD_POLICY = "default-src 'none'; sandbox"


def panel(case: Case, access, entry_kind: str, entry_key: str) -> dict:
    """What an entry's page needs to show its files (``attachments/_panel.html``)."""
    return {
        "attachments": attachments_of(case, entry_kind, entry_key),
        "attachment_form": AttachmentForm() if access.edit else None,
        "attachment_action": reverse(
            "attachment_add", args=[case.public_id, entry_kind, entry_key]
        ),
    }


def entry_url(case: Case, owner_: Owner, entry_key: str) -> str:
    return reverse(owner_.url_name, args=[case.public_id, entry_key]) + "#bijlagen"


def _owner_and_entry(case: Case, entry_kind: str, entry_key: str) -> Owner:
    owner_ = owner(entry_kind)
    if owner_ is None or not owner_.model.current(case).filter(key=entry_key).exists():
        raise Http404
    return owner_


def _saved(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect; to attachments.js's upload (with its progress bar) the address alone, which
    it then opens, so that the success message is shown on that page and not used up."""
    if request.headers.get("X-Upload-Progress") == "1":
        return HttpResponse(status=204, headers={"X-Next-Location": url})
    return redirect(url)


def _upload(form: AttachmentForm, request: HttpRequest) -> services.Upload:
    uploaded = request.FILES.get("file")
    data = uploaded.read() if uploaded is not None else b""
    clean = getattr(form, "cleaned_data", {})
    return services.Upload(
        filename=(uploaded.name or "") if uploaded is not None else "",
        data=data,
        description=clean.get("description") or "",
        made_on=clean.get("made_on"),
    )


@login_required
def attachment_add(request: HttpRequest, case_id: UUID, entry_kind: str, entry_key: str):
    case, access = get_case(request.user, case_id, need="edit")
    owner_ = _owner_and_entry(case, entry_kind, entry_key)
    if request.method != "POST":
        form = AttachmentForm()
    else:
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                added = services.attachment_add(
                    actor=request.user,
                    case_id=case.pk,
                    entry_kind=entry_kind,
                    entry_key=entry_key,
                    upload=_upload(form, request),
                )
            except ValidationError as error:
                copy_errors(form, error)
            else:
                messages.success(request, _("Bestand %(key)s toegevoegd.") % {"key": added.key})
                return _saved(request, entry_url(case, owner_, entry_key))
    context = {
        "case": case,
        "form": form,
        "entry_key": entry_key,
        "owner": owner_,
        "back": entry_url(case, owner_, entry_key),
    }
    return render(request, "attachments/add.html", context)


def download_name(name: str, content_type: str) -> str:
    """The name with the extension of what the file is, so that it opens in the right program
    (the files walk: a PNG added as "foto.pdf" downloaded as a PDF that would not open)."""
    known = extensions_for(content_type)
    stem, dot, extension = name.rpartition(".")
    if not known or (dot and f".{extension.lower()}" in known):
        return name
    return f"{stem if dot and stem else name}{known[0]}"


def _file_response(attachment: Attachment, data: bytes, *, inline: bool) -> HttpResponse:
    content_type = "image/jpeg" if inline else attachment.content_type
    response = HttpResponse(data, content_type=content_type)
    name = download_name(attachment.filename, content_type)
    if inline:
        name = f"{attachment.key}-miniatuur.jpg"
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    response["Cache-Control"] = "no-store"
    return response


def _read_only(request: HttpRequest, case_id: UUID) -> HttpResponse | None:
    """Access first (404 for who may not see the case), then the method (405)."""
    get_case(request.user, case_id, need="view")
    return None if request.method in {"GET", "HEAD"} else HttpResponseNotAllowed(["GET"])


def download_response(attachment: Attachment, data: bytes) -> HttpResponse:
    """The file as a download, never rendered by the browser (the pages and the API)."""
    return _file_response(attachment, data, inline=False)


def _serve(request: HttpRequest, case_id: UUID, key: str, *, thumbnail: bool) -> HttpResponse:
    refused = _read_only(request, case_id)
    if refused is not None:
        return refused
    attachment, data = services.attachment_open(
        actor=request.user, case_id=case_id, key=key, thumbnail=thumbnail
    )
    return _file_response(attachment, data, inline=thumbnail)


@login_required
def attachment_download(request: HttpRequest, case_id: UUID, key: str) -> HttpResponse:
    return _serve(request, case_id, key, thumbnail=False)


@login_required
def attachment_thumbnail(request: HttpRequest, case_id: UUID, key: str) -> HttpResponse:
    return _serve(request, case_id, key, thumbnail=True)


def _already_withdrawn(attachment: Attachment, posted: bool) -> str:
    """The walk: withdrawing a file a colleague had withdrawn meanwhile said the page did not
    exist or was not for them, and dropped the reason without a word."""
    said = _("Bestand %(key)s is al ingetrokken, %(by)s.") % {
        "key": attachment.key,
        "by": attachment.withdrawn_by_and_when(),
    }
    if posted:
        said += " " + _(
            "Jouw reden is niet opgeslagen; de reden van toen staat bij de aantekening."
        )
    return said


@login_required
def attachment_withdraw(request: HttpRequest, case_id: UUID, key: str):
    case, access = get_case(request.user, case_id, need="edit")
    attachment = (
        Attachment.objects.filter(case=case, key=key).select_related("withdrawn_by").first()
    )
    owner_ = owner(attachment.entry_kind) if attachment is not None else None
    if attachment is None or owner_ is None:
        raise Http404
    if attachment.withdrawn_at:  # by a colleague meanwhile, or this page from before
        messages.error(request, _already_withdrawn(attachment, request.method == "POST"))
        mark_refused(request)
        return redirect(entry_url(case, owner_, attachment.entry_key))
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.attachment_withdraw(
                actor=request.user, case_id=case.pk, key=key, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(
                request, _("Bestand %(key)s is ingetrokken en vernietigd.") % {"key": key}
            )
            return redirect(entry_url(case, owner_, attachment.entry_key))
    context = {
        "case": case,
        "form": form,
        "attachment": attachment,
        "back": entry_url(case, owner_, attachment.entry_key),
    }
    return render(request, "attachments/withdraw.html", context)
