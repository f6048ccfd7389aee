"""Re-encoding an uploaded image with Pillow: only the pixels survive.

EXIF (with GPS, camera owner, serial numbers), XMP, IPTC, comments, PNG text chunks and the
ICC profile are not copied: the image is rebuilt from its pixels after the EXIF orientation
is applied. (ICC: a colour profile says little, but it can carry a device's name; a photo
without one is shown as sRGB, which phone photos nearly always are.) HEIC is stored as JPEG,
which every browser and the PDF renderer can show. A thumbnail (JPEG, 320 px) is made too.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from deelwijzer.attachments.sniff import Refused, Sniffed

MAX_PIXELS = 60_000_000  # a 60-megapixel photo; more is a decompression bomb, not evidence
THUMBNAIL_SIZE = (320, 320)
OUTPUT = {
    "JPEG": ("JPEG", "image/jpeg"),
    "PNG": ("PNG", "image/png"),
    "WEBP": ("WEBP", "image/webp"),
}
OUTPUT["HEIF"] = OUTPUT["JPEG"]


@dataclass(frozen=True)
class Cleaned:
    data: bytes
    content_type: str
    thumbnail: bytes
    width: int
    height: int


def _open(data: bytes, sniffed: Sniffed) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[sniffed.image_format])
            if image.width * image.height > MAX_PIXELS:
                raise Image.DecompressionBombError("too many pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise Refused(_("Deze afbeelding is te groot (te veel beeldpunten).")) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise Refused(
            _("Deze afbeelding is beschadigd of onvolledig en kan niet worden gelezen.")
        ) from exc
    return image


def _pixels_only(image: Image.Image, target: str) -> Image.Image:
    """A new image with the same pixels and nothing else (no info, no EXIF, no profile)."""
    upright = ImageOps.exif_transpose(image) or image
    mode = upright.mode
    if target == "JPEG" and mode not in {"RGB", "L", "CMYK"}:
        mode = "RGB"
    elif target in {"PNG", "WEBP"} and mode not in {"RGB", "RGBA", "L", "LA", "P"}:
        mode = "RGBA" if "A" in upright.getbands() else "RGB"
    source = upright.convert(mode) if mode != upright.mode else upright
    clean = Image.new(source.mode, source.size)
    if source.mode == "P":
        palette = source.getpalette()
        if palette:
            clean.putpalette(palette)
        transparency = source.info.get("transparency")
        clean.frombytes(source.tobytes())
        if transparency is not None:
            clean.info["transparency"] = transparency
        return clean
    clean.frombytes(source.tobytes())
    return clean


def _thumbnail(image: Image.Image) -> bytes:
    thumb = image.convert("RGBA") if image.mode in {"P", "LA"} else image.copy()
    thumb.thumbnail(THUMBNAIL_SIZE)
    if thumb.mode != "RGB":
        background = Image.new("RGB", thumb.size, "white")
        rgba = thumb.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        thumb = background
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=80)
    return out.getvalue()


def clean_image(data: bytes, sniffed: Sniffed) -> Cleaned:
    image = _open(data, sniffed)
    target, content_type = OUTPUT[sniffed.image_format]
    clean = _pixels_only(image, target)
    out = io.BytesIO()
    if target == "JPEG":
        clean.save(out, "JPEG", quality=90)
    elif target == "WEBP":
        clean.save(out, "WEBP", quality=90)
    else:
        clean.save(out, "PNG", optimize=False)
    return Cleaned(out.getvalue(), content_type, _thumbnail(clean), clean.width, clean.height)
