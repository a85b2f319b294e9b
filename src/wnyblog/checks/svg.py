"""What an SVG drawing may hold to be published, and its published form.

An SVG is a program as much as a picture: it can carry scripts, event
handlers, links that load other files or sites, and editors' notes (Inkscape
writes the folder the drawing was exported to). It is parsed without the
network and without entities (no file or site is ever read while checking);
one that could run or load anything is refused, and the published copy keeps
only the drawing: no metadata, comments or editor namespaces.
"""

import re

from lxml import etree
from lxml.etree import _Element

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Namespaces of the drawing itself; anything else (inkscape:, sodipodi:, rdf:)
# is an editor's note.
KEPT_NAMESPACES = {SVG_NS, XLINK_NS, "http://www.w3.org/XML/1998/namespace"}
# Pictures an SVG may embed in itself (a data: address is part of the file).
_EMBEDDED = re.compile(r"^data:image/(png|jpeg|gif|webp);", re.I)
_URL = re.compile(r"url\(\s*['\"]?\s*(?P<target>[^'\")\s]*)", re.I)
_LENGTH = re.compile(r"^\s*(?P<number>[0-9]*\.?[0-9]+)\s*(?P<unit>px)?\s*$")


class Unsafe(Exception):
    """The drawing could run code or load something: says what, for the writer."""


class Invalid(Exception):
    """Not an SVG file a browser could read."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse(data: bytes) -> _Element:
    """The drawing's root element; :class:`Invalid` or :class:`Unsafe` otherwise."""
    if b"<!ENTITY" in data:
        # Entities are how an XML file reads other files or expands to gigabytes.
        raise Unsafe("an entity declaration (<!ENTITY>)")
    try:
        root = etree.fromstring(data, _parser())
    except (etree.XMLSyntaxError, ValueError) as err:
        raise Invalid(str(err)) from None
    if etree.QName(root).localname != "svg" or etree.QName(root).namespace != SVG_NS:
        raise Invalid("the file's main element is not <svg>")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        _check_element(element)
    return root


def _check_element(element: _Element) -> None:
    name = etree.QName(element).localname
    if name == "script":
        raise Unsafe("a script")
    if name == "foreignObject":
        raise Unsafe("web content inside the drawing (<foreignObject>)")
    if name == "style" and element.text:
        _check_style(element.text)
    for attribute, raw in element.attrib.items():
        value = raw if isinstance(raw, str) else raw.decode()  # text; the stubs allow bytes
        local = etree.QName(attribute).localname
        if local.lower().startswith("on"):
            raise Unsafe(f"an event handler ({local}=)")
        if local == "href" and not _internal(value):
            raise Unsafe(f"a link to another file or site ({value.strip()[:60]})")
        if local == "style" or "url(" in value.lower():
            _check_style(value)


def _internal(target: str) -> bool:
    target = target.strip()
    return target.startswith("#") or bool(_EMBEDDED.match(target))


def _check_style(css: str) -> None:
    if "@import" in css.lower():
        raise Unsafe("a style that loads another file (@import)")
    for match in _URL.finditer(css):
        if not _internal(match.group("target")):
            raise Unsafe(
                f"a style that loads another file or site (url({match.group('target')[:60]}))"
            )


def size(root: _Element) -> tuple[int, int]:
    """Width and height as a browser sizes the drawing: its width and height
    in pixels, else its viewBox, else the browsers' default 300x150."""
    width, height = (_pixels(root.get(name)) for name in ("width", "height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            box_width, box_height = float(box[2]), float(box[3])
        except ValueError:
            box_width = box_height = 0
        if box_width > 0 and box_height > 0:
            if width and not height:
                height = width * box_height / box_width
            elif height and not width:
                width = height * box_width / box_height
            elif not (width or height):
                width, height = box_width, box_height
    if not (width and height):
        return 300, 150
    return max(1, round(width)), max(1, round(height))


def _pixels(value: str | None) -> float | None:
    match = _LENGTH.match(value or "")
    return float(match.group("number")) if match else None


def cleaned(root: _Element) -> bytes:
    """The drawing without metadata (comments went at parsing) and without
    the elements and attributes of editors' namespaces."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        qname = etree.QName(element)
        if qname.namespace not in KEPT_NAMESPACES or qname.localname == "metadata":
            parent = element.getparent()
            if parent is not None:
                parent.remove(element)
            continue
        for attribute in list(element.attrib):
            namespace = etree.QName(attribute).namespace
            if namespace is not None and namespace not in KEPT_NAMESPACES:
                del element.attrib[attribute]
    etree.cleanup_namespaces(root, keep_ns_prefixes=["xlink"])
    return etree.tostring(root, encoding="utf-8", xml_declaration=False)
