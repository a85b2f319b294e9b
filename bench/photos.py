"""Photos like the ones clinic staff take with their phones, made with Pillow,
for the benchmark and the tests.

Everything is drawn from a seed, so the same call always writes the same
bytes. A photo is a smooth scene with fine grain (so it compresses like a real
one: a 12-megapixel JPEG of a few megabytes), a distinct colour in each corner
(so a test can tell which way up a published copy is), and the metadata a
phone writes: EXIF with the camera, its serial number, the time, the GPS
position and an orientation flag, XMP, a comment and a wide-gamut colour
profile. Bad files of every kind are made here too.
"""

import datetime as dt
import io
import random
import struct
import zlib
from pathlib import Path

from iccprofile import display_p3_profile
from PIL import Image, ImageDraw

# Upright corner colours: what a reader must see at each corner.
CORNERS = {
    "top-left": (220, 40, 40),
    "top-right": (40, 170, 60),
    "bottom-left": (40, 70, 220),
    "bottom-right": (240, 200, 40),
}
# Text the metadata carries: none of it may reach a published file.
CAMERA_MAKE = "Clinicphone"
CAMERA_MODEL = "Clinicphone 15 Pro Max"
SERIAL = "SN-CLINIC-4471-PRIVATE"
SOFTWARE = "CameraApp 17.2 private-build"
COMMENT = b"taken at 12 Private Lane, Buffalo NY"
GPS = {"latitude": (42, 53, 11.7), "longitude": (78, 52, 42.3)}  # Buffalo
XMP_NAMESPACE = b"http://ns.adobe.com/xap/1.0/"
PRIVATE_STRINGS = (
    CAMERA_MAKE.encode(),
    SERIAL.encode(),
    SOFTWARE.encode(),
    COMMENT,
    XMP_NAMESPACE,
    b"Exif\x00\x00",
    b"Display P3 (test)",
)
# EXIF orientation: 6 = the camera was turned a quarter clockwise; the pixels
# are stored lying on their side and a viewer must turn them back.
ROTATED = 6
_STORED = {1: None, 3: Image.Transpose.ROTATE_180, 6: Image.Transpose.ROTATE_90, 8: None}


