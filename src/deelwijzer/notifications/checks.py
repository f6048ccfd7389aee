"""A deployment check on the base of the links in e-mails (``deelwijzer check --deploy``).

Every e-mail is a link only (invitations, the first administrator's password link,
notifications, a delivered disclosure). With ``DEELWIJZER_SITE_URL`` left at its local default,
or at a host this installation does not answer to, every such link leads nowhere, and nothing
else would say so before the first user clicks one.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
from django.http.request import validate_host

LOCAL = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - names, not a bind


def _site_url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme != "https" or not host:
        return f"DEELWIJZER_SITE_URL ({url}) is geen https-adres."
    if host in LOCAL or host.endswith(".localhost"):
        return f"DEELWIJZER_SITE_URL ({url}) wijst naar deze machine zelf."
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return f"DEELWIJZER_SITE_URL ({url}) noemt een host die niet in ALLOWED_HOSTS staat."
    return None


@register(deploy=True)
def site_url(app_configs=None, **kwargs) -> list:
    problem = _site_url_problem(settings.SITE_URL)
    if problem is None:
        return []
    return [
        Warning(
            problem + " De links in de e-mails (uitnodigingen, meldingen) werken dan niet.",
            hint="Zet het adres waarop gebruikers Deelwijzer openen, bijvoorbeeld "
            "DEELWIJZER_SITE_URL=https://deelwijzer.example.nl (docs/deployment.md, 3).",
            id="deelwijzer.W040",
        )
    ]
