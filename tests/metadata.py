"""Where each picture format keeps its metadata, read from the file's own
structure (a search for "GPS" in compressed pixels would find it by chance):
JPEG segments before the picture data, PNG chunks, WebP's RIFF chunks, the
AVIF boxes before the picture data; then Pillow's own reading of EXIF, XMP,
comments and colour profiles, and the private text the test photos carry.
"""

import struct
from pathlib import Path

import photos
from PIL import Image


def jpeg_segments(data: bytes) -> list[int]:
    """The markers of a JPEG's segments before its picture data."""
    markers, at = [], 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA:  # start of scan: pixels follow
            break
        markers.append(marker)
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], 8
    while at + 8 <= len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        chunks.append(data[at + 4 : at + 8])
        at += 12 + length
    return chunks


def riff_chunks(data: bytes) -> list[bytes]:
    chunks, at = [], 12
    while at + 8 <= len(data):
        size = struct.unpack("<I", data[at + 4 : at + 8])[0]
        chunks.append(data[at : at + 4])
        at += 8 + size + (size & 1)
    return chunks


def avif_header(data: bytes) -> bytes:
    """The boxes before the picture data (item types, properties)."""
    at = 0
    while at + 8 <= len(data):
        size, kind = struct.unpack(">I", data[at : at + 4])[0], data[at + 4 : at + 8]
        if kind == b"mdat" or size < 8:
            return data[:at]
        at += size
    return data


def metadata_in(path: Path) -> list[str]:
    """Every piece of metadata the file carries, by its container's structure."""
    data = path.read_bytes()
    found = [f"text {s!r}" for s in photos.PRIVATE_STRINGS if s in data]
    suffix = path.suffix.lower()
    if suffix == ".jpg":
        # APP0 is JFIF (pixel density only); APP1 EXIF/XMP, APP2 ICC, APP13 IPTC, COM comments.
        found += [
            f"JPEG segment {m:#x}" for m in jpeg_segments(data) if m in (0xE1, 0xE2, 0xED, 0xFE)
        ]
    elif suffix == ".png":
        meta = {b"eXIf", b"iTXt", b"tEXt", b"zTXt", b"iCCP", b"tIME"}
        found += [f"PNG chunk {c!r}" for c in png_chunks(data) if c in meta]
    elif suffix == ".webp":
        found += [
            f"WebP chunk {c!r}" for c in riff_chunks(data) if c in (b"EXIF", b"XMP ", b"ICCP")
        ]
    elif suffix == ".avif":
        header = avif_header(data)
        found += [f"AVIF item {k!r}" for k in (b"Exif", b"mime", b"prof") if k in header]
    if suffix != ".svg":
        with Image.open(path) as image:
            if image.getexif():
                found.append(f"EXIF {dict(image.getexif())}")
            found += [
                f"info {k}" for k in ("icc_profile", "xmp", "comment", "exif") if k in image.info
            ]
    return found
