"""How large an upload's request body may be. The app's bodies are 2 MB at most
(``procedure.limits.REQUEST_BODY_MAX``); on the upload paths a file plus its description may
be sent: the per-file limit and a megabyte for the rest of the form. ``web.body_limit`` refuses
a larger declared body with 413 before anything reads it."""

from __future__ import annotations

import re

from django.conf import settings

UPLOAD_PATHS = re.compile(
    r"^/casussen/[^/]+/bijlagen/bij/[^/]+/[^/]+/$"
    r"|^/api/v1/cases/[^/]+/(signals|conversations)/[^/]+/attachments$"
)
FORM_SLACK = 1024 * 1024


def upload_body_max(path: str) -> int | None:
    """The body limit of an upload path, or None for any other path."""
    if UPLOAD_PATHS.match(path):
        return settings.ATTACHMENT_FILE_MAX_BYTES + FORM_SLACK
    return None
