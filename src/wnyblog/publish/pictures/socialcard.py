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
# Changes whenever the card's drawing does: part of its cache key.
CARD_VERSION = 1


def draw(title: str, site_name: str, emblem: Path | None, out: Path) -> Derived:
    """Draw the card into out/card.png."""
    from PIL import Image, ImageDraw

    card = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(card)
    if emblem is not None:
        mark, mask = _emblem(emblem)
        card.paste(mark, (MARGIN, MARGIN), mask)
    width = SIZE[0] - 2 * MARGIN
    top = MARGIN + EMBLEM + 48
    bottom = SIZE[1] - MARGIN - 40
    font, lines = _fit(title, width, bottom - top)
    line_height = round(font.size * 1.18)
    for number, line in enumerate(lines):
        pen.text((MARGIN, top + number * line_height), line, font=font, fill=INK)
    name_font = _font(34)
    pen.text((MARGIN, SIZE[1] - MARGIN - 34), site_name, font=name_font, fill=TEAL)
    pen.rectangle((0, SIZE[1] - 16, SIZE[0], SIZE[1]), fill=TEAL)
    card.info = {}
    card.save(out / "card.png", "PNG", compress_level=6)
    variant = Variant("card.png", SIZE[0], SIZE[1], "image/png")
    return Derived("card", SIZE[0], SIZE[1], (), (variant,), variant)


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
