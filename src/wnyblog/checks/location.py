"""Location data and device serial numbers in a picture: finding them and
taking them out, without re-encoding anything.

A public repository keeps every commit forever, so a photo's GPS position,
its XMP and IPTC place names and the camera's serial number must be gone
before the photo is committed. The web editor strips them in the browser
(``editor/strip-location.js``); ``blog check`` and the build refuse a picture
that still has them (``checks/body.py`` asks :func:`report`); ``blog
strip-location`` writes the stripped file (``cli/strip_location.py``).

What counts is listed once, in ``editor/location-rules.json``, which the
JavaScript reads too; this module does byte for byte what the JavaScript
does (``tests/test_location.py`` runs both on the same photos):

- EXIF (JPEG APP1, PNG eXIf, WebP EXIF, the HEIC/AVIF Exif item) is rewritten
  in place at its length: each listed entry leaves its IFD (later entries move
  up, 12 zero bytes close the gap) and what it pointed to, the GPS IFD
  included, becomes zeros. Nothing moves, so no offset goes stale (maker
  notes', HEIC item locations', MPF's); Orientation, make and model stay, and
  so does Apple's maker note (no serial in it; an iPhone HDR gain map needs
  the headroom it holds).
- XMP (JPEG APP1, PNG iTXt, WebP "XMP ", the HEIC/AVIF XMP item): each listed
  property becomes as many spaces, which XML ignores; hdrgm and the rest stay.
  A compressed PNG XMP chunk is dropped whole (the browser cannot unpack it
  synchronously, and both sides must agree).
- IPTC (JPEG APP13): the location datasets go, the segment shrinks, and the
  MPF index of a multi-picture JPEG (gain map) is corrected.
- TIFF and DNG files are one EXIF structure: the same, in place.
- XMP in a GIF ("XMP DataXMP" block): the same spaces, in place (the block's
  "magic trailer" lets a decoder skip any bytes without a zero).
- PNG text chunks with ImageMagick's "Raw profile" copies of metadata go.

The colour profile and the picture data are never touched.
"""

import json
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

RULES_FILE = "editor/location-rules.json"
RULES = json.loads(resources.files("wnyblog").joinpath(RULES_FILE).read_text(encoding="utf-8"))
COMMAND = "blog strip-location"

_IFD0 = {int(tag, 16): what for tag, what in RULES["exif"]["ifd0"].items()}
_EXIF = {int(tag, 16): what for tag, what in RULES["exif"]["exif"].items()}
_SUBIFDS = {int(tag, 16) for tag in RULES["exif"]["subifds"]}
_KEPT = {
    int(tag, 16): tuple(text.encode("latin-1") for text in starts)
    for tag, starts in RULES["exif"]["kept_when_value_starts"].items()
}
_IPTC: dict[str, str] = RULES["iptc"]
_PNG_TEXT_DROPPED = frozenset(RULES["png_text_dropped"])
_XMP_NAMES = "|".join(
    [re.escape(name) for name in RULES["xmp"]["names"]]
    + [re.escape(prefix) + "[A-Za-z0-9_]*" for prefix in RULES["xmp"]["prefixes"]]
)
# The same patterns, in the same order, as strip-location.js: empty elements,
# elements with content, attributes; on text read byte for byte (latin-1).
_XMP_PATTERNS = [
    re.compile(rf"<({_XMP_NAMES})(?:[ \t\r\n][^>]*)?/>"),
    re.compile(rf"<({_XMP_NAMES})(?:[ \t\r\n][^>]*)?>[\s\S]*?</\1[ \t\r\n]*>"),
    re.compile(rf"[ \t\r\n]+({_XMP_NAMES})[ \t\r\n]*=[ \t\r\n]*(?:\"[^\"]*\"|'[^']*')"),
]
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_EXIF_TAG = b"Exif\0\0"
_XMP_TAG = b"http://ns.adobe.com/xap/1.0/\0"
_XMP_EXTENSION_TAG = b"http://ns.adobe.com/xmp/extension/\0"
_PHOTOSHOP_TAG = b"Photoshop 3.0\0"
_PNG_XMP = b"XML:com.adobe.xmp"


