"""Files for the attachment tests, made here: photos with GPS and an artist in their EXIF, a
PNG with text chunks, a WebP with EXIF and XMP, a PDF, and one of each refused kind."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from PIL import Image, PngImagePlugin

from deelwijzer.attachments.services import Upload

ARTIST = "Camera van Jan Jansen"
GPS_MARK = b"GPS-SECRET"  # not a real GPS value: a marker we can look for in the bytes
XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b"<rdf:RDF><rdf:Description>XMP-SECRET Jan Jansen</rdf:Description></rdf:RDF></x:xmpmeta>"
    b'<?xpacket end="w"?>'
)


def _exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = ARTIST  # Artist
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0112] = orientation
    gps = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (4.0, 53.0, 12.0), 27: GPS_MARK}
    exif[0x8825] = gps  # GPSInfo
    return exif


def picture(size=(64, 32), colour=(200, 30, 30)) -> Image.Image:
    image = Image.new("RGB", size, colour)
    image.putpixel((0, 0), (0, 0, 255))  # a corner to see the orientation by
    return image


def jpeg_with_gps(orientation: int = 1, size=(64, 32)) -> bytes:
    out = io.BytesIO()
    picture(size).save(out, "JPEG", exif=_exif(orientation), xmp=XMP, comment=b"COMMENT-SECRET")
    return out.getvalue()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jan Jansen PNG-SECRET")
    info.add_itxt("Comment", "iTXt-SECRET", lang="nl")
    info.add_text("Software", "zTXt-SECRET", zip=True)
    out = io.BytesIO()
    picture().save(out, "PNG", pnginfo=info, exif=_exif())
    return out.getvalue()


def webp_with_metadata() -> bytes:
    out = io.BytesIO()
    picture().save(out, "WEBP", exif=_exif(), xmp=XMP)
    return out.getvalue()


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def office_zip(member: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(member, "x")
        archive.writestr("word/document.xml", "<w/>")
    return out.getvalue()


REFUSED = {
    "html": (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "x.txt"),
    "svg": (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "x.png"),
    "script": (b"#!/bin/sh\nrm -rf /\n", "notes.txt"),
    "exe": (b"MZ\x90\x00" + b"\x00" * 200, "foto.jpg"),
    "elf": (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "foto.jpg"),
    "zip": (None, "foto.jpg"),
    "docm": (None, "verslag.docm"),
    "ole": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud.doc"),
    "gzip": (b"\x1f\x8b\x08\x00" + b"\x00" * 50, "a.txt"),
}


def refused_bytes(kind: str) -> tuple[bytes, str]:
    data, name = REFUSED[kind]
    if kind == "zip":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("a.txt", "hallo")
        data = out.getvalue()
    if kind == "docm":
        data = office_zip("[Content_Types].xml")
    assert data is not None
    return data, name


def upload(data: bytes, filename: str = "foto.jpg", **overrides) -> Upload:
    values = {
        "filename": filename,
        "data": data,
        "description": "Schermafbeelding van een bericht op sociale media",
        "made_on": date(2026, 3, 3),
    }
    values.update(overrides)
    return Upload(**values)


def heic_with_artist() -> bytes:
    out = io.BytesIO()
    picture().save(out, "HEIF", exif=_exif().tobytes())
    return out.getvalue()


def attach(personas, signal, data: bytes, filename: str = "foto.jpg", **overrides):
    """The personas' professional attaches ``data`` to ``signal`` through the service."""
    from deelwijzer.attachments.services import attachment_add

    return attachment_add(
        actor=personas.professional,
        case_id=personas.case.public_id,
        entry_kind="signal",
        entry_key=signal.key,
        upload=upload(data, filename, **overrides),
    )
