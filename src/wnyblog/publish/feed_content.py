"""Make a page's article HTML safe and portable for feeds, and keep it.

Feed readers show entry content out of context, so every link must be
absolute, and nothing in it may run code or load a third party. A post's
feed-ready HTML is made when its page is written and kept beside the doctrees
(outside the site), where the feeds read it, in this build or a later one.
"""

from pathlib import Path
from urllib.parse import quote, urljoin
from xml.sax.saxutils import escape

from lxml import html
from sphinx.application import Sphinx

from ..site import address
from .compact import compact
from .pictures.derive import PREVIEW_WIDTH

BODIES = "wnyblog-bodies"  # in the doctree folder

ACTIVE_ELEMENTS = (
    "script",
    "iframe",
    "object",
    "embed",
    "form",
    "frame",
    "frameset",
    "applet",
    "base",
    "meta",
    "link",
    "style",
    "noscript",
)
VOID_ELEMENTS = ("embed", "base", "meta", "link")
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "data", "background")
SAFE_SCHEMES = ("https", "http", "mailto", "tel")


def _absolute(value: str, page_url: str) -> str | None:
    """*value* resolved against the page; None for javascript:, data: and the like."""
    absolute = urljoin(page_url, value.strip())
    return absolute if absolute.split(":", 1)[0].lower() in SAFE_SCHEMES else None


def _srcset(value: str, page_url: str) -> str:
    """Each candidate of a srcset ("small.png 1x, big.png 2x") made absolute."""
    candidates = []
    for candidate in value.split(","):
        url, _, descriptor = candidate.strip().partition(" ")
        absolute = url and _absolute(url, page_url)
        if absolute:
            candidates.append(f"{absolute} {descriptor.strip()}".strip())
    return ", ".join(candidates)


# Feed readers and the services behind them take JPEG and PNG, rarely AVIF
# or WebP: a picture becomes one plain <img> of its fallback, at most as wide
# as the one JPEG link previews and the feeds' entries use.
FEED_PICTURE_WIDTH = PREVIEW_WIDTH


def _plain_pictures(root: html.HtmlElement) -> None:
    """Each ``<picture>`` becomes its ``<img>`` alone, showing the widest
    fallback file up to :data:`FEED_PICTURE_WIDTH`, with its width and height."""
    for picture in root.xpath(".//picture"):
        # libxml2 does not know <source> is empty and nests what follows in
        # it: drop the tags, keep the <img>.
        for source in picture.xpath(".//source"):
            source.drop_tag()
        for img in picture.xpath(".//img"):
            candidates = []
            for candidate in img.get("srcset", "").split(","):
                url, _, width = candidate.strip().partition(" ")
                if url and width.strip().endswith("w"):
                    candidates.append((int(width.strip()[:-1]), url))
            fitting = [c for c in candidates if c[0] <= FEED_PICTURE_WIDTH] or candidates
            if fitting:
                width, url = max(fitting)
                img.set("src", url)
                _resize(img, width)
            for name in ("srcset", "sizes"):
                img.attrib.pop(name, None)
        picture.drop_tag()
    # How a page loads its pictures means nothing in a feed reader.
    for img in root.xpath(".//img"):
        for name in ("loading", "decoding", "fetchpriority"):
            img.attrib.pop(name, None)


def _resize(img: html.HtmlElement, width: int) -> None:
    """The <img>'s width and height for the file it now shows (same shape)."""
    try:
        full_width, full_height = int(img.get("width")), int(img.get("height"))
    except (TypeError, ValueError):
        return
    if full_width > 0:
        img.set("width", str(width))
        img.set("height", str(max(1, round(full_height * width / full_width))))


def feed_html(body: str, page_url: str) -> str:
    """The article body of a post page as feed content.

    Drops the title (the feed entry has its own), the byline, heading
    permalinks, any active content, classes and indentation; makes every URL
    absolute; a ``<picture>`` becomes a plain ``<img>`` of its JPEG (or PNG).
    """
    root = html.fragment_fromstring(body, create_parent="div")
    _plain_pictures(root)
    for h1 in root.xpath("(.//h1)[1]"):
        h1.drop_tree()
    for element in root.xpath(
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')"
        " or contains(concat(' ', normalize-space(@class), ' '), ' feed-exclude ')]"
    ):
        element.drop_tree()
    for element in root.xpath(".//" + " | .//".join(ACTIVE_ELEMENTS)):
        if element.tag in VOID_ELEMENTS:
            # libxml2 does not know these are empty and nests the rest of the
            # post inside them: drop the tag, keep what follows.
            element.drop_tag()
        else:
            element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            value = element.attrib[name]
            # Ids would clash between entries shown together in a reader;
            # classes name the site's styles, which no reader has.
            if name.lower().startswith("on") or name.lower() in ("id", "class"):
                del element.attrib[name]
            elif name.lower() == "srcset":
                candidates = _srcset(value, page_url)
                if candidates:
                    element.attrib[name] = candidates
                else:
                    del element.attrib[name]
            elif name.lower() in URL_ATTRIBUTES or name.lower().endswith(":href"):
                absolute = _absolute(value, page_url)
                if absolute is None:
                    del element.attrib[name]
                else:
                    element.attrib[name] = absolute
    # A span that only carried a class says nothing now (code is full of them).
    for span in root.xpath(".//span[not(@*)]"):
        span.drop_tag()
    lead = escape(root.text) if root.text else ""
    content = lead + "".join(html.tostring(c, encoding="unicode") for c in root)
    return compact(content).strip()


def body_folder(app: Sphinx) -> Path:
    """Where posts' feed-ready HTML is kept between builds (outside the site)."""
    return Path(app.doctreedir, BODIES)


def body_file(folder: Path, pagename: str) -> Path:
    """Where post *pagename*'s feed-ready HTML is kept in *folder*: one folder
    of files named by the whole page name (``posts%2F2026%2Fslug.html``), not a
    folder per post. A thousand posts are a thousand files, not a thousand
    folders more, and a clean build creates every one of them."""
    return folder / (quote(pagename, safe="") + ".html")


def keep_body(app: Sphinx, pagename: str, body: str) -> None:
    """Keep the feed-ready form of post *pagename*'s article HTML *body*."""
    cache = body_file(body_folder(app), pagename)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(feed_html(body, address.page_url(app, pagename)), encoding="utf-8")
