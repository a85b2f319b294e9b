"""One picture in, the files readers download out.

The picture is turned upright by its EXIF orientation first (a phone stores a
portrait photo lying on its side with a flag saying so; HEIC carries the turn
in its container, which the decoder applies, and pillow-heif resets the EXIF
flag so it is not applied twice), converted from its colour profile to sRGB,
and stripped of everything but pixels: EXIF (GPS position, camera, serial
number, maker notes), XMP, IPTC, comments and the profile itself. Then it is
scaled down (never up) to each width of the ladder and encoded as AVIF, WebP
and a JPEG fallback (PNG when it has transparency), each file within the
budget (``encode.py``). The build spreads pictures over the cores
(``prepare.py``).
"""

import io
from pathlib import Path
from typing import TYPE_CHECKING

from ...checks import picture_files, svg
from .encode import EXTENSION, MIME, Derived, Variant, save

if TYPE_CHECKING:  # Pillow is imported when a picture is made
    from PIL import Image as PIL

PREVIEW_WIDTH = 1200  # link previews and feeds: the size Open Graph asks for
# Changes whenever this module's or encode.py's output would: part of every
# cache key.
RECIPE_VERSION = 3  # 2: gain maps are not frames, opaque alpha dropped; 3: animations fit


def ladder(width: int, widths: tuple[int, ...]) -> list[int]:
    """The widths a picture *width* pixels wide is published at: those of the
    ladder it reaches, and its own width when it falls short of the top."""
    chosen = sorted({w for w in widths if w <= width})
    if width < max(widths) and width not in chosen:
        chosen.append(width)
    return chosen or [width]


def derive(source: Path, widths: tuple[int, ...], out: Path) -> Derived:
    """Write the published files of the picture at *source* into the folder *out*."""
    if source.suffix.lower() == ".svg":
        return _drawing(source, out)
    with picture_files.decoding(source) as image:
        if picture_files.frames_shown(image) > 1:
            return _animation(image, widths, out)
        upright = _upright(image, max(widths))
    return _photo(upright, widths, out)


def _upright(image: "PIL.Image", largest: int) -> "PIL.Image":
    """Decoded, turned upright, in sRGB, with nothing but pixels."""
    from PIL import ImageOps

    if picture_files.is_jpeg(image):
        # Decode at the smallest scale (1/2, 1/4, 1/8) still wider than the
        # ladder needs: a 12-megapixel photo decodes several times faster.
        turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        stored_width = image.height if turned else image.width
        scale = max(1, stored_width // largest)
        need = (image.width // scale, image.height // scale)
        image.draft(image.mode, need)
    image.load()
    profile = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    return _clean(_srgb(_plain_mode(upright), profile))


def _plain_mode(image: "PIL.Image") -> "PIL.Image":
    """RGB, or RGBA when the picture has transparency."""
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode in ("P", "L", "RGB") and "transparency" in image.info
    )
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode == "CMYK":
        return image  # converted with its profile by _srgb
    image = image.convert("RGBA" if has_alpha else "RGB")
    if has_alpha and image.getchannel("A").getextrema()[0] == 255:
        # Saved with an alpha channel but nothing see-through (screenshots
        # often are): a JPEG fallback, a fraction of a PNG's bytes.
        image = image.convert("RGB")
    return image


def _srgb(image: "PIL.Image", profile: bytes | None) -> "PIL.Image":
    """Colours moved from the picture's own profile to sRGB (browsers show an
    untagged picture as sRGB). A profile that cannot be read is ignored."""
    from PIL import ImageCms

    out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    if profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                image, source, ImageCms.createProfile("sRGB"), outputMode=out_mode
            )
            if converted is not None:  # None only when converted in place
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return image.convert(out_mode)


def _clean(image: "PIL.Image") -> "PIL.Image":
    """The pixels alone: no EXIF, XMP, comment or profile rides along into a file."""
    image.info = {}
    return image


