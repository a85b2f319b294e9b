"""Draw the blog's emblem images into docs/_static, reproducibly, with the standard library.

    python scripts/draw_site_images.py [FOLDER]

The emblem is the favicon's design (a cream heart on a teal circle) at the sizes
feeds and link previews ask for. Feeds and link previews need PNG files (RSS
allows only GIF, JPEG or PNG), and the build must not depend on an imaging
library, so the shapes are filled scanline by scanline and written with zlib.
When the clinic supplies its own artwork, replace the files and this script.
"""

import math
import struct
import sys
import zlib
from pathlib import Path

TEAL = (47, 111, 115)
CREAM = (244, 239, 230)
SUBROWS = 8  # vertical samples per pixel row; horizontal coverage is exact


def _heart(cx: float, cy: float, size: float) -> list[tuple[float, float]]:
    """The favicon's heart (a 32-unit-wide path) as a polygon centred on (cx, cy)."""
    s = size / 32

    def cubic(p0, p1, p2, p3, steps=48):
        for i in range(1, steps + 1):
            t = i / steps
            u = 1 - t
            yield tuple(
                u**3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t**3 * d
                for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
            )

    def arc(start, end, radius, steps=48):
        # SVG's small clockwise arc from *start* to *end* (y grows downwards).
        (x0, y0), (x1, y1) = start, end
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        half = math.hypot(x1 - x0, y1 - y0) / 2
        rise = math.sqrt(radius * radius - half * half)
        ux, uy = (x1 - x0) / (2 * half), (y1 - y0) / (2 * half)
        cx_, cy_ = mx - uy * rise, my + ux * rise
        a0 = math.atan2(y0 - cy_, x0 - cx_)
        a1 = math.atan2(y1 - cy_, x1 - cx_)
        if a1 < a0:
            a1 += 2 * math.pi
        for i in range(1, steps + 1):
            angle = a0 + (a1 - a0) * i / steps
            yield cx_ + radius * math.cos(angle), cy_ + radius * math.sin(angle)

    # The favicon's path: from the bottom tip (32, 50) up the left side, two
    # lobes of radius 9 meeting at the notch (32, 20), down the right side.
    points = [(32.0, 50.0)]
    points += cubic((32, 50), (20, 42), (16, 34), (16, 26))
    points += arc((16, 26), (32, 20), 9)
    points += arc((32, 20), (48, 26), 9)
    points += cubic((48, 26), (48, 34), (44, 42), (32, 50))
    return [(cx + (x - 32) * s, cy + (y - 35) * s) for x, y in points]


def _circle(cx: float, cy: float, r: float, steps: int = 360) -> list[tuple[float, float]]:
    return [
        (cx + r * math.cos(2 * math.pi * i / steps), cy + r * math.sin(2 * math.pi * i / steps))
        for i in range(steps)
    ]


def _coverage(polygon, width: int, height: int) -> list[list[float]]:
    """Fraction of each pixel inside *polygon* (even-odd rule)."""
    cover = [[0.0] * width for _ in range(height)]
    edges = list(zip(polygon, polygon[1:] + polygon[:1], strict=True))
    for row in range(height):
        line = cover[row]
        for sub in range(SUBROWS):
            y = row + (sub + 0.5) / SUBROWS
            xs = sorted(
                x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                for (x0, y0), (x1, y1) in edges
                if (y0 <= y < y1) or (y1 <= y < y0)
            )
            for left, right in zip(xs[::2], xs[1::2], strict=True):
                left, right = max(left, 0.0), min(right, float(width))
                for x in range(int(left), min(int(math.ceil(right)), width)):
                    inside = min(right, x + 1) - max(left, x)
                    if inside > 0:
                        line[x] += inside / SUBROWS
    return cover


def _paint(pixels, polygon, colour) -> None:
    height, width = len(pixels), len(pixels[0])
    for y, row in enumerate(_coverage(polygon, width, height)):
        for x, amount in enumerate(row):
            if amount > 0:
                amount = min(amount, 1.0)
                pixels[y][x] = tuple(
                    round(old * (1 - amount) + new * amount)
                    for old, new in zip(pixels[y][x], colour, strict=True)
                )


def png(pixels) -> bytes:
    """An 8-bit RGB PNG; no timestamps or text chunks, so the bytes are reproducible."""
    height, width = len(pixels), len(pixels[0])

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + bytes(v for pixel in row for v in pixel) for row in pixels)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def emblem(width: int, height: int, *, background, circle: bool) -> bytes:
    """A heart centred in a *width* x *height* image, on a teal circle or a teal field."""
    pixels = [[background] * width for _ in range(height)]
    side = min(width, height)
    if circle:
        _paint(pixels, _circle(width / 2, height / 2, side * 0.42), TEAL)
    heart = side * (0.42 if circle else 0.6)
    _paint(pixels, _heart(width / 2, height / 2, heart), CREAM)
    return png(pixels)


IMAGES = {
    # Square icon: JSON Feed `icon`, Atom <icon>, the publisher's logo in JSON-LD.
    "icon.png": lambda: emblem(512, 512, background=TEAL, circle=False),
    # Small square icon: JSON Feed `favicon`.
    "icon-64.png": lambda: emblem(64, 64, background=TEAL, circle=False),
    # Twice as wide as tall (Atom <logo>), at most 144 pixels wide (RSS <image>).
    "logo.png": lambda: emblem(144, 72, background=TEAL, circle=False),
    # Link previews (Open Graph, Twitter cards) of pages without their own image.
    "social-card.png": lambda: emblem(1200, 630, background=CREAM, circle=True),
}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "docs" / "_static"
    folder.mkdir(parents=True, exist_ok=True)
    for name, draw in IMAGES.items():
        (folder / name).write_bytes(draw())
        print(folder / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
