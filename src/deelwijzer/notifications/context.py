from django.utils.functional import SimpleLazyObject

from deelwijzer.cases.access import active_roles
from deelwijzer.notifications.waiting import menu_counts


def waiting(request):
    """``waiting``: the menu counts, counted (one query) only when a template shows them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"waiting": {}}
    return {"waiting": SimpleLazyObject(lambda: menu_counts(user, active_roles(user)))}
