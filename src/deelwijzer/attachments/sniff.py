"""What a file is, from its first bytes (magic numbers), never from its name or the browser's
claim. Only images (JPEG, PNG, WebP, HEIC when pillow-heif is installed), PDF and plain UTF-8
text are accepted; everything else is refused with a Dutch reason that names what it is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from deelwijzer.attachments.models import FileKind

try:  # HEIC/HEIF photos (iPhones) only when the maintained reader is installed
    import pillow_heif

    pillow_heif.register_heif_opener()
    HEIC = True
except ImportError:  # pragma: no cover - the dev and deploy installs have it
    HEIC = False


@dataclass(frozen=True)
class Sniffed:
    kind: str  # FileKind
    content_type: str
    image_format: str = ""  # Pillow's format name for images


class Refused(Exception):
    """A file that is not accepted; ``str()`` is the Dutch reason for the user."""


HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
SCRIPT_NAMES = re.compile(
    r"\.(js|mjs|vbs|vbe|wsf|ps1|psm1|sh|bash|zsh|bat|cmd|py|pl|rb|php|hta|jar)$", re.I
)
MARKUP = re.compile(rb"<\s*(!doctype\s+html|html|head|body|script|iframe|svg|\?xml)\b", re.I)


def _refuse_binary(head: bytes) -> None:
    def refuse(what: str) -> None:
        raise Refused(
            _("Dit bestand is %(what)s. Dat kan niet als bijlage; %(allowed)s")
            % {
                "what": what,
                "allowed": allowed(),
            }
        )

    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        refuse(_("een programma (uitvoerbaar bestand)"))
    if head[:4] in {
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
    }:
        refuse(_("een programma (uitvoerbaar bestand)"))
    if head.startswith(b"\xca\xfe\xba\xbe"):
        refuse(_("een programma (uitvoerbaar bestand)"))
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        refuse(_("een Office-bestand in het oude formaat, dat macro's kan bevatten"))
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        if b"vbaProject" in head or b"[Content_Types].xml" in head or b"word/" in head:
            refuse(_("een Office-bestand (Word, Excel of PowerPoint), dat macro's kan bevatten"))
        refuse(_("een archief (zip)"))
    archives = (b"Rar!", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"MSCF")
    if head.startswith(archives) or head[257:262] == b"ustar":
        refuse(_("een archief (gecomprimeerd of ingepakt bestand)"))


def allowed() -> str:
    images = "JPEG, PNG, WebP, HEIC" if HEIC else "JPEG, PNG, WebP"
    return _("toegestaan zijn foto's en schermafbeeldingen (%(images)s), PDF en platte tekst.") % {
        "images": images
    }


def _image(head: bytes) -> Sniffed | None:
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed(FileKind.IMAGE, "image/jpeg", "JPEG")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed(FileKind.IMAGE, "image/png", "PNG")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed(FileKind.IMAGE, "image/webp", "WEBP")
    if HEIC and head[4:8] == b"ftyp" and head[8:12] in HEIC_BRANDS:
        return Sniffed(FileKind.IMAGE, "image/heic", "HEIF")
    return None


def _text(data: bytes, filename: str) -> Sniffed:
    if b"\x00" in data:
        raise Refused(
            _("Dit bestand is van een onbekende soort. %(allowed)s") % {"allowed": allowed()}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(
            _("Dit bestand is geen platte tekst in UTF-8 en ook geen afbeelding of PDF. %(a)s")
            % {"a": allowed()}
        ) from exc
    start = text.lstrip()[:2]
    if start == "#!" or SCRIPT_NAMES.search(filename or ""):
        raise Refused(_("Dit bestand is een script (programmacode). Dat kan niet als bijlage."))
    if MARKUP.search(data[:4096]):
        raise Refused(
            _(
                "Dit bestand is een webpagina of een SVG-tekening (HTML of XML), met misschien "
                "code die in de browser draait: dat kan niet als bijlage. Maak er een "
                "schermafbeelding of PDF van."
            )
        )
    return Sniffed(FileKind.TEXT, "text/plain; charset=utf-8")


def sniff(data: bytes, filename: str = "") -> Sniffed:
    """The accepted kind of ``data``, or ``Refused`` with the reason."""
    if not data:
        raise Refused(_("Het bestand is leeg."))
    head = data[:512]
    image = _image(head)
    if image is not None:
        return image
    if head.startswith(b"%PDF-"):
        return Sniffed(FileKind.PDF, "application/pdf")
    _refuse_binary(head)
    return _text(data, filename)
