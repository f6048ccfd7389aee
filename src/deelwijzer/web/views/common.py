from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form

from deelwijzer.cases.access import organisations_with_role
from deelwijzer.organisations.models import Organisation


def organisation_for(user, role: str) -> Organisation:
    """The organisation in which the user holds ``role`` (the first, if several)."""
    ids = organisations_with_role(user, role)
    if not ids:
        raise PermissionDenied
    return Organisation.objects.get(pk=sorted(ids)[0])


def copy_errors(form: Form, error: ValidationError) -> None:
    """Show a service's refusal on the form, field by field where it can."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