@dataclass(frozen=True)
class Stripped:
    """A picture's bytes without location data, and what was taken out."""

    data: bytes
    removed: tuple[str, ...]


class _Malformed(Exception):
    """A structure this module cannot follow: the file is left as it is."""


def _check(condition: bool) -> None:
    if not condition:
        raise _Malformed


def report(data: bytes) -> Stripped:
    """*data* stripped of location data and serial numbers, and what that took
    out ("EXIF: GPS position", "XMP: exif:GPSLatitude", ...); *data* itself,
    with nothing removed, for a picture without them or a format not handled."""
    removed: list[str] = []
    strip: Callable[[bytes, list[str]], bytes] | None = None
    if data.startswith(b"\xff\xd8\xff"):
        strip = _strip_jpeg
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        strip = _strip_png
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        strip = _strip_webp
    elif data[4:8] == b"ftyp":
        strip = _strip_heif
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        strip = _strip_gif
    elif data[:4] in (b"II*\0", b"MM\0*"):
        strip = _strip_tiff_file
    if strip is None:
        return Stripped(data, ())
    try:
        out = strip(data, removed)
    except (_Malformed, struct.error, IndexError):
        return Stripped(data, ())
    if not removed:
        return Stripped(data, ())
    return Stripped(out, tuple(dict.fromkeys(removed)))


def strip_file(path: Path) -> tuple[str, ...]:
    """Strip the picture at *path* in place; what was removed (nothing: file untouched)."""
    stripped = report(path.read_bytes())
    if stripped.removed:
        path.write_bytes(stripped.data)
    return stripped.removed


def describe(removed: tuple[str, ...]) -> str:
    """What *removed* (from :func:`report`) amounts to, in a writer's words."""
    kinds = {}
    for item in removed:
        if "GPS" in item or "Gps" in item:
            kinds["gps"] = "the place it was taken (GPS)"
        elif item.startswith("PNG text"):
            kinds["copy"] = "a copy of the camera's metadata"
        elif "serial" in item.lower():
            kinds["serial"] = "the camera's serial number"
        elif item.startswith(("IPTC", "XMP")) and "ID" not in item and "Owner" not in item:
            kinds["place"] = "place names"
        else:
            kinds["camera"] = "details that identify the camera"
    order = [kinds[k] for k in ("gps", "place", "serial", "camera", "copy") if k in kinds]
    return order[0] if len(order) == 1 else ", ".join(order[:-1]) + " and " + order[-1]


# ---- EXIF (TIFF structure), rewritten in place --------------------------------


def _strip_tiff(b: bytearray, start: int, end: int, removed: list[str]) -> bool:
    """Strip the TIFF structure in b[start:end] in place; whether anything went."""
    _check(start + 8 <= end)
    if b[start : start + 2] == b"II":
        order = "<"
    elif b[start : start + 2] == b"MM":
        order = ">"
    else:
        raise _Malformed
    tiff = _Tiff(b, start, end - start, order)
    _check(tiff.u16(2) == 42)
    before = len(removed)
    exif_ifd = tiff.strip_ifd(tiff.u32(4), _IFD0, removed, 0x8769)
    if exif_ifd is not None:
        tiff.strip_ifd(exif_ifd, _EXIF, removed, None)
    return len(removed) > before


