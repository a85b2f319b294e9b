"""The images that stand for the site in feeds, link previews and search results.

(A post's own pictures, its cover included, are ``publish/pictures/``'s.)

conf.py names files in the site's static folder (``site_icon``, ``site_logo``
...); the build checks that each exists and has the shape its readers expect
(a feed reader shows a non-square icon squashed; RSS refuses logos wider than
144 pixels) and knows each one's public URL and size.
"""

import struct
from dataclasses import dataclass
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from ..site import address

# setting -> (what it is for, shape rule)
ROLES = {
    "site_icon": ("a square icon for feeds and search results", "square"),
    "site_favicon": ("a small square icon for feed readers", "square"),
    "site_logo": ("the feeds' logo, twice as wide as tall", "rss-logo"),
    "site_image": ("the link-preview image of pages without their own", None),
}


@dataclass(frozen=True)
class Image:
    url: str
    width: int | None
    height: int | None
    alt: str = ""
    mime: str = "image/png"


def size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF or JPEG file; None for other formats."""
    data = path.read_bytes()
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return struct.unpack("<HH", data[6:10])
    if data.startswith(b"\xff\xd8"):
        at = 2
        while at + 9 < len(data):
            if data[at] != 0xFF:
                return None
            marker = data[at + 1]
            length = struct.unpack(">H", data[at + 2 : at + 4])[0]
            # Start-of-frame markers carry the size; C4, C8 and CC are not frames.
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[at + 5 : at + 9])
                return width, height
            at += 2 + length
    return None


MIME = {".png": "image/png", ".gif": "image/gif", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def mime(name: str) -> str:
    return MIME.get(Path(name).suffix.lower(), "application/octet-stream")


def by_setting(app: Sphinx) -> dict[str, Image | None]:
    """``site_icon``, ``site_favicon``, ``site_logo``, ``site_image``, checked once per build.

    A setting left unset (None) means the site has no such image: feeds and
    previews then leave it out. A setting naming a file that is not there, or
    has the wrong shape, stops the build.
    """
    images: dict[str, Image | None] | None = getattr(app, "wnyblog_images", None)
    if images is None:
        images = app.wnyblog_images = {  # type: ignore[attr-defined]
            name: _static_image(app, name) for name in ROLES
        }
    return images


def check(app: Sphinx) -> None:
    """``builder-inited``: stop early, with the fix, when a site image is missing or misshapen."""
    app.wnyblog_images = None  # type: ignore[attr-defined]
    by_setting(app)


def static_file(app: Sphinx, name: str) -> Path | None:
    """The file *name* in the first of conf.py's static folders that has it."""
    folders = [Path(app.confdir, folder) for folder in app.config.html_static_path]
    return next((f / name for f in folders if name and (f / name).is_file()), None)


def _static_image(app: Sphinx, setting: str) -> Image | None:
    name: str | None = getattr(app.config, setting)
    if name is None:
        return None
    purpose, rule = ROLES[setting]
    path = static_file(app, name)
    if path is None:
        raise ConfigError(
            f"{setting} = {name!r}: no such file in html_static_path — "
            f"add {purpose} to the static folder (docs/_static) and name it in conf.py"
        )
    dimensions = size(path)
    if dimensions is None:
        raise ConfigError(f"{setting} = {name!r} is not a PNG, GIF or JPEG file — feeds need one")
    width, height = dimensions
    if rule == "square" and width != height:
        raise ConfigError(f"{setting} = {name!r} is {width}x{height} — it must be square")
    if rule == "rss-logo" and (width > 144 or height > 400 or width != 2 * height):
        raise ConfigError(
            f"{setting} = {name!r} is {width}x{height} — it must be twice as wide as tall "
            "and at most 144 pixels wide (RSS limits)"
        )
    alt = app.config.site_image_alt if setting == "site_image" else app.config.clinic_name
    if not (alt or "").strip():
        raise ConfigError(
            f"site_image_alt is empty — describe what {name!r} shows, for readers who cannot see it"
        )
    return Image(address.absolute(app, f"_static/{name}"), width, height, alt, mime(name))
