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
    """Show a service's refusal on the form, field by field where it can. The errors keep
    their codes: a ``stale_version`` makes the page a 409 (web/refusals.py)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for each in errors:
                form.add_error(target, each)
    else:
        for each in error.error_list:
            form.add_error(None, each)
