"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from the same data as the
Atom and RSS feeds.

Every required and recommended field of the specification is written; keys are
sorted so the same posts always give the same bytes.
"""

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Protocol

from .site_images import Image


# What this module reads of feeds.py's Person, Entry and Feed (feeds.py
# imports this module, so it names their shape, not the classes).
class _Person(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def url(self) -> str: ...


class _Entry(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def content_html(self) -> str | None: ...
    @property
    def published(self) -> dt.datetime: ...
    @property
    def updated(self) -> dt.datetime: ...
    @property
    def authors(self) -> Iterable[_Person]: ...
    @property
    def tags(self) -> Iterable[str]: ...
    @property
    def image(self) -> Image | None: ...


class _Feed(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def subtitle(self) -> str: ...
    @property
    def home_url(self) -> str: ...
    @property
    def urls(self) -> Mapping[str, str]: ...
    @property
    def language(self) -> str: ...
    @property
    def publisher(self) -> _Person: ...
    @property
    def icon(self) -> Image | None: ...
    @property
    def favicon(self) -> Image | None: ...
    @property
    def entries(self) -> Iterable[_Entry]: ...


VERSION = "https://jsonfeed.org/version/1.1"


def _author(person: _Person) -> dict[str, str]:
    return {"name": person.name, "url": person.url}


def _item(entry: _Entry) -> dict[str, object]:
    item: dict[str, object] = {
        "id": entry.id,
        "url": entry.url,
        "title": entry.title,
        "summary": entry.summary,
        "date_published": entry.published.isoformat(),
        "date_modified": entry.updated.isoformat(),
        "authors": [_author(a) for a in entry.authors],
        "tags": list(entry.tags),
    }
    # A post always has text: the cached article body, else its summary.
    if entry.content_html is not None:
        item["content_html"] = entry.content_html
    else:
        item["content_text"] = entry.summary
    if entry.image is not None:
        item["image"] = entry.image.url
    return item


def render(feed: _Feed) -> bytes:
    data: dict[str, object] = {
        "version": VERSION,
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.urls["json"],
        "description": feed.subtitle,
        "authors": [_author(feed.publisher)],
        "language": feed.language,
        "items": [_item(entry) for entry in feed.entries],
    }
    for key, image in (("icon", feed.icon), ("favicon", feed.favicon)):
        if image is not None:
            data[key] = image.url
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text + "\n").encode("utf-8")