class _Tiff:
    """A TIFF structure inside a bytearray, read and changed in place."""

    def __init__(self, b: bytearray, start: int, size: int, order: str) -> None:
        self.b, self.start, self.size, self.order = b, start, size, order

    def u16(self, at: int) -> int:
        _check(at + 2 <= self.size)
        return int(struct.unpack_from(self.order + "H", self.b, self.start + at)[0])

    def u32(self, at: int) -> int:
        _check(at + 4 <= self.size)
        return int(struct.unpack_from(self.order + "I", self.b, self.start + at)[0])

    def zero(self, at: int, end: int) -> None:
        self.b[self.start + at : self.start + end] = bytes(end - at)

    def strip_ifd(
        self, at: int, rules: dict[int, str], removed: list[str], follow: int | None
    ) -> int | None:
        """Remove the ruled entries of the IFD at *at*; the offset under *follow*."""
        count = self.u16(at)
        _check(at + 2 + count * 12 + 4 <= self.size)
        followed = None
        i = 0
        while i < count:
            entry = at + 2 + i * 12
            tag = self.u16(entry)
            if tag == follow:
                followed = self.u32(entry + 8)
            if tag not in rules or self.kept_value(entry, tag):
                i += 1
                continue
            removed.append(f"EXIF: {rules[tag]}")
            if tag in _SUBIFDS:
                self.zero_ifd(self.u32(entry + 8))
            else:
                self.zero_value(entry)
            # Later entries and the next-IFD offset move up; 12 zeros at the end.
            tail = self.start + at + 2 + count * 12 + 4
            first = self.start + entry
            self.b[first : tail - 12] = self.b[first + 12 : tail]
            self.b[tail - 12 : tail] = bytes(12)
            count -= 1
            struct.pack_into(self.order + "H", self.b, self.start + at, count)
        return followed

    def value_span(self, entry: int) -> tuple[int, int] | None:
        """(offset, length) of an entry's value stored outside the entry."""
        unit = _TYPE_SIZES.get(self.u16(entry + 2))
        if not unit:
            return None
        length = unit * self.u32(entry + 4)
        offset = self.u32(entry + 8)
        if length <= 4 or offset + length > self.size:
            return None
        return offset, length

    def kept_value(self, entry: int, tag: int) -> bool:
        """Whether the entry's value starts as a kept one (Apple's maker note)."""
        span = self.value_span(entry) if tag in _KEPT else None
        if span is None:
            return False
        start = self.start + span[0]
        return any(
            len(text) <= span[1] and self.b[start : start + len(text)] == text
            for text in _KEPT[tag]
        )

    def zero_value(self, entry: int) -> None:
        span = self.value_span(entry)
        if span is not None:
            self.zero(span[0], span[0] + span[1])

    def zero_ifd(self, at: int) -> None:
        if at + 2 > self.size:
            return
        count = self.u16(at)
        end = min(self.size, at + 2 + count * 12 + 4)
        for i in range(count):
            if at + 2 + i * 12 + 12 > self.size:
                break
            self.zero_value(at + 2 + i * 12)
        self.zero(at, end)


def _strip_tiff_file(b: bytes, removed: list[str]) -> bytes:
    """A TIFF or a camera's raw DNG: the file is the TIFF structure."""
    out = bytearray(b)
    _strip_tiff(out, 0, len(out), removed)
    return bytes(out)


# ---- XMP, rewritten in place ---------------------------------------------------


def _strip_xmp(b: bytearray, start: int, end: int, removed: list[str]) -> bool:
    """Replace the listed properties in b[start:end] with spaces, in place."""
    text = b[start:end].decode("latin-1")
    found = False

    def blank(match: re.Match[str]) -> str:
        nonlocal found
        removed.append(f"XMP: {match.group(1)}")
        found = True
        return " " * len(match.group(0))

    for pattern in _XMP_PATTERNS:
        text = pattern.sub(blank, text)
    if found:
        b[start:end] = text.encode("latin-1")
    return found


# ---- JPEG ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Segment:
    marker: int
    at: int
    end: int


