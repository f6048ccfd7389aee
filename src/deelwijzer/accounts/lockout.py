"""Two limits on failed sign-ins (django-axes, issue #17.8; ASVS 5.0 V6.3.1, V6.1.1).

* ``AXES_FAILURE_LIMIT`` (5) failures for one account from one address lock that pair only, so
  that nobody can lock another user out from elsewhere;
* ``ADDRESS_FAILURE_LIMIT`` failures from one address, over any accounts, lock the address:
  password spraying (a few passwords tried against many accounts) ends there.

Both cool off after ``AXES_COOLOFF_TIME``. A successful sign-in clears the failures of that
account from that address only, never the address's count: signing in to one's own account
does not reset a spray.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    """AXES_LOCKOUT_PARAMETERS is [[username, ip_address], ip_address]: the pair comes first."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        pair, address = (_failures(a) for a in self.get_user_attempts(request, credentials))
        if address >= settings.ADDRESS_FAILURE_LIMIT:
            request.deelwijzer_lockout_scope = "address"
            return max(pair, settings.AXES_FAILURE_LIMIT)
        return pair

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
