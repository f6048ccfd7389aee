"""A case's pseudonym: what every view without the identity shows instead of the name.

Deelwijzer makes one by default (``new_pseudonym``: random, not a counter, so one pseudonym
says nothing about the next). A professional may choose one instead; it is then checked with
the same known-identifier detector as R2.1 (``procedure.identifiers``), so that neither the
youth's name, a parent's name, a listed identifier nor the birth date, in any spelling, ends
up where the attention officer reads it. A pseudonym is unique within its organisation only:
whether another organisation uses it is none of this one's business.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from deelwijzer.procedure.casefile import CaseFile, Guardian, Organisation, Youth
from deelwijzer.procedure.identifiers import find_identifiers
from deelwijzer.procedure.limits import PSEUDONYM_MAX

# No 0/O, 1/I/L: a pseudonym is read aloud and typed over.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 4
# Letters (any script: the detector folds look-alikes), digits, spaces, hyphens, dots; no
# mark, format or control character.
_ALLOWED = re.compile(r"^[\w .\-]+$")


def new_pseudonym() -> str:
    """``J-`` and four characters drawn by ``secrets``: about 920,000 possibilities."""
    return "J-" + "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def pseudonym_problems(
    pseudonym: str,
    *,
    name: str,
    birth_date: date | None,
    guardians: Sequence[str] = (),
    identifiers: Sequence[str] = (),
) -> list[str]:
    """Why ``pseudonym`` may not stand for this youth (Dutch), or nothing when it may."""
    if len(pseudonym) > PSEUDONYM_MAX:
        return [
            _(
                "Een pseudoniem is hoogstens %(n)s tekens lang. Laat het veld leeg: dan kiest "
                "Deelwijzer er een."
            )
            % {"n": PSEUDONYM_MAX}
        ]
    if not _ALLOWED.match(pseudonym):  # no bidi control, zero-width or other invisible one
        return [
            _(
                "Een pseudoniem bestaat uit letters, cijfers, spaties en streepjes, zonder "
                "onzichtbare tekens. Laat het veld leeg: dan kiest Deelwijzer er een."
            )
        ]
    if birth_date is None:
        birth_date = date(1, 1, 1)  # the date is refused on its own; the names still count
    cf = CaseFile(
        organisation=Organisation(attention_officer=True, decision_maker_role=""),
        youth=Youth(pseudonym, birth_date, name or None, [i for i in identifiers if i.strip()]),
        guardians=[Guardian(f"g{n}", True, g, None) for n, g in enumerate(guardians, 1) if g],
    )
    found = []
    for match in find_identifiers(pseudonym, cf):
        if match.label not in found:
            found.append(match.label)
    if not found:
        return []
    return [
        _(
            "Dit pseudoniem verraadt wie de jongere is: het bevat de %(what)s. Het pseudoniem is "
            "wat een adviseur buiten het team ziet (stap 2, R2.1). Laat het veld leeg: dan kiest "
            "Deelwijzer er een."
        )
        % {"what": ", de ".join(found)}
    ]
