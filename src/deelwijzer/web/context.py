from deelwijzer.cases.access import active_roles


def roles(request):
    """``my_roles``: the user's active roles in any organisation (for the menu)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_roles": set()}
    return {"my_roles": active_roles(user)}
