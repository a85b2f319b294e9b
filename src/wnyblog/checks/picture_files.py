"""Whether a picture a post shows can be published, and if not, why, in words
a writer can act on.

Every way a picture can be bad gets its own message: a kind of file the blog
cannot publish, a file too big, a name that lies about the format, too many
pixels, a "decompression bomb" (a small file that claims billions of pixels),
a damaged or incomplete file, an SVG drawing that could run code or load
something. The header is read first, so a bomb is refused before anything is
decoded; then the picture is decoded whole, because a photo cut off half way
opens without complaint and only its missing half shows it. ``blog check``
and the build call :func:`problem` through ``checks/body.py``, so both give
the same verdict; ``speed/checkmemo.py`` remembers it while the file is unchanged.

The limits, for writers (WRITING.md says the same):
- at most 40 MB a file (phones save 2-12 MB photos);
- at most 50 megapixels (phones take 12 to 48; a larger panorama or scan needs
  a smaller copy), and for an animation 50 megapixels in all its frames;
- more than 200 megapixels is refused unread, as a possible decompression bomb;
- at most 20 times as long as it is wide (a panorama is about 6);
- no location data and no camera serial number (``checks/location.py``): the
  repository keeps the file forever, in public.
"""

import contextlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import location, svg
from .checked import shown as shown_path

if TYPE_CHECKING:  # Pillow is imported when a picture is opened
    from PIL.Image import Image

MAX_BYTES = 40 * 1000 * 1000
MAX_PIXELS = 50 * 1000 * 1000
BOMB_PIXELS = 4 * MAX_PIXELS
# Longest side over shortest: a phone's panorama is about 6, a long scrolled
# screenshot about 10. A longer strip shrinks to a sliver on a phone and
# cannot be published small enough in every format.
MAX_SHAPE = 20

# Pillow's name of each format the blog publishes -> the file names it may have.
FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "GIF": (".gif",),
    "WEBP": (".webp",),
    "AVIF": (".avif",),
    "HEIF": (".heic", ".heif"),
}
SUFFIXES = frozenset(s for names in FORMATS.values() for s in names) | {".svg"}
# Pictures that may sit beside a post but cannot be published as they are
# (a post showing one is told so; left unused, they are not an error).
OTHER_PICTURES = frozenset({".tif", ".tiff", ".bmp", ".psd", ".jfif", ".jpe", ".dng", ".ico"})
# Pillow's names for files that are one of the formats above. A phone's JPEG
# with an HDR gain map or a depth map beside the photo (Google's Ultra HDR,
# Samsung's, Apple's HDR JPEGs) is a JPEG holding several pictures in its
# MPF index, which Pillow calls MPO: browsers show the first, and so does the
# blog; the others (and their metadata) are never published.
ALIASES = {"MPO": "JPEG"}
# Formats whose extra frames are an animation. Every other format's extra
# pictures (gain maps, depth maps, a HEIC's other images) are not shown.
ANIMATED = frozenset({"GIF", "WEBP", "PNG", "AVIF"})
# How writers know the formats (for messages).
_NAMES = {"HEIF": "HEIC"}

_SAVE_AGAIN = "open it on your computer, then save or export it again as JPEG or PNG"


@dataclass(frozen=True)
class Finding:
    message: str
    fix: str


def problem(path: Path, shown: str) -> Finding | None:
    """What is wrong with the picture at *path* (*shown* is its name as the post
    writes it), or None when it can be published."""
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > MAX_BYTES:
        return Finding(
            f"the picture “{shown}” is {size / 1e6:.0f} MB; the limit is {MAX_BYTES // 10**6} MB",
            "use the photo as the phone or camera saved it, or save a smaller copy",
        )
    if size == 0:
        return Finding(f"the picture “{shown}” is an empty file", "copy the picture again")
    if suffix == ".svg":
        return _svg_problem(path, shown)
    return (
        _header_problem(path, shown, suffix)
        or _decode_problem(path, shown)
        or location_problem(path, shown)
    )


def location_problem(path: Path, shown: str) -> Finding | None:
    """Location data or a serial number still in the file (the picture is fine otherwise)."""
    removed = location.report(path.read_bytes()).removed
    if not removed:
        return None
    return Finding(
        f"the picture “{shown}” still carries {location.describe(removed)}; "
        "committed, that stays public in the repository's history",
        f"run `make strip-location` (or `{location.COMMAND} {shown_path(path)}`): it takes "
        "them out of the file and leaves the picture as it is",
    )


def _svg_problem(path: Path, shown: str) -> Finding | None:
    try:
        svg.parse(path.read_bytes())
    except svg.Invalid:
        return Finding(
            f"the drawing “{shown}” is not a valid SVG file",
            "export it again from your drawing program, or export it as PNG",
        )
    except svg.Unsafe as err:
        return Finding(
            f"the drawing “{shown}” contains {err}",
            "remove it in your drawing program, or export the drawing as PNG: the blog "
            "publishes only drawings that cannot run code or load anything",
        )
    return None