def _photo(upright: "PIL.Image", widths: tuple[int, ...], out: Path) -> Derived:
    transparent = upright.mode == "RGBA"
    fallback_format = "PNG" if transparent else "JPEG"
    sources: dict[str, list[Variant | None]] = {"AVIF": [], "WEBP": []}
    fallback: list[Variant] = []
    current = upright
    for width in sorted(ladder(upright.width, widths), reverse=True):
        height = max(1, round(upright.height * width / upright.width))
        # Each width from the one above it: a fraction of the work, the same look.
        current = _clean(current.resize((width, height), _lanczos(), reducing_gap=3.0))
        for fmt in ("AVIF", "WEBP"):
            sources[fmt].append(save(current, fmt, out, f"{width}.{EXTENSION[fmt]}"))
        variant = save(current, fallback_format, out, f"{width}.{EXTENSION[fallback_format]}")
        if variant is not None:
            fallback.append(variant)
    found = {fmt: tuple(v for v in reversed(vs) if v is not None) for fmt, vs in sources.items()}
    fallback_variants = tuple(reversed(fallback))
    if not fallback_variants:  # every browser and feed needs one (picture_files.py)
        raise ValueError("no size of it fits the blog's limit of 250 KB a file")
    every = (*fallback_variants, *(v for vs in found.values() for v in vs))
    largest = max(every, key=lambda v: v.width)
    return Derived(
        kind="photo",
        width=largest.width,
        height=largest.height,
        sources=tuple((MIME[fmt], variants) for fmt, variants in found.items() if variants),
        fallback=fallback_variants,
        preview=_preview(upright, fallback_variants, out),
    )


def _preview(upright: "PIL.Image", fallback: tuple[Variant, ...], out: Path) -> Variant | None:
    """The JPEG link previews and feeds use: the fallback at 1200 px (or the
    widest below it); a transparent picture is flattened onto white for it."""
    if fallback[0].mime == MIME["JPEG"]:
        fitting = [v for v in fallback if v.width <= PREVIEW_WIDTH]
        return fitting[-1] if fitting else fallback[0]
    from PIL import Image

    width = min(upright.width, PREVIEW_WIDTH)
    height = max(1, round(upright.height * width / upright.width))
    flat = Image.new("RGB", upright.size, (255, 255, 255))
    flat.paste(upright, mask=upright.getchannel("A"))
    flat = _clean(flat.resize((width, height), _lanczos(), reducing_gap=3.0))
    return save(flat, "JPEG", out, "preview.jpg")


def _lanczos() -> "PIL.Resampling":
    from PIL import Image

    return Image.Resampling.LANCZOS


def _animation(image: "PIL.Image", widths: tuple[int, ...], out: Path) -> Derived:
    """An animated GIF (or WebP, AVIF) becomes an animated WebP at one width
    (its own, or the top of the ladder if wider), with its first frame as the
    still fallback for browsers without WebP and for feeds."""
    width = min(image.width, max(widths))
    height = max(1, round(image.height * width / image.width))
    frames: list[PIL.Image] = []
    durations: list[int] = []
    for number in range(picture_files.frames_shown(image)):
        image.seek(number)
        frame = image.convert("RGBA")
        if frame.size != (width, height):
            frame = frame.resize((width, height), _lanczos())
        frames.append(_clean(frame))
        durations.append(int(image.info.get("duration", 100)) or 100)
    moving = save(
        frames[0],
        "WEBP",
        out,
        f"{width}.webp",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=int(image.info.get("loop", 0)),
        must_fit=False,  # a long animation may stay over: it is never dropped
    )
    still = _clean(frames[0])
    # RGBA: one (lowest, highest) per band. Pillow's types also allow a single
    # band's pair, which cannot be indexed: the ignore says only that.
    transparent = still.getextrema()[3][0] < 255  # type: ignore[misc]
    fmt = "PNG" if transparent else "JPEG"
    first = save(
        still if transparent else still.convert("RGB"), fmt, out, f"{width}.{EXTENSION[fmt]}"
    )
    if first is None:
        raise ValueError("the first frame does not fit the size budget")
    return Derived(
        kind="animation",
        width=width,
        height=height,
        # Only the still when WebP cannot hold it (over 16,383 pixels long).
        sources=((MIME["WEBP"], (moving,)),) if moving else (),
        fallback=(first,),
        preview=first if fmt == "JPEG" else _preview(still, (first,), out),
    )


def _drawing(source: Path, out: Path) -> Derived:
    """An SVG drawing, published as itself without metadata (checked safe)."""
    root = svg.parse(source.read_bytes())
    width, height = svg.size(root)
    (out / "drawing.svg").write_bytes(svg.cleaned(root))
    variant = Variant("drawing.svg", width, height, MIME["SVG"])
    return Derived("drawing", width, height, (), (variant,), None)
