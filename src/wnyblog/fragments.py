"""Make a page's article HTML safe and portable for feeds.

Feed readers show entry content out of context, so every link must be
absolute, and nothing in it may run code or load a third party.
"""

from urllib.parse import urljoin
from xml.sax.saxutils import escape

from lxml import html

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
URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "data")


def feed_html(body: str, page_url: str) -> str:
    """The article body of a post page as feed content.

    Drops the title (the feed entry has its own), the byline, heading
    permalinks and any active content; makes every URL absolute.
    """
    root = html.fragment_fromstring(body, create_parent="div")
    for h1 in root.xpath("(.//h1)[1]"):
        h1.drop_tree()
    for element in root.xpath(
        ".//*[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')"
        " or contains(concat(' ', normalize-space(@class), ' '), ' feed-exclude ')]"
    ):
        element.drop_tree()
    for element in root.xpath(".//" + " | .//".join(ACTIVE_ELEMENTS)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in list(element.attrib):
            value = element.attrib[name]
            # Ids would clash between entries shown together in a reader.
            if name.lower().startswith("on") or name.lower() in ("id", "srcset"):
                del element.attrib[name]
            elif name.lower() in URL_ATTRIBUTES:
                absolute = urljoin(page_url, value.strip())
                if absolute.split(":", 1)[0].lower() not in ("https", "http", "mailto", "tel"):
                    del element.attrib[name]
                else:
                    element.attrib[name] = absolute
    lead = escape(root.text) if root.text else ""
    return (lead + "".join(html.tostring(c, encoding="unicode") for c in root)).strip()
