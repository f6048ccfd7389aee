"""The e-mails of a delivery (issue #20.1): the link, and (when the organisation chose so) the
code in a second, separate e-mail.

Content-free (DESIGN.md): no name of the young person or anyone else, no case content, not the
word "radicalisering"; only that a document from the organisation waits in Deelwijzer, the link
and until when it works. The code mail carries no link, the link mail no code. Sent through
Django's mail framework after the commit (``DEELWIJZER_EMAIL_FILE_DIR`` writes them as files).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from deelwijzer.dates import nl_date
from deelwijzer.organisations.models import CodeChannel

logger = logging.getLogger(__name__)


def link_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("delivery_page", kwargs={"token": token})


def link_mail(delivery, token: str, *, again: bool = False) -> tuple[str, str]:
    """``again``: the document went to this recipient before; the new link replaces that one
    (the recipient walk: the second mail read word for word as the first, so which link
    worked was a guess)."""
    organisation = delivery.disclosure.case.organisation.name
    if delivery.code_channel == CodeChannel.EMAIL:
        how = _("De code om het te openen krijg je in een aparte e-mail.")
    else:
        how = _("De code om het te openen krijg je telefonisch van de afzender.")
    subject = _("Er staat een document voor je klaar in Deelwijzer")
    replaces = ""
    if again:
        subject = _("Een nieuwe link naar je document in Deelwijzer")
        replaces = _(
            "Dit is een nieuwe link. Een link die je eerder voor dit document kreeg, werkt niet "
            "meer.\n\n"
        )
    body = _(
        "Hallo,\n\n%(org)s heeft een document voor je klaargezet in Deelwijzer. Open het via "
        "deze link:\n%(url)s\n\n%(replaces)s%(how)s\nDe link werkt tot en met %(until)s.\n\n"
        "Verwachtte je dit niet? Open de link dan niet en neem contact op met %(org)s.\n\n"
        "Dit bericht is automatisch verstuurd."
    ) % {
        "org": organisation,
        "url": link_url(token),
        "replaces": replaces,
        "how": how,
        "until": nl_date(timezone.localdate(delivery.expires_at)),
    }
    return subject, body


def code_mail(delivery, code: str, *, again: bool = False) -> tuple[str, str]:
    organisation = delivery.disclosure.case.organisation.name
    subject = _("Je code voor Deelwijzer")
    replaces = _(" Een code die je eerder kreeg, werkt niet meer.") if again else ""
    body = _(
        "Hallo,\n\nJe code voor het document dat %(org)s voor je klaarzette in Deelwijzer:\n\n"
        "%(code)s\n\nDe link naar het document staat in een andere e-mail.%(replaces)s Na vijf "
        "foute codes werkt de link niet meer.\n\nDit bericht is automatisch verstuurd."
    ) % {"org": organisation, "code": f"{code[:4]} {code[4:]}", "replaces": replaces}
    return subject, body


def _send(mails: list[tuple[str, str]], address: str) -> None:
    for subject, body in mails:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    logger.info("delivery mail: %d message(s) sent", len(mails))


def send_after_commit(delivery, *, token: str, code: str) -> None:
    """Queue the link mail (and the code mail, when it goes by e-mail) for after the commit."""
    again = delivery.disclosure.deliveries.exclude(pk=delivery.pk).exists()
    mails = [link_mail(delivery, token, again=again)]
    if delivery.code_channel == CodeChannel.EMAIL:
        mails.append(code_mail(delivery, code, again=again))
    address = delivery.email
    transaction.on_commit(lambda: _send(mails, address), robust=True)
