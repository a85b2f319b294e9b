"""The link-preview card of a post without a cover: 1200x630 pixels with the
post's title, the blog's name and its emblem, drawn with Pillow.

Open Graph, X (Twitter), JSON-LD and the feeds show it where a cover would go,
so a shared post is recognisable rather than one more copy of the site's
image. The font is a file in the package (Source Sans Pro, SIL Open Font
License, ``fonts/``): nothing is fetched, and the same title gives the same
bytes on every machine with the pinned Pillow (FreeType comes in its wheel;
the basic layout engine is used, which needs no system library).
"""

import functools
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from .encode import Derived, Variant

if TYPE_CHECKING:  # Pillow is imported when a card is drawn
    from PIL import Image as PIL
    from PIL.ImageFont import FreeTypeFont

SIZE = (1200, 630)
FONT = Path(__file__).parents[2] / "fonts" / "SourceSansPro-Bold.otf"
# The emblem's colours (scripts/draw_site_images.py).
BACKGROUND = (244, 239, 230)
INK = (31, 41, 51)
TEAL = (47, 111, 115)
MARGIN = 80
EMBLEM = 132
TITLE_SIZES = (76, 68, 60, 54, 48, 42)
MAX_LINES = 4
# Changes whenever the card's drawing does (this module's code or the font):
# part of its cache key, so no number is bumped by hand.
CARD_VERSION = hashlib.sha256(Path(__file__).read_bytes() + FONT.read_bytes()).hexdigest()[:16]
# Shades of ink between the background and the title's colour: the title's
# edges are smooth at 16, and the card is a palette PNG (a byte per pixel,
# about 20 KB), which encodes in a tenth of the time of a full-colour one.
INK_LEVELS = 16
_TEMPLATE_COLOURS = 256 - INK_LEVELS
_TITLE_TOP = MARGIN + EMBLEM + 48
_TITLE_BOTTOM = SIZE[1] - MARGIN - 40


def draw(title: str, site_name: str, emblem: Path | None, out: Path) -> Derived:
    """Draw the card into out/card.png: the title over the card without one
    (the same for every post, drawn once per process)."""
    from PIL import Image, ImageDraw

    width = SIZE[0] - 2 * MARGIN
    font, lines = _fit(title, width, _TITLE_BOTTOM - _TITLE_TOP)
    line_height = round(font.size * 1.18)
    # The title as coverage (0-255) of each pixel, turned into palette entries
    # after the template's: ink shade 0 is the background itself.
    coverage = Image.new("L", (width, _TITLE_BOTTOM - _TITLE_TOP), 0)
    pen = ImageDraw.Draw(coverage)
    for number, line in enumerate(lines):
        pen.text((0, number * line_height), line, font=font, fill=255)
    shades = coverage.point(_SHADE_OF_COVERAGE)
    card = _template(site_name, emblem).copy()
    card.paste(Image.frombytes("P", shades.size, shades.tobytes()), (MARGIN, _TITLE_TOP))
    card.info = {}
    card.save(out / "card.png", "PNG", compress_level=3)
    variant = Variant("card.png", SIZE[0], SIZE[1], "image/png")
    return Derived("card", SIZE[0], SIZE[1], (), (variant,), variant)


_SHADE_OF_COVERAGE = [_TEMPLATE_COLOURS + v * INK_LEVELS // 256 for v in range(256)]


@functools.lru_cache(maxsize=4)
def _template(site_name: str, emblem: Path | None) -> "PIL.Image":  # mode "P"
    """Everything of a card but its title, as a palette image whose last
    :data:`INK_LEVELS` entries are the title's shades."""
    from PIL import Image, ImageDraw

    card = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(card)
    if emblem is not None:
        mark, mask = _emblem(emblem)
        card.paste(mark, (MARGIN, MARGIN), mask)
    pen.text((MARGIN, SIZE[1] - MARGIN - 34), site_name, font=_font(34), fill=TEAL)
    pen.rectangle((0, SIZE[1] - 16, SIZE[0], SIZE[1]), fill=TEAL)
    quantized = card.quantize(
        _TEMPLATE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    palette = (quantized.getpalette() or []) + [0] * (3 * 256)
    palette = palette[: 3 * _TEMPLATE_COLOURS]
    # The flat colours exactly as drawn (quantizing may shift them a shade).
    for point, colour in (((0, 0), BACKGROUND), ((0, SIZE[1] - 1), TEAL)):
        index = quantized.getpixel(point)
        assert isinstance(index, int)
        palette[3 * index : 3 * index + 3] = colour
    for level in range(INK_LEVELS):
        share = level / (INK_LEVELS - 1)
        palette += [round(b + (i - b) * share) for b, i in zip(BACKGROUND, INK, strict=True)]
    quantized.putpalette(palette)
    return quantized


@functools.lru_cache(maxsize=4)
def _emblem(path: Path) -> tuple["PIL.Image", "PIL.Image"]:
    """The emblem at its size on the card, in a circle (drawn once per process)."""
    from PIL import Image, ImageDraw

    with Image.open(path) as picture:
        mark = picture.convert("RGBA").resize((EMBLEM, EMBLEM), Image.Resampling.LANCZOS)
    mask = Image.new("L", mark.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, EMBLEM - 1, EMBLEM - 1), fill=255)
    return mark, mask


@functools.lru_cache(maxsize=16)
def _font(size: int) -> "FreeTypeFont":
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.BASIC)


def _fit(title: str, width: int, height: int) -> tuple["FreeTypeFont", list[str]]:
    """The largest title size whose lines fit; at the smallest, the last line
    that fits ends with an ellipsis."""
    for size in TITLE_SIZES:
        font = _font(size)
        lines = _wrap(title, font, width)
        if len(lines) * round(size * 1.18) <= height and len(lines) <= MAX_LINES:
            return font, lines
    lines = lines[:MAX_LINES]
    while lines and font.getlength(lines[-1] + "…") > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0] if " " in lines[-1] else lines[-1][:-1]
    lines[-1] += "…"
    return font, lines


def _wrap(text: str, font: "FreeTypeFont", width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        while font.getlength(word) > width:  # a word wider than the card: cut it
            cut = len(word)
            while cut > 1 and font.getlength(word[:cut]) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]
