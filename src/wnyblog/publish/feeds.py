"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the whole blog and for every tag,
category and author.

One code path: :func:`feed` gathers what a feed says from the blog model, once
per archive, and every format writes that same data (feedgen for Atom and RSS,
:mod:`jsonfeed` for JSON Feed). Times come from the posts (clinic time), never
from the clock, so a feed only changes when a post does.
"""

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator

from ..posts import dates
from ..site import address
from ..speed import incremental
from . import images, jsonfeed
from .output import write_if_changed

FORMATS = {
    "atom": ("atom.xml", "application/atom+xml", "Atom"),
    "rss": ("rss.xml", "application/rss+xml", "RSS"),
    "json": ("feed.json", "application/feed+json", "JSON Feed"),
}
# A year's archive gets no feed of its own: a feed announces new posts, and a
# past year never has any. Its page points at the whole blog's feeds.
ARCHIVES_WITH_FEEDS = ("all", "tag", "category", "author")
GENERATOR = "wnyblog (Sphinx, ABlog, feedgen)"


@dataclass(frozen=True)
class FeedLink:
    format: str
    path: str  # output path, relative to the site root
    mime: str
    title: str  # announced in <link rel="alternate">
    label: str  # the format's name: Atom, RSS, JSON Feed
    topic: str  # what it follows: "all posts", "posts tagged “sleep”"
    name: str  # accessible name of a link to it: "Atom feed of all posts"


def _links(app, folder: str, title: str, topic: str) -> list[FeedLink]:
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


@dataclass(frozen=True)
class Person:
    name: str
    url: str


@dataclass(frozen=True)
class Entry:
    id: str  # the post's canonical URL: stable when only its text changes
    url: str
    title: str
    summary: str
    content_html: str | None
    published: dt.datetime
    updated: dt.datetime
    authors: tuple[Person, ...]
    tags: tuple[str, ...]
    image: images.Image | None


@dataclass(frozen=True)
class Feed:
    title: str
    subtitle: str
    home_url: str  # the archive page the feed follows
    links: tuple[FeedLink, ...]
    urls: dict  # format -> absolute URL of that feed file
    language: str
    publisher: Person
    icon: images.Image | None
    favicon: images.Image | None
    logo: images.Image | None
    entries: tuple[Entry, ...]
    updated: dt.datetime


def feed_title(app, archive) -> str:
    if archive.kind == "all":
        return app.config.blog_title
    return f"{app.config.blog_title}: {archive.title}"


def site_feeds(app) -> list[FeedLink]:
    """The whole blog's feeds, announced by every page that has none of its own."""
    return _links(app, app.config.blog_path, app.config.blog_title, "all posts")


def archive_feeds(app, archive) -> list[FeedLink]:
    """The feeds of one archive page: its own, or the whole blog's for a year."""
    if archive.kind not in ARCHIVES_WITH_FEEDS:
        return site_feeds(app)
    topic = archive.title[:1].lower() + archive.title[1:]
    return _links(app, archive.pagename, feed_title(app, archive), topic)


def person(app, key: str, archive) -> Person:
    """An author by key: the link conf.py gives, else their archive page."""
    name, link = (app.config.blog_authors.get(key) or (key, None))[:2]
    return Person(name, link or address.page_url(app, archive.pagename))


def publisher(app) -> Person:
    return Person(app.config.clinic_name, app.config.clinic_website or app.config.site_url)


def entry(app, post, body_dir: Path) -> Entry:
    url = address.page_url(app, post.docname)
    body = body_dir / (post.docname + ".html")
    return Entry(
        id=url,
        url=url,
        title=post.title,
        summary=post.excerpt,
        content_html=body.read_text(encoding="utf-8") if body.exists() else None,
        published=post.date,
        updated=post.updated,
        authors=tuple(
            person(app, key, archive)
            for key, archive in zip(post.authors, post.author_archives, strict=True)
        ),
        tags=tuple(post.tags),
        image=images.cover(app, post),
    )


