"""The org admin's contacts directory and the auditor's disclosure register. No case content."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from deelwijzer.cases.access import organisation_for
from deelwijzer.disclosures import contacts, selectors
from deelwijzer.disclosures.forms import ContactForm
from deelwijzer.disclosures.models import Contact
from deelwijzer.organisations.models import Role
from deelwijzer.ui.views import org_list_page, org_list_switch, register_page, saved


def _input(form: ContactForm) -> contacts.ContactInput:
    return contacts.ContactInput(**{k: form.cleaned_data[k] or "" for k in form.fields})


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    return org_list_page(
        request,
        ContactForm,
        add=lambda organisation, form: contacts.contact_add(
            actor=request.user, organisation=organisation, data=_input(form)
        ),
        added=lambda contact: _("%(name)s staat in de lijst.") % {"name": contact.name},
        to="contacts",
        template="disclosures/contacts.html",
        rows=("contacts", selectors.contact_rows),
    )


@login_required
def contact_edit(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    organisation = organisation_for(request.user, Role.ORG_ADMIN)
    contact = get_object_or_404(Contact, public_id=contact_id, organisation=organisation)
    initial = {k: getattr(contact, k) for k in ContactForm.base_fields}
    form = ContactForm(request.POST or None, initial=initial)
    if saved(
        request,
        form,
        lambda: contacts.contact_update(
            actor=request.user,
            organisation=organisation,
            contact_id=contact.pk,
            data=_input(form),
        ),  # fmt: skip
        _("Het contact is bijgewerkt."),
    ):
        return redirect("contacts")
    return render(request, "disclosures/contact_edit.html", {"form": form, "contact": contact})


def _contact_switched(_contact: Contact, active: bool) -> str:
    return _("Het contact is weer in gebruik.") if active else _("Het contact is uitgezet.")


@login_required
def contact_active(request: HttpRequest, contact_id: UUID) -> HttpResponse:
    return org_list_switch(
        request, contacts.CONTACTS, contact_id, reported=_contact_switched, to="contacts"
    )


@login_required
@transaction.atomic
def disclosure_register(request: HttpRequest) -> HttpResponse:
    """What went to whom, when, on what ground and by whom: ids and labels, no content."""
    return register_page(
        request,
        selectors.register_rows,
        template="disclosures/register.html",
        object_type="disclosure_register",
        listed="disclosures",
    )
