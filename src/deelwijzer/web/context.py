from django.utils.functional import SimpleLazyObject

from deelwijzer.cases.access import active_roles
from deelwijzer.web.waiting import menu_counts


def roles(request):
    """``my_roles``: the user's active roles in any organisation (for the menu)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_roles": set()}
    return {"my_roles": active_roles(user)}


def waiting(request):
    """``waiting``: the menu counts, counted only when a template shows them; the
    professional's is kept in the session (web.waiting)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"waiting": {}}
    session = getattr(request, "session", None)
    return {"waiting": SimpleLazyObject(lambda: menu_counts(user, active_roles(user), session))}
