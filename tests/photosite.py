"""A copy of the real site with posts as clinic staff write them with phone photos.

Made by the tests that check what readers get of a photo (test_pictures.py,
test_picture_browser.py): the repository's conf.py and pages, then

- ``phone-photos``: a cover and two 12-megapixel phone photos in the text, a
  HEIC and a JPEG with a rotation flag and an HDR gain map after the photo,
  as newer phones save them (in a figure with a caption);
- four ``walk-N`` posts, each with a 12-megapixel cover: with the first, the
  five newest posts on the home page all have photo covers;
- ``drawings`` (older): a transparent PNG in a wide-gamut profile, an
  animated GIF and a safe SVG, and no cover (it gets a generated card).

Every picture is then put through ``blog strip-location`` as a writer must
(the check refuses GPS and serial numbers in the repository): what is left
for the site to remove is the rest of what phones write (camera, software,
time, orientation flag, XMP, a comment, a wide-gamut profile).
"""

from pathlib import Path

import corpus
import photos

from helpers import frontend_build
from wnyblog.checks import location

SITE_URL = "https://wny-psychiatry.github.io/blog/"
PHOTO_POST = "posts/2025/phone-photos/"
DRAWINGS_POST = "posts/2025/drawings/"
WALKS = [f"posts/2025/walk-{n}/" for n in range(1, 5)]

_FRONT = """---
date: {date}
author: clinic
category: Living well
tags: [self-care]
{extra}---
"""

PHOTO_TEXT = """# A walk by the lake

Some days the best thing we can do is go outside. This post has the photos
from our walk by the lake last spring.

![Waves on the beach at sunset, taken on a phone](beach.heic)

The water was calm and the light was soft. We walked slowly and talked about
the week.

:::{figure} garden.jpg
:alt: A community garden with raised beds

The community garden near the clinic.
:::

Spending time outside is one of the simplest ways to care for your mood.
"""

DRAWINGS_TEXT = """# Drawings and animations

A transparent emblem:

![A teal emblem on a clear background](emblem.png)

A short animation:

![A circle moving from left to right](moving.gif)

A simple drawing:

![A teal square](square.svg)
"""

SAFE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" '
    'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
    'inkscape:export-filename="/home/jane/Desktop/private/square.png" width="240" height="160" '
    'viewBox="0 0 240 160"><metadata>drawn at home by Jane</metadata>'
    "<!-- a private note -->"
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#2f6f73"/></linearGradient></defs>'
    '<rect width="240" height="160" fill="url(#g)"/></svg>'
)


def write(root: Path) -> Path:
    """The site (conf.py in *root*, sources in root/docs); returns the source folder."""
    corpus.write_site(root, 0)
    docs = root / "docs"
    folder = docs / PHOTO_POST
    folder.mkdir(parents=True)
    photos.phone_jpeg(folder / "cover.jpg", seed=10)
    photos.phone_heic(folder / "beach.heic", seed=11)
    photos.phone_jpeg(folder / "garden.jpg", seed=12, gain_map=True)
    extra = "image: cover.jpg\nimage_alt: A path along the lake shore in spring\n"
    (folder / "index.md").write_text(
        _FRONT.format(date="2025-11-15", extra=extra) + PHOTO_TEXT, encoding="utf-8"
    )
    for number, walk in enumerate(WALKS, start=1):
        folder = docs / walk
        photos.phone_jpeg(folder / "cover.jpg", seed=20 + number, orientation=1)
        extra = f"image: cover.jpg\nimage_alt: Trees along walk number {number}\n"
        text = f"# Walk number {number}\n\nA short walk, and what we noticed on it.\n"
        if number == 1:  # some writers type HTML
            text += '\n<img src="cover.jpg" alt="The trees again, typed as HTML">\n'

        (folder / "index.md").write_text(
            _FRONT.format(date=f"2025-11-{10 - number:02d}", extra=extra) + text, encoding="utf-8"
        )
    folder = docs / DRAWINGS_POST
    photos.transparent_png(folder / "emblem.png")
    photos.animated_gif(folder / "moving.gif")
    (folder / "square.svg").write_text(SAFE_SVG, encoding="utf-8")
    (folder / "index.md").write_text(
        _FRONT.format(date="2025-10-01", extra="") + DRAWINGS_TEXT, encoding="utf-8"
    )
    for picture in sorted(docs.rglob("*")):
        if picture.suffix in (".jpg", ".heic", ".png", ".gif"):
            location.strip_file(picture)
    return docs


def build(root: Path, out: Path, *, jobs: str | None = "2", extra=()) -> str:
    """Build *root* into out/html (doctrees in out/doctrees) as `make html` does."""
    return frontend_build(root, out, today=corpus.TODAY.isoformat(), jobs=jobs, extra=extra)
