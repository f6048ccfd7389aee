"""The six steps as the app names them. Short texts in our own words, with the rule IDs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Step:
    number: int
    title: StrOrPromise
    summary: StrOrPromise
    rules: str


STEPS = (
    Step(
        1,
        _("Signalen beschrijven"),
        _(
            "Schrijf op wat je zag en hoorde, met de bron. Houd meningen apart en leg ook "
            "vast wat de zorg tegenspreekt."
        ),
        "R1.1–R1.7",
    ),
    Step(
        2,
        _("Advies vragen"),
        _(
            "Vraag advies zonder dat de adviseur de jongere kan herkennen, ook aan de "
            "aandachtsfunctionaris. Leg de uitkomst vast."
        ),
        "R2.1–R2.8",
    ),
    Step(
        3,
        _("Gesprek met jongere en/of ouders"),
        _(
            "Bespreek de zorgen open. Onder de 16 praat je als regel ook met de ouders met gezag; "
            "vanaf 16 alleen met toestemming van de jongere."
        ),
        "R3.1–R3.5",
    ),
    Step(
        4,
        _("Risico's taxeren"),
        _(
            "Beschrijf concreet welke veiligheidsrisico's er zijn, voor wie, hoe ernstig en "
            "wanneer."
        ),
        "R4.1–R4.3",
    ),
    Step(
        5,
        _("Beslissen over extern delen"),
        _(
            "Delen mag met toestemming, of zonder toestemming alleen bij een ernstig, concreet "
            "risico dat alleen zo kleiner wordt. De beslisser van de organisatie beslist."
        ),
        "R5.1–R5.4",
    ),
    Step(
        6,
        _("Delen: wat en met wie"),
        _(
            "Deel alleen wat nodig is, met wie kan ingrijpen, en maak afspraken over taken en "
            "terugkoppeling."
        ),
        "R6.1–R6.7",
    ),
)
