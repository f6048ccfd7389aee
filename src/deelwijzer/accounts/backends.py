"""The lock-out check in front of Django's own password check (django-axes)."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a sign-in while the (username, client address) pair is locked out.

    Every sign-in over HTTP passes a request. Without one (a management shell, the test
    client's ``login()``) there is no client address to key the lock-out on: the check is
    skipped and the next backend decides, instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
