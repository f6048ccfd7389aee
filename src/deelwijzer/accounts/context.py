from django.conf import settings


def session_limits(request):
    """``session_idle_seconds``: when static/deelwijzer/session.js should start asking."""
    return {"session_idle_seconds": settings.SESSION_IDLE_SECONDS}
