"""The bench users' sign-in: names, the shared password and each user's known TOTP key.

No Django imports: the load test (bench/) signs in with these from outside the server.
"""

from __future__ import annotations

import hashlib

BENCH_PASSWORD = "bench-Deelwijzer-2026"
ORG_PREFIX = "Bench-organisatie"
CASES_PER_PROFESSIONAL = 20  # each case has two professionals on its team


def username(org_no: int, role: str, n: int = 0) -> str:
    return f"bench{org_no:02d}-{role}{n:03d}" if n else f"bench{org_no:02d}-{role}"


def totp_key(name: str) -> str:
    """The known TOTP key (hex, 20 bytes) of a bench user: the load test computes its codes."""
    return hashlib.sha1(f"deelwijzer-bench:{name}".encode()).hexdigest()
