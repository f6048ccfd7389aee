from deelwijzer.organisations.models import Membership


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_roles": set()}
    mine = set(Membership.objects.filter(user=user, active=True).values_list("role", flat=True))
    return {"my_roles": mine}
