"""The attention officer's inbox pages. They show InboxItems only: never a case, never a name."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deelwijzer.advice import inbox as service
from deelwijzer.advice.answers import answer_errors
from deelwijzer.advice.forms import AnswerForm
from deelwijzer.ui.views import saved


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page, items = service.inbox_list(actor=request.user, page_number=request.GET.get("pagina", 1))
    return render(request, "advice/inbox.html", {"page": page, "items": items})


@login_required
def inbox_answer(request: HttpRequest, case_id: UUID, key: str) -> HttpResponse:
    item = service.inbox_read(actor=request.user, case_id=case_id, key=key)
    form = AnswerForm(request.POST or None, initial={"version": item.version})
    if saved(
        request,
        form,
        lambda: service.inbox_answer(
            actor=request.user,
            case_id=case_id,
            key=key,
            answer=form.answer_input(),
            expected_version=form.cleaned_data["version"],
        ),
        _("Je advies is verstuurd naar de vrager."),
        check=lambda: answer_errors(
            form.answer_input().cleaned(), complete=True, kept_review=item.review_date
        ),
    ):
        return redirect("inbox")
    return render(request, "advice/inbox_answer.html", {"item": item, "form": form})
