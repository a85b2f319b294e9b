"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) from the same data as the
Atom and RSS feeds.

Every required and recommended field of the specification is written; keys are
sorted so the same posts always give the same bytes.
"""

import json

VERSION = "https://jsonfeed.org/version/1.1"


def _author(person) -> dict:
    return {"name": person.name, "url": person.url}


def _item(entry) -> dict:
    item = {
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


def render(feed) -> bytes:
    data = {
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