def _header_problem(path: Path, shown: str, suffix: str) -> Finding | None:
    """What the file's first bytes say: its format and its size in pixels."""
    try:
        with header(path) as image:
            # Pillow names the format of every file it opens.
            found, (width, height) = ALIASES.get(image.format or "", image.format or ""), image.size
    except Exception:  # noqa: BLE001 - whatever a broken file makes a decoder raise
        if suffix not in SUFFIXES:
            return _unsupported(shown, "a kind of file the blog cannot publish")
        return _damaged(shown)
    name = _NAMES.get(found, found)
    if found not in FORMATS:
        return _unsupported(shown, f"a {name} file, which web browsers cannot show")
    if suffix not in FORMATS[found]:
        right = Path(shown).with_suffix(FORMATS[found][0]).name
        ends = f"its name ends in {suffix}" if suffix else "its name does not say so"
        return Finding(
            f"the picture “{shown}” is really a {name} file: {ends}",
            f"rename the file to {right} and use that name in the post",
        )
    pixels = width * height
    if pixels > BOMB_PIXELS:
        return Finding(
            f"the picture “{shown}” claims to be {width}×{height} pixels "
            f"({pixels / 1e6:,.0f} megapixels): opening it would take about "
            f"{pixels * 4 / 1e9:,.1f} GB of memory, so it is refused as a possible "
            "“decompression bomb”",
            "use the original photo or drawing, or delete this file",
        )
    if pixels > MAX_PIXELS:
        return Finding(
            f"the picture “{shown}” is {width}×{height} pixels ({pixels / 1e6:.0f} megapixels); "
            f"the limit is {MAX_PIXELS // 10**6} megapixels",
            "save a smaller copy, for example 6000 pixels wide",
        )
    if max(width, height) > MAX_SHAPE * min(width, height):
        long, short = ("tall", "wide") if height > width else ("wide", "tall")
        return Finding(
            f"the picture “{shown}” is {width}×{height} pixels: more than {MAX_SHAPE} times "
            f"as {long} as it is {short}, too long a strip to show on a page",
            "cut it into a few pictures, or crop it to the part that matters",
        )
    return None


def _decode_problem(path: Path, shown: str) -> Finding | None:
    """Decode every pixel (JPEG at an eighth of its size, which still reads
    every byte): a file cut short or damaged inside shows only now."""
    try:
        with decoding(path) as image:
            frames = frames_shown(image)
            if frames > 1 and image.width * image.height * frames > MAX_PIXELS:
                return Finding(
                    f"the animation “{shown}” has {frames} frames of {image.width}×"
                    f"{image.height} pixels; the limit is {MAX_PIXELS // 10**6} megapixels "
                    "in all its frames together",
                    "make it shorter or smaller",
                )
            if is_jpeg(image):
                image.draft(image.mode, (image.width // 8, image.height // 8))
            for frame in range(frames):
                image.seek(frame)
                image.load()
    except OSError as err:
        if "truncated" in str(err):
            return Finding(
                f"the picture “{shown}” is incomplete: the file ends before the picture does",
                "copy the picture from the phone or camera again (the last copy was cut short)",
            )
        return _damaged(shown)
    except Exception:  # noqa: BLE001 - whatever a broken file makes a decoder raise
        return _damaged(shown)
    return None


def frames_shown(image: "Image") -> int:
    """How many of the file's pictures a reader sees: every frame of an
    animation, else only the first (a JPEG's gain map is not a frame)."""
    if image.format in ANIMATED:
        frames: int = getattr(image, "n_frames", 1)
        return frames
    return 1


def is_jpeg(image: "Image") -> bool:
    return ALIASES.get(image.format or "", image.format) == "JPEG"


def _unsupported(shown: str, what: str) -> Finding:
    return Finding(
        f"the picture “{shown}” is {what}",
        "save it as JPEG (photos) or PNG (drawings, screenshots) and use that file; "
        "HEIC, WebP, AVIF, GIF and SVG work too",
    )


def _damaged(shown: str) -> Finding:
    return Finding(f"the picture “{shown}” is damaged or is not a picture", _SAVE_AGAIN)


def _register_heif() -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()


@contextlib.contextmanager
def header(path: Path) -> Iterator["Image"]:
    """The picture opened for its header only (nothing decoded, no size limit:
    the caller judges the size before decoding anything)."""
    from PIL import Image

    _register_heif()
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
    try:
        with Image.open(path) as image:
            yield image
    finally:
        Image.MAX_IMAGE_PIXELS = limit


@contextlib.contextmanager
def decoding(path: Path) -> Iterator["Image"]:
    """The picture opened to be decoded: an incomplete file is an error, and so
    is anything over the bomb limit (Pillow's warning included)."""
    from PIL import Image, ImageFile

    _register_heif()
    Image.MAX_IMAGE_PIXELS = BOMB_PIXELS
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            yield image
