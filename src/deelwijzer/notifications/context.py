from django.utils.functional import SimpleLazyObject

from deelwijzer.notifications.waiting import menu_counts


def waiting(request):
    """``waiting``: the menu counts, counted (one query) only when a template shows them."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"waiting": {}}
    from deelwijzer.web.context import roles

    return {"waiting": SimpleLazyObject(lambda: menu_counts(user, roles(request)["my_roles"]))}
