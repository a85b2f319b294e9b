"""Which feeds the blog has and where: the whole blog's, and one set per tag,
category and author archive, each in Atom, RSS and JSON Feed.

Pages announce and link these addresses (``<link rel="alternate">``, the feed
links on archive pages); ``publish.feeds`` writes the files at them.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sphinx.application import Sphinx

if TYPE_CHECKING:
    from .model import Archive


from .model import Archive, ArchiveKind

# format -> (file name, media type, the format's name)
FORMATS = {
    "atom": ("atom.xml", "application/atom+xml", "Atom"),
    "rss": ("rss.xml", "application/rss+xml", "RSS"),
    "json": ("feed.json", "application/feed+json", "JSON Feed"),
}
# A year's archive gets no feed of its own: a feed announces new posts, and a
# past year never has any. Its page points at the whole blog's feeds.
ARCHIVES_WITH_FEEDS = (ArchiveKind.ALL, ArchiveKind.TAG, ArchiveKind.CATEGORY, ArchiveKind.AUTHOR)


@dataclass(frozen=True)
class FeedLink:
    format: str
    path: str  # output path, relative to the site root
    mime: str
    title: str  # announced in <link rel="alternate">
    label: str  # the format's name: Atom, RSS, JSON Feed
    topic: str  # what it follows: "all posts", "posts tagged “sleep”"
    name: str  # accessible name of a link to it: "Atom feed of all posts"


def _links(folder: str, title: str, topic: str) -> list[FeedLink]:
    return [
        FeedLink(
            format=fmt,
            path=f"{folder}/{filename}",
            mime=mime,
            title=f"{title} ({label})",
            label=label,
            topic=topic,
            name=f"{label}{'' if label.endswith('Feed') else ' feed'} of {topic}",
        )
        for fmt, (filename, mime, label) in FORMATS.items()
    ]


def feed_title(app: Sphinx, archive: Archive) -> str:
    if archive.kind is ArchiveKind.ALL:
        return str(app.config.blog_title)
    return f"{app.config.blog_title}: {archive.title}"


def site_feeds(app: Sphinx) -> list[FeedLink]:
    """The whole blog's feeds, announced by every page that has none of its own."""
    return _links(app.config.blog_path, app.config.blog_title, "all posts")


def has_own_feeds(archive: "Archive") -> bool:
    """Whether an archive has feeds of its own: not a year's, nor the page of
    a reviewer who wrote no post (an empty feed would announce nothing)."""
    return archive.kind in ARCHIVES_WITH_FEEDS and bool(archive.posts)


def archive_feeds(app: Sphinx, archive: "Archive") -> list[FeedLink]:
    """The feeds of one archive page: its own, or the whole blog's for a year
    (and for a reviewer who wrote nothing)."""
    if not has_own_feeds(archive):
        return site_feeds(app)
    topic = archive.title[:1].lower() + archive.title[1:]
    return _links(archive.pagename, feed_title(app, archive), topic)
