"""Every feed of a built site, whatever its format, read into one shape.

Parsed with lxml and json directly (feedparser forgives relative links,
duplicate ids and odd dates), so the tests check what a feed reader receives.
"""

import email.utils
import json
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
NS = {
    "a": "http://www.w3.org/2005/Atom",
    "dc": "http://purl.org/dc/elements/1.1/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
}
FILES = {"atom.xml": "atom", "rss.xml": "rss", "feed.json": "json"}
MIME = {
    "atom": "application/atom+xml",
    "rss": "application/rss+xml",
    "json": "application/feed+json",
}


@dataclass
class Entry:
    id: str
    url: str
    title: str
    published: datetime
    updated: datetime | None
    authors: list  # of (name, url or None)
    tags: list
    content: str | None
    summary: str | None
    image: str | None = None


@dataclass
class Feed:
    path: str  # relative to the site root
    format: str
    title: str
    subtitle: str
    self_url: str
    home_url: str
    language: str
    updated: datetime
    images: list  # URLs of icon, logo, favicon
    entries: list = field(default_factory=list)
    raw: object = None  # the parsed document


def feed_files(site) -> list[str]:
    return sorted(
        p.relative_to(site.root).as_posix() for name in FILES for p in site.root.rglob(name)
    )


def read(site, rel: str) -> Feed:
    fmt = FILES[rel.rsplit("/", 1)[-1]]
    return {"atom": _atom, "rss": _rss, "json": _json}[fmt](site.root / rel, rel)


def _time(text):
    return datetime.fromisoformat(text) if text else None


def _atom(path, rel) -> Feed:
    root = etree.parse(str(path)).getroot()
    assert root.tag == ATOM + "feed"
    feed = Feed(
        path=rel,
        format="atom",
        title=root.findtext(ATOM + "title"),
        subtitle=root.findtext(ATOM + "subtitle"),
        self_url=root.find(ATOM + "link[@rel='self']").get("href"),
        home_url=root.find(ATOM + "link[@rel='alternate']").get("href"),
        language=root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        updated=_time(root.findtext(ATOM + "updated")),
        images=[root.findtext(ATOM + "icon"), root.findtext(ATOM + "logo")],
        raw=root,
    )
    for e in root.findall(ATOM + "entry"):
        feed.entries.append(
            Entry(
                id=e.findtext(ATOM + "id"),
                url=e.xpath("a:link[not(@rel) or @rel='alternate']/@href", namespaces=NS)[0],
                title=e.findtext(ATOM + "title"),
                published=_time(e.findtext(ATOM + "published")),
                updated=_time(e.findtext(ATOM + "updated")),
                authors=[
                    (a.findtext(ATOM + "name"), a.findtext(ATOM + "uri"))
                    for a in e.findall(ATOM + "author")
                ],
                tags=[c.get("term") for c in e.findall(ATOM + "category")],
                content=e.findtext(ATOM + "content"),
                summary=e.findtext(ATOM + "summary"),
                image=_media(e),
            )
        )
    return feed


def _media(element) -> str | None:
    """The picture an Atom entry or RSS item shows, as Media RSS gives it: one
    image with its size, the same as content and as thumbnail."""
    contents = element.findall("media:content", NS)
    thumbnails = element.findall("media:thumbnail", NS)
    if not contents and not thumbnails:
        return None
    [content], [thumbnail] = contents, thumbnails
    assert content.get("medium") == "image" and content.get("type", "").startswith("image/")
    for key in ("url", "width", "height"):
        assert content.get(key) and content.get(key) == thumbnail.get(key), key
    return content.get("url")


def _rfc822(text):
    return email.utils.parsedate_to_datetime(text) if text else None


def _rss(path, rel) -> Feed:
    root = etree.parse(str(path)).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    feed = Feed(
        path=rel,
        format="rss",
        title=channel.findtext("title"),
        subtitle=channel.findtext("description"),
        self_url=channel.find("a:link[@rel='self']", NS).get("href"),
        home_url=channel.findtext("link"),
        language=channel.findtext("language"),
        updated=_rfc822(channel.findtext("lastBuildDate")),
        images=[channel.findtext("image/url")],
        raw=root,
    )
    for item in channel.findall("item"):
        guid = item.find("guid")
        feed.entries.append(
            Entry(
                id=guid.text if guid.get("isPermaLink") == "true" else None,
                url=item.findtext("link"),
                title=item.findtext("title"),
                published=_rfc822(item.findtext("pubDate")),
                updated=None,  # RSS has no per-item update time
                authors=[(c.text, None) for c in item.findall("dc:creator", NS)],
                tags=[c.text for c in item.findall("category")],
                content=item.findtext("content:encoded", namespaces=NS),
                summary=item.findtext("description"),
                image=_media(item),
            )
        )
    return feed


def _json(path, rel) -> Feed:
    data = json.loads(path.read_text(encoding="utf-8"))
    feed = Feed(
        path=rel,
        format="json",
        title=data.get("title"),
        subtitle=data.get("description"),
        self_url=data.get("feed_url"),
        home_url=data.get("home_page_url"),
        language=data.get("language"),
        updated=max((_time(i["date_modified"]) for i in data["items"]), default=None),
        images=[data.get("icon"), data.get("favicon")],
        raw=data,
    )
    for item in data["items"]:
        feed.entries.append(
            Entry(
                id=item["id"],
                url=item.get("url"),
                title=item.get("title"),
                published=_time(item.get("date_published")),
                updated=_time(item.get("date_modified")),
                authors=[(a.get("name"), a.get("url")) for a in item.get("authors", [])],
                tags=item.get("tags", []),
                content=item.get("content_html"),
                summary=item.get("summary"),
                image=item.get("image"),
            )
        )
    return feed