def _jpeg_segments(b: bytes, start: int, end: int) -> tuple[list[_Segment], int]:
    """The metadata segments of the JPEG at b[start:end], and where its picture data starts."""
    _check(b[start : start + 2] == b"\xff\xd8")
    segments: list[_Segment] = []
    at = start + 2
    while True:
        _check(at + 4 <= end and b[at] == 0xFF)
        marker = b[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker in (0xDA, 0xD9):
            return segments, at
        _check(not 0xD0 <= marker <= 0xD7 and marker != 0x01)
        length = int.from_bytes(b[at + 2 : at + 4], "big")
        _check(length >= 2 and at + 2 + length <= end)
        segments.append(_Segment(marker, at, at + 2 + length))
        at += 2 + length


def _strip_jpeg_image(
    b: bytes, start: int, end: int, removed: list[str]
) -> tuple[bytes, int | None]:
    """The JPEG at b[start:end] stripped, and where its MPF header now is (if any)."""
    segments, body = _jpeg_segments(b, start, end)
    parts = [b[start : start + 2]]
    length = 2
    mpf = None
    at = start + 2
    for segment in segments:
        if segment.at > at:  # fill bytes between segments stay
            parts.append(b[at : segment.at])
            length += segment.at - at
        seg = bytearray(b[segment.at : segment.end])
        payload = bytes(seg[4:])
        if segment.marker == 0xE1 and payload.startswith(_EXIF_TAG):
            _strip_tiff(seg, 4 + len(_EXIF_TAG), len(seg), removed)
        elif segment.marker == 0xE1 and payload.startswith(_XMP_TAG):
            _strip_xmp(seg, 4 + len(_XMP_TAG), len(seg), removed)
        elif segment.marker == 0xE1 and payload.startswith(_XMP_EXTENSION_TAG):
            _strip_xmp(seg, 4 + len(_XMP_EXTENSION_TAG) + 40, len(seg), removed)
        elif segment.marker == 0xED and payload.startswith(_PHOTOSHOP_TAG):
            seg = _strip_photoshop(seg, removed)
        elif segment.marker == 0xE2 and payload.startswith(b"MPF\0"):
            mpf = length + 8
        parts.append(bytes(seg))
        length += len(seg)
        at = segment.end
    parts.append(b[body:end])
    return b"".join(parts), mpf


def _strip_photoshop(segment: bytearray, removed: list[str]) -> bytearray:
    """An APP13 segment without the IPTC location datasets."""
    at = 4 + len(_PHOTOSHOP_TAG)
    parts = [bytes(segment[:at])]
    changed = False
    while at + 12 <= len(segment) and segment[at : at + 4] == b"8BIM":
        resource = int.from_bytes(segment[at + 4 : at + 6], "big")
        name_length = segment[at + 6]
        size_at = at + 6 + ((name_length + 2) & ~1)
        _check(size_at + 4 <= len(segment))
        size = int.from_bytes(segment[size_at : size_at + 4], "big")
        data_at = size_at + 4
        following = min(data_at + size + (size & 1), len(segment))
        _check(data_at + size <= len(segment))
        if resource == 0x0404:
            kept = _strip_iptc(bytes(segment[data_at : data_at + size]), removed)
            if len(kept) != size:
                changed = True
                head = segment[at:size_at] + struct.pack(">I", len(kept))
                parts += [bytes(head), kept, bytes(len(kept) & 1)]
                at = following
                continue
        parts.append(bytes(segment[at:following]))
        at = following
    if not changed:
        return segment
    parts.append(bytes(segment[at:]))
    out = bytearray(b"".join(parts))
    _check(len(out) - 2 <= 0xFFFF)
    struct.pack_into(">H", out, 2, len(out) - 2)
    return out


def _strip_iptc(data: bytes, removed: list[str]) -> bytes:
    parts = []
    at = 0
    while at + 5 <= len(data) and data[at] == 0x1C:
        length = int.from_bytes(data[at + 3 : at + 5], "big")
        _check(not length & 0x8000 and at + 5 + length <= len(data))
        what = _IPTC.get(f"{data[at + 1]}:{data[at + 2]}")
        if what:
            removed.append(f"IPTC: {what}")
        else:
            parts.append(data[at : at + 5 + length])
        at += 5 + length
    parts.append(data[at:])
    return b"".join(parts)


@dataclass(frozen=True)
class _MpEntry:
    at: int
    size: int
    offset: int


def _mp_entries(b: bytes, base: int) -> tuple[str, list[_MpEntry]]:
    """The MP entries of the MPF segment whose TIFF header is at b[base]."""
    _check(b[base : base + 2] in (b"II", b"MM"))
    order = "<" if b[base] == 0x49 else ">"

    def u16(at: int) -> int:
        _check(at + 2 <= len(b))
        return int(struct.unpack_from(order + "H", b, at)[0])

    def u32(at: int) -> int:
        _check(at + 4 <= len(b))
        return int(struct.unpack_from(order + "I", b, at)[0])

    ifd = base + u32(base + 4)
    for i in range(u16(ifd)):
        entry = ifd + 2 + i * 12
        _check(entry + 12 <= len(b))
        if u16(entry) != 0xB002:
            continue
        listed = base + u32(entry + 8)
        entries = []
        for n in range(u32(entry + 4) // 16):
            at = listed + n * 16
            _check(at + 16 <= len(b))
            entries.append(_MpEntry(at, u32(at + 4), u32(at + 8)))
        return order, entries
    raise _Malformed


def _strip_jpeg(b: bytes, removed: list[str]) -> bytes:
    whole, mpf = _strip_jpeg_image(b, 0, len(b), removed)
    if mpf is None:
        return whole
    # A multi-picture file (gain map, depth map): the MPF index says where each
    # picture starts, counted from the MPF header of the first; strip each and
    # point the index at where they are now.
    segments, _ = _jpeg_segments(b, 0, len(b))
    original = next(s for s in segments if s.marker == 0xE2 and b[s.at + 4 : s.at + 8] == b"MPF\0")
    base = original.at + 8
    _, entries = _mp_entries(b, base)
    _check(bool(entries) and entries[0].offset == 0 and entries[0].size <= len(b))
    others = [e for e in entries[1:] if e.offset != 0]
    for e in others:
        _check(base + e.offset + e.size <= len(b) and base + e.offset >= entries[0].size)
    primary, new_base = _strip_jpeg_image(b, 0, entries[0].size, removed)
    _check(new_base is not None)
    assert new_base is not None
    parts = [primary]
    length = len(primary)
    at = entries[0].size
    placed: dict[int, tuple[int, int]] = {}
    for e in sorted(others, key=lambda e: e.offset):
        start = base + e.offset
        _check(start >= at)
        parts.append(b[at:start])
        length += start - at
        image, _ = _strip_jpeg_image(b, start, start + e.size, removed)
        placed[e.at] = (length, len(image))
        parts.append(image)
        length += len(image)
        at = start + e.size
    parts.append(b[at:])
    out = bytearray(b"".join(parts))
    order, fresh = _mp_entries(bytes(out), new_base)
    struct.pack_into(order + "I", out, fresh[0].at + 4, len(primary))
    for e, now in zip(entries, fresh, strict=True):
        if e.at in placed:
            where, size = placed[e.at]
            struct.pack_into(order + "II", out, now.at + 4, size, where - new_base)
    return bytes(out)


# ---- PNG ---------------------------------------------------------------------------


def _keyword(chunk: bytes | bytearray) -> str:
    end = chunk.find(b"\0", 8)
    return "" if end < 0 else chunk[8:end].decode("latin-1")


def _strip_png(b: bytes, removed: list[str]) -> bytes:
    parts = [b[:8]]
    at = 8
    while at + 12 <= len(b):
        length = int.from_bytes(b[at : at + 4], "big")
        _check(at + 12 + length <= len(b))
        kind = b[at + 4 : at + 8]
        chunk = bytearray(b[at : at + 12 + length])
        at += 12 + length
        changed = False
        if kind == b"eXIf":
            changed = _strip_tiff(chunk, 8, 8 + length, removed)
        elif kind in (b"tEXt", b"zTXt", b"iTXt") and _keyword(chunk).lower() in _PNG_TEXT_DROPPED:
            removed.append(f"PNG text: {_keyword(chunk)}")
            continue
        elif kind == b"iTXt" and _keyword(chunk) == _PNG_XMP.decode():
            flag = 8 + len(_PNG_XMP) + 1
            _check(flag + 2 <= 8 + length)
            if chunk[flag] != 0:
                removed.append("XMP: compressed, not readable here")
                continue
            text = flag + 2
            for _ in range(2):  # language tag, translated keyword
                zero = chunk.find(b"\0", text)
                _check(0 <= zero < 8 + length)
                text = zero + 1
            changed = _strip_xmp(chunk, text, 8 + length, removed)
        if changed:
            struct.pack_into(">I", chunk, 8 + length, zlib.crc32(chunk[4 : 8 + length]))
        parts.append(bytes(chunk))
        if kind == b"IEND":
            break
    parts.append(b[at:])
    return b"".join(parts)


# ---- WebP --------------------------------------------------------------------------


def _strip_webp(b: bytes, removed: list[str]) -> bytes:
    out = bytearray(b)
    at = 12
    while at + 8 <= len(out):
        size = int.from_bytes(out[at + 4 : at + 8], "little")
        data = at + 8
        _check(data + size <= len(out))
        if out[at : at + 4] == b"EXIF":
            tiff = data + len(_EXIF_TAG) if out[data:].startswith(_EXIF_TAG) else data
            _strip_tiff(out, tiff, data + size, removed)
        elif out[at : at + 4] == b"XMP ":
            _strip_xmp(out, data, data + size, removed)
        at = data + size + (size & 1)
    return bytes(out)


# ---- GIF ---------------------------------------------------------------------------


def _strip_gif(b: bytes, removed: list[str]) -> bytes:
    """Blank the location properties of the XMP a GIF carries raw in its
    "XMP DataXMP" block; its magic trailer keeps any zero-free bytes readable."""
    out = bytearray(b)
    _check(len(b) >= 13)
    at = 13
    if b[10] & 0x80:
        at += 3 * 2 ** ((b[10] & 7) + 1)
    while True:
        _check(at < len(b))
        intro = b[at]
        if intro == 0x3B:
            return bytes(out)
        if intro == 0x21:
            if b[at + 1] == 0xFF and b[at + 2] == 11 and b[at + 3 : at + 14] == b"XMP DataXMP":
                end = b.find(b"\x01\xff\xfe", at + 14)
                _check(end > 0)
                _strip_xmp(out, at + 14, end, removed)
            at = _skip_sub_blocks(b, at + 2)
        elif intro == 0x2C:
            _check(at + 10 <= len(b))
            flags = b[at + 9]
            at += 10
            if flags & 0x80:
                at += 3 * 2 ** ((flags & 7) + 1)
            at = _skip_sub_blocks(b, at + 1)
        else:
            raise _Malformed


def _skip_sub_blocks(b: bytes, at: int) -> int:
    while True:
        _check(at < len(b))
        if b[at] == 0:
            return at + 1
        at += b[at] + 1


# ---- HEIC / AVIF (ISO base media file format) ------------------------------------


@dataclass(frozen=True)
class _Box:
    kind: bytes
    at: int
    data: int
    end: int


def _boxes(b: bytes, start: int, end: int) -> list[_Box]:
    found = []
    at = start
    while at + 8 <= end:
        size = int.from_bytes(b[at : at + 4], "big")
        data = at + 8
        if size == 1:
            _check(at + 16 <= len(b))
            size = int.from_bytes(b[at + 8 : at + 16], "big")
            data = at + 16
        elif size == 0:
            size = end - at
        _check(size >= data - at and at + size <= end)
        found.append(_Box(b[at + 4 : at + 8], at, data, at + size))
        at += size
    return found


def _c_string(b: bytes, at: int, end: int) -> tuple[bytes, int]:
    zero = b.find(b"\0", at)
    _check(0 <= zero < end)
    return b[at:zero], zero + 1


def _uint(b: bytes, at: int, size: int) -> int:
    _check(at + size <= len(b))
    return int.from_bytes(b[at : at + size], "big")


def _heif_items(b: bytes) -> list[tuple[str, list[tuple[int, int]]]]:
    """The Exif and XMP items of the file's meta box, each with its (start, length) pieces."""
    meta = next((box for box in _boxes(b, 0, len(b)) if box.kind == b"meta"), None)
    if meta is None:
        return []
    children = {box.kind: box for box in reversed(_boxes(b, meta.data + 4, meta.end))}
    iinf, iloc, idat = children.get(b"iinf"), children.get(b"iloc"), children.get(b"idat")
    if iinf is None or iloc is None:
        return []
    kinds: dict[int, str] = {}
    count_size = 2 if b[iinf.data] == 0 else 4
    for infe in _boxes(b, iinf.data + 4 + count_size, iinf.end):
        version = b[infe.data]
        if infe.kind != b"infe" or version < 2:
            continue
        id_size = 2 if version == 2 else 4
        item = _uint(b, infe.data + 4, id_size)
        type_at = infe.data + 4 + id_size + 2
        kind = b[type_at : type_at + 4]
        if kind == b"Exif":
            kinds[item] = "Exif"
        if kind == b"mime":
            _, after_name = _c_string(b, type_at + 4, infe.end)
            content, _ = _c_string(b, after_name, infe.end)
            if content == b"application/rdf+xml":
                kinds[item] = "XMP"
    version = b[iloc.data]
    at = iloc.data + 4
    offset_size, length_size = b[at] >> 4, b[at] & 15
    base_size = b[at + 1] >> 4
    index_size = b[at + 1] & 15 if version >= 1 else 0
    at += 2
    id_size = 2 if version < 2 else 4
    count = _uint(b, at, id_size)
    at += id_size
    items = []
    for _ in range(count):
        item = _uint(b, at, id_size)
        at += id_size
        method = 0
        if version >= 1:
            method = _uint(b, at, 2) & 15
            at += 2
        at += 2  # data reference index
        base_offset = _uint(b, at, base_size)
        at += base_size
        extent_count = _uint(b, at, 2)
        at += 2
        extents = []
        for _ in range(extent_count):
            at += index_size
            extents.append((_uint(b, at, offset_size), _uint(b, at + offset_size, length_size)))
            at += offset_size + length_size
        if item not in kinds or method > 1:
            continue
        _check(method == 0 or idat is not None)
        origin = idat.data + base_offset if method == 1 and idat else base_offset
        placed = [(origin + offset, length) for offset, length in extents]
        for start, length in placed:
            _check(length > 0 and start + length <= len(b))
        items.append((kinds[item], placed))
    return items


def _strip_heif(b: bytes, removed: list[str]) -> bytes:
    out = bytearray(b)
    for kind, extents in _heif_items(b):
        # An item may be stored in pieces: gather, strip (its length stays), scatter back.
        data = bytearray(b"".join(bytes(out[s : s + n]) for s, n in extents))
        if kind == "Exif":
            _check(len(data) >= 4)
            tiff = 4 + int.from_bytes(data[:4], "big")
            if data[4:].startswith(_EXIF_TAG) and tiff < 4 + len(_EXIF_TAG):
                tiff = 4 + len(_EXIF_TAG)
            _strip_tiff(data, tiff, len(data), removed)
        else:
            _strip_xmp(data, 0, len(data), removed)
        at = 0
        for start, length in extents:
            out[start : start + length] = data[at : at + length]
            at += length
    return bytes(out)