def feed(app, archive, body_dir: Path) -> Feed:
    """Everything one archive's feeds say, whatever the format."""
    config = app.config
    posts = archive.posts[: config.blog_feed_length or len(archive.posts)]
    entries = tuple(entry(app, post, body_dir) for post in posts)
    links = tuple(archive_feeds(app, archive))
    pictures = images.site_images(app)
    subtitle = config.blog_feed_subtitle or config.blog_title
    if archive.kind != "all":
        subtitle = f"{archive.title}, from {config.blog_title}"
    return Feed(
        title=feed_title(app, archive),
        subtitle=subtitle,
        home_url=address.page_url(app, archive.pagename),
        links=links,
        urls={link.format: address.absolute(app, link.path) for link in links},
        language=config.language or "en",
        publisher=publisher(app),
        icon=pictures["site_icon"],
        favicon=pictures["site_favicon"],
        logo=pictures["site_logo"],
        entries=entries,
        # An empty feed still needs a fixed time: the sources' own clock.
        updated=max((e.updated for e in entries), default=None) or dates.source_date(),
    )


def pending(app, model) -> list:
    """Jobs that write every feed of every archive that has feeds, in every
    format, leaving out those whose data did not change since the last build."""
    body_dir = Path(app.doctreedir, "wnyblog-bodies")
    jobs = []
    for archive in model.archives():
        if archive.kind not in ARCHIVES_WITH_FEEDS:
            continue
        data = feed(app, archive, body_dir)
        for link in data.links:
            # Rendering sixty feeds costs more than comparing what they say.
            if not incremental.file_unchanged(app, link.path, (link.format, data)):
                path = Path(app.outdir, link.path)
                jobs.append(functools.partial(_write, path, data, link.format))
    return jobs


def _write(path: Path, data: Feed, fmt: str) -> None:
    write_if_changed(path, render(data, fmt))


def paths(app, model) -> list[str]:
    """The files the jobs of :func:`pending` write, relative to the site root."""
    return [
        link.path
        for archive in model.archives()
        if archive.kind in ARCHIVES_WITH_FEEDS
        for link in archive_feeds(app, archive)
    ]


def render(data: Feed, fmt: str) -> bytes:
    if fmt == "json":
        return jsonfeed.render(data)
    return _feedgen(data, fmt)


def _feedgen(data: Feed, fmt: str) -> bytes:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(data.home_url)
    fg.title(data.title)
    fg.subtitle(data.subtitle)
    fg.description(data.subtitle)
    fg.link(href=data.urls[fmt], rel="self", type=FORMATS[fmt][1])
    fg.link(href=data.home_url, rel="alternate")  # last: feedgen makes it the RSS <link>
    fg.language(data.language)
    fg.generator(GENERATOR)
    fg.author({"name": data.publisher.name, "uri": data.publisher.url})
    if data.icon:
        fg.icon(data.icon.url)
    if data.logo:
        # RSS's <image> must repeat the channel's title and link exactly.
        fg.image(
            url=data.logo.url,
            title=data.title,
            link=data.home_url,
            width=str(data.logo.width),
            height=str(data.logo.height),
        )
    for item in data.entries:
        fe = fg.add_entry(order="append")
        fe.id(item.id)
        fe.guid(item.id, permalink=True)
        fe.title(item.title)
        fe.link(href=item.url, rel="alternate")
        fe.published(item.published)
        fe.updated(item.updated)
        fe.author([{"name": a.name, "uri": a.url} for a in item.authors])
        fe.dc.dc_creator([a.name for a in item.authors])
        for tag in item.tags:
            fe.category(term=tag, label=tag)
        if item.summary:
            fe.summary(item.summary)
        if item.content_html is not None:
            fe.content(item.content_html, type=_content_type(item.content_html, fmt))
    fg.updated(data.updated)
    # Not indented: feeds are read by programs, and every byte is fetched again and again.
    if fmt == "atom":
        return fg.atom_str(pretty=False)
    return fg.rss_str(pretty=False)


def _content_type(content: str, fmt: str) -> str:
    """How feedgen writes HTML content: in RSS a CDATA section (the markup as
    it is, not escaped: smaller); in Atom escaped text of type "html", the only
    form Atom has for HTML that need not be well-formed XML."""
    return "CDATA" if fmt == "rss" and "]]>" not in content else "html"