def scene(size: tuple[int, int], seed: int = 1) -> Image.Image:
    """An upright photo-like picture: smooth light, grain, coloured corners."""
    rng = random.Random(seed)
    width, height = size
    field = Image.new("RGB", (8, 6))
    field.putdata([tuple(rng.randrange(60, 220) for _ in range(3)) for _ in range(48)])
    picture = field.resize(size, Image.Resampling.BICUBIC)
    # Grain at a quarter of the resolution, smoothed: detail like leaves or
    # fabric, which is what makes real photos large.
    small = (max(1, width // 4), max(1, height // 4))
    grain = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
    grain = grain.resize(size, Image.Resampling.BILINEAR).convert("RGB")
    picture = Image.blend(picture, grain, 0.18)
    draw = ImageDraw.Draw(picture)
    corner = max(8, min(width, height) // 8)
    spots = {
        "top-left": (0, 0),
        "top-right": (width - corner, 0),
        "bottom-left": (0, height - corner),
        "bottom-right": (width - corner, height - corner),
    }
    for name, (x, y) in spots.items():
        draw.rectangle((x, y, x + corner - 1, y + corner - 1), fill=CORNERS[name])
    return picture


def corner_colours(image: Image.Image) -> dict[str, tuple[int, int, int]]:
    """The colour near each corner of *image* (as a reader sees it)."""
    rgb = image.convert("RGB")
    width, height = rgb.size
    inset = max(1, min(width, height) // 32)
    points = {
        "top-left": (inset, inset),
        "top-right": (width - 1 - inset, inset),
        "bottom-left": (inset, height - 1 - inset),
        "bottom-right": (width - 1 - inset, height - 1 - inset),
    }
    return {name: rgb.getpixel(point) for name, point in points.items()}


def looks_upright(image: Image.Image) -> bool:
    """Each corner shows its own colour (the nearest of the four: a colour
    profile converted to sRGB shifts colours, never swaps them)."""

    def nearest(colour):
        return min(
            CORNERS,
            key=lambda name: sum((a - b) ** 2 for a, b in zip(colour, CORNERS[name], strict=True)),
        )

    return all(nearest(found) == name for name, found in corner_colours(image).items())


def phone_exif(orientation: int = ROTATED, when: dt.datetime | None = None) -> Image.Exif:
    """EXIF as a phone writes it: camera, serial number, time, GPS, orientation."""
    when = when or dt.datetime(2026, 5, 2, 14, 30, 5)
    exif = Image.Exif()
    exif[0x010F] = CAMERA_MAKE
    exif[0x0110] = CAMERA_MODEL
    exif[0x0131] = SOFTWARE
    exif[0x0112] = orientation
    exif[0x0132] = when.strftime("%Y:%m:%d %H:%M:%S")
    details = exif.get_ifd(0x8769)
    details[0x9003] = when.strftime("%Y:%m:%d %H:%M:%S")
    details[0xA431] = SERIAL  # BodySerialNumber
    details[0xA434] = "Clinicphone back camera 6.86mm f/1.78"  # LensModel
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = tuple(float(v) for v in GPS["latitude"])
    gps[3] = "W"
    gps[4] = tuple(float(v) for v in GPS["longitude"])
    gps[6] = 183.0
    return exif


def xmp_packet() -> bytes:
    return (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:xmp="' + XMP_NAMESPACE + b'" '
        b'xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        b'exif:GPSLatitude="42,53.195N" exif:GPSLongitude="78,52.705W" '
        b'xmp:CreatorTool="' + SOFTWARE.encode() + b'"/>'
        b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )


def _stored(picture: Image.Image, orientation: int) -> Image.Image:
    """The pixels as the camera stores them for *orientation* (the inverse turn)."""
    turn = _STORED[orientation]
    return picture if turn is None else picture.transpose(turn)


def phone_jpeg(
    path: Path,
    size: tuple[int, int] = (4032, 3024),
    *,
    orientation: int = ROTATED,
    seed: int = 1,
    quality: int = 92,
    gain_map: bool = False,
) -> Path:
    """A phone photo, *size* as the reader sees it (4032x3024: 12 megapixels),
    stored turned for *orientation*, with EXIF, GPS, XMP, a comment and a P3 profile.
    With *gain_map*, as newer phones save JPEGs (Ultra HDR and the like): a
    quarter-size grey gain map after the photo, listed in the file's MPF index
    (Pillow then reads the file as "MPO")."""
    stored = _stored(scene(size, seed), orientation)
    path.parent.mkdir(parents=True, exist_ok=True)
    options = {
        "quality": quality,
        "exif": phone_exif(orientation).tobytes(),
        "xmp": xmp_packet(),
        "comment": COMMENT,
        "icc_profile": display_p3_profile(),
    }
    if gain_map:
        extra = stored.convert("L").resize((stored.width // 4, stored.height // 4))
        stored.save(path, "MPO", save_all=True, append_images=[extra], **options)
    else:
        stored.save(path, "JPEG", **options)
    return path


def phone_heic(
    path: Path,
    size: tuple[int, int] = (4032, 3024),
    *,
    orientation: int = ROTATED,
    seed: int = 2,
    others: int = 0,
) -> Path:
    """An iPhone-style HEIC: the turn in the container, EXIF with GPS beside it;
    with *others*, that many more pictures after it in the same file (as a
    burst or an edited copy keeps them), the first being the one shown."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    stored = _stored(scene(size, seed), orientation)
    more = [scene((size[0] // 2, size[1] // 3), seed + n + 1) for n in range(others)]
    path.parent.mkdir(parents=True, exist_ok=True)
    stored.save(
        path,
        "HEIF",
        quality=80,
        exif=phone_exif(orientation).tobytes(),
        xmp=xmp_packet(),
        enc_params={"preset": "ultrafast"},  # seconds, not a quarter of a minute
        save_all=bool(more),
        append_images=more,
    )
    return path


# A place name an IPTC block carries (photo apps and agencies write these).
CITY = "Buffalo"
COUNTRY = "United States"


def iptc_segment() -> bytes:
    """A JPEG APP13 segment as Photoshop and photo apps write it: IPTC datasets
    with the city, country code and country, and one without location (the caption)."""

    def dataset(number: int, text: str) -> bytes:
        return b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(text)) + text.encode()

    iptc = (
        dataset(0, "\x00\x04")
        + dataset(90, CITY)
        + dataset(100, "USA")
        + dataset(101, COUNTRY)
        + dataset(120, "Our new waiting room")
    )
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc + bytes(len(iptc) & 1)
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def _hdr_xmp(primary: bool, gain_map_length: int = 0) -> bytes:
    """Ultra HDR's XMP: the photo's names its gain map and its length; the gain
    map's says how to apply it."""
    if primary:
        inner = (
            b'<rdf:Description rdf:about="" '
            b'xmlns:hdrgm="http://ns.adobe.com/hdr-gain-map/1.0/" '
            b'xmlns:exif="http://ns.adobe.com/exif/1.0/" '
            b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
            b'xmlns:Container="http://ns.google.com/photos/1.0/container/" '
            b'xmlns:Item="http://ns.google.com/photos/1.0/container/item/" '
            b'hdrgm:Version="1.0" exif:GPSLatitude="42,53.195N" exif:GPSLongitude="78,52.705W" '
            b'photoshop:City="' + CITY.encode() + b'">'
            b"<Container:Directory><rdf:Seq>"
            b'<rdf:li rdf:parseType="Resource"><Container:Item Item:Semantic="Primary" '
            b'Item:Mime="image/jpeg"/></rdf:li>'
            b'<rdf:li rdf:parseType="Resource"><Container:Item Item:Semantic="GainMap" '
            b'Item:Mime="image/jpeg" Item:Length="'
            + str(gain_map_length).encode()
            + b'"/></rdf:li>'
            b"</rdf:Seq></Container:Directory>"
            b"<Iptc4xmpExt:LocationCreated "
            b'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">'
            b'<rdf:Bag><rdf:li rdf:parseType="Resource"><Iptc4xmpExt:City>'
            + CITY.encode()
            + b"</Iptc4xmpExt:City></rdf:li></rdf:Bag></Iptc4xmpExt:LocationCreated>"
            b"</rdf:Description>"
        )
    else:
        inner = (
            b'<rdf:Description rdf:about="" '
            b'xmlns:hdrgm="http://ns.adobe.com/hdr-gain-map/1.0/" hdrgm:Version="1.0" '
            b'hdrgm:GainMapMin="0" hdrgm:GainMapMax="2.0" hdrgm:Gamma="1" '
            b'hdrgm:OffsetSDR="0.015625" hdrgm:OffsetHDR="0.015625" '
            b'hdrgm:HDRCapacityMin="0" hdrgm:HDRCapacityMax="2.0" '
            b'hdrgm:BaseRenditionIsHDR="False"/>'
        )
    return (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        + inner
        + b"</rdf:RDF></x:xmpmeta>"
        + b" " * 200
        + b'<?xpacket end="w"?>'
    )


def _mpf_segment(primary_length: int, gain_map_length: int, tiff_at: int) -> bytes:
    """The MPF APP2 segment of a two-picture JPEG whose MPF header sits at *tiff_at*."""
    count = 3
    entries_at = 8 + 2 + count * 12 + 4
    ifd = struct.pack(">H", count)
    ifd += struct.pack(">HHI4s", 0xB000, 7, 4, b"0100")
    ifd += struct.pack(">HHII", 0xB001, 4, 1, 2)
    ifd += struct.pack(">HHII", 0xB002, 7, 32, entries_at)
    ifd += struct.pack(">I", 0)
    entries = struct.pack(">IIIHH", 0x030000, primary_length, 0, 0, 0)
    entries += struct.pack(">IIIHH", 0, gain_map_length, primary_length - tiff_at, 0, 0)
    body = b"MPF\x00" + b"MM\x00\x2a" + struct.pack(">I", 8) + ifd + entries
    return b"\xff\xe2" + struct.pack(">H", len(body) + 2) + body


def ultra_hdr_jpeg(
    path: Path,
    size: tuple[int, int] = (4032, 3024),
    *,
    orientation: int = ROTATED,
    seed: int = 1,
    quality: int = 92,
) -> Path:
    """A phone's Ultra HDR JPEG (Android 14 and later; Apple's HDR JPEGs are built
    alike): the photo with EXIF (GPS, serial number, *orientation*), a P3 profile,
    XMP naming its gain map (hdrgm, Container directory) and location, the MPF
    index, an IPTC block with the city after it; then the quarter-size gain map
    JPEG with its hdrgm XMP."""
    stored = _stored(scene(size, seed), orientation)
    gain = io.BytesIO()
    stored.convert("L").resize((stored.width // 4, stored.height // 4)).save(
        gain, "JPEG", quality=85, xmp=_hdr_xmp(False)
    )
    gain_map = gain.getvalue()
    photo = io.BytesIO()
    stored.save(
        photo,
        "JPEG",
        quality=quality,
        exif=phone_exif(orientation).tobytes(),
        xmp=_hdr_xmp(True, len(gain_map)),
        icc_profile=display_p3_profile(),
    )
    data = photo.getvalue()
    # The MPF index and the IPTC block go right after the EXIF segment, as phones put them.
    at = 2
    while data[at + 1] != 0xE1:
        at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    iptc = iptc_segment()
    mpf_length = len(_mpf_segment(0, 0, 0))
    primary_length = len(data) + mpf_length + len(iptc)
    mpf = _mpf_segment(primary_length, len(gain_map), at + 8)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[:at] + mpf + iptc + data[at:] + gain_map)
    return path


def phone_png(path: Path, size: tuple[int, int] = (1200, 900), seed: int = 5) -> Path:
    """A PNG a phone's screenshot or an editor saves: eXIf with GPS and serial
    number, XMP in iTXt, and ImageMagick's hex copy of the EXIF in a zTXt."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp_packet().decode("utf-8"))
    info.add_text("Raw profile type exif", "\nexif\n      12\n457869660000\n", zip=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    scene(size, seed).save(
        path, "PNG", pnginfo=info, exif=phone_exif(1).tobytes(), icc_profile=display_p3_profile()
    )
    return path


def phone_webp(path: Path, size: tuple[int, int] = (1600, 1200), seed: int = 6) -> Path:
    """A WebP as messaging apps and editors save one: EXIF with GPS, XMP, a P3 profile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scene(size, seed).save(
        path,
        "WEBP",
        quality=80,
        exif=phone_exif(1).tobytes(),
        xmp=xmp_packet(),
        icc_profile=display_p3_profile(),
    )
    return path


def transparent_png(path: Path, size: tuple[int, int] = (1400, 1000), seed: int = 3) -> Path:
    """A PNG with an alpha channel (a round emblem on nothing) in Display P3."""
    picture = scene(size, seed).convert("RGBA")
    mask = Image.new("L", size, 0)
    ImageDraw.Draw(mask).ellipse(
        (size[0] // 10, size[1] // 10, size[0] * 9 // 10, size[1] * 9 // 10), fill=255
    )
    picture.putalpha(mask)
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "PNG", icc_profile=display_p3_profile(), exif=phone_exif(1).tobytes())
    return path


def animated_gif(path: Path, size: tuple[int, int] = (320, 240), frames: int = 6) -> Path:
    """A small animation with a comment and an XMP block, as editors leave them."""
    images = []
    step = max(1, (size[0] - 140) // frames)  # every frame differs (equal ones are merged)
    for n in range(frames):
        frame = Image.new("RGB", size, (240, 236, 228))
        left = 20 + n * step
        ImageDraw.Draw(frame).ellipse((left, 60, left + 100, 160), fill=(47, 111, 115))
        images.append(frame.convert("P", palette=Image.Palette.ADAPTIVE, colors=16))
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(
        path,
        "GIF",
        save_all=True,
        append_images=images[1:],
        duration=120,
        loop=0,
        comment=COMMENT,
    )
    # Pillow writes no XMP into a GIF: put it where Photoshop and exiftool do,
    # in an application block after the colour table, raw, then the "magic
    # trailer" that lets a decoder skip it.
    data = path.read_bytes()
    at = 13 + (3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 0)
    trailer = bytes([1, *range(255, -1, -1), 0])
    block = b"\x21\xff\x0bXMP DataXMP" + xmp_packet() + trailer
    path.write_bytes(data[:at] + block + data[at:])
    return path


# -- Bad files -------------------------------------------------------------------------------------


def truncated_jpeg(path: Path, size: tuple[int, int] = (1600, 1200)) -> Path:
    """A JPEG cut off half way, as an interrupted copy or upload leaves it."""
    buffer = io.BytesIO()
    scene(size, 4).save(buffer, "JPEG", quality=90)
    data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data[: len(data) // 2])
    return path


def corrupt_jpeg(path: Path) -> Path:
    """A JPEG's signature followed by nothing a decoder can use."""
    rng = random.Random(5)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff\xe0" + rng.randbytes(20000))
    return path


def png_bytes(size: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 220, 230)).save(buffer, "PNG")
    return buffer.getvalue()


def bomb_png(path: Path, claimed: tuple[int, int] = (40000, 40000)) -> Path:
    """A tiny PNG whose header claims *claimed* pixels: 1.6 billion for 40000x40000,
    gigabytes once decoded (a "decompression bomb")."""
    data = bytearray(png_bytes((64, 64)))
    ihdr = struct.pack(">II", *claimed) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(data))
    return path


def huge_jpeg(path: Path, size: tuple[int, int] = (9000, 6000)) -> Path:
    """A real picture of more than 50 megapixels (a panorama, a scan)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    picture = scene((size[0] // 8, size[1] // 8), 6).resize(size, Image.Resampling.BILINEAR)
    picture.save(path, "JPEG", quality=80)
    return path
