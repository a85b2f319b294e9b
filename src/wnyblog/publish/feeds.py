"""Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the whole blog and for every tag,
category and author.

One code path: :func:`feed` gathers what a feed says from the blog model, once
per archive, and every format writes that same data (feedgen for Atom and RSS,
:mod:`jsonfeed` for JSON Feed). Times come from the posts (clinic time), never
from the clock, so a feed only changes when a post does.
"""

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from feedgen.feed import FeedGenerator
from sphinx.application import Sphinx

from ..posts import dates
from ..site import address
from ..site.feedlinks import (
    FORMATS,
    FeedLink,
    archive_feeds,
    feed_title,
    has_own_feeds,
)
from ..site.model import Archive, ArchiveKind, Blog, PublishedPost
from . import feed_content, jsonfeed, site_images
from .output import write_if_changed
from .pictures import markup

GENERATOR = "wnyblog (Sphinx, ABlog, feedgen)"


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
    image: site_images.Image | None


@dataclass(frozen=True)
class Feed:
    title: str
    subtitle: str
    home_url: str  # the archive page the feed follows
    links: tuple[FeedLink, ...]
    urls: dict[str, str]  # format -> absolute URL of that feed file
    language: str
    publisher: Person
    icon: site_images.Image | None
    favicon: site_images.Image | None
    logo: site_images.Image | None
    entries: tuple[Entry, ...]
    updated: dt.datetime


def person(app: Sphinx, key: str, archive: Archive) -> Person:
    """An author by key: the link conf.py gives, else their archive page."""
    name, link = (app.config.blog_authors.get(key) or (key, None))[:2]
    return Person(name, link or address.page_url(app, archive.pagename))


def publisher(app: Sphinx) -> Person:
    return Person(app.config.clinic_name, app.config.clinic_website or app.config.site_url)


def entry(app: Sphinx, post: PublishedPost, body_dir: Path) -> Entry:
    url = address.page_url(app, post.docname)
    body = feed_content.body_file(body_dir, post.docname)
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
        image=markup.preview(app, post),
    )


def feed(
    app: Sphinx, archive: Archive, body_dir: Path, made: dict[str, Entry] | None = None
) -> Feed:
    """Everything one archive's feeds say, whatever the format. *made* holds
    the entries made for other feeds: a post is in several (all posts, its
    category, its tags, its year), and an entry reads the post's feed HTML."""
    config = app.config
    posts = archive.posts[: config.blog_feed_length or len(archive.posts)]
    made = {} if made is None else made
    for post in posts:
        if post.docname not in made:
            made[post.docname] = entry(app, post, body_dir)
    entries = tuple(made[post.docname] for post in posts)
    links = tuple(archive_feeds(app, archive))
    pictures = site_images.by_setting(app)
    subtitle = config.blog_feed_subtitle or config.blog_title
    if archive.kind is not ArchiveKind.ALL:
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


def every_feed(app: Sphinx, model: Blog) -> Iterator[tuple[Feed, str]]:
    """What every archive that has feeds says, and a digest of it: :func:`write`
    writes it at each of its ``links``, in every format. A post is in several
    feeds (all posts, its category, its tags, its year): its entry is made and
    digested once."""
    body_dir = feed_content.body_folder(app)
    made: dict[str, Entry] = {}
    digests: dict[str, str] = {}  # entry id -> digest of the entry
    for archive in model.archives():
        if has_own_feeds(archive):
            data = feed(app, archive, body_dir, made)
            yield data, _digest(data, digests)


def _digest(data: Feed, digests: dict[str, str]) -> str:
    """A digest of everything *data* says (frozen dataclasses: their repr is
    stable), with its entries' digests taken from, or added to, *digests*."""
    for item in data.entries:
        if item.id not in digests:
            digests[item.id] = hashlib.sha256(repr(item).encode()).hexdigest()
    shown = (replace(data, entries=()), [digests[item.id] for item in data.entries])
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def write(outdir: str, link: FeedLink, data: Feed) -> None:
    write_if_changed(Path(outdir, link.path), render(data, link.format))


def paths(app: Sphinx, model: Blog) -> list[str]:
    """The files :func:`every_feed` describes, relative to the site root."""
    return [
        link.path
        for archive in model.archives()
        if has_own_feeds(archive)
        for link in archive_feeds(app, archive)
    ]


def render(data: Feed, fmt: str) -> bytes:
    if fmt == "json":
        return jsonfeed.render(data)
    return _feedgen(data, fmt)


def _feedgen(data: Feed, fmt: str) -> bytes:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.load_extension("media")
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
        if item.image is not None:
            # Media RSS is where feed readers look for an entry's picture, in
            # Atom and RSS alike: the 1200-px JPEG link previews use.
            size = {"width": str(item.image.width), "height": str(item.image.height)}
            fe.media.content(
                url=item.image.url, medium="image", type=item.image.mime, group=None, **size
            )
            fe.media.thumbnail(url=item.image.url, group=None, **size)
    fg.updated(data.updated)
    # Not indented: feeds are read by programs, and every byte is fetched again and again.
    written: bytes = fg.atom_str(pretty=False) if fmt == "atom" else fg.rss_str(pretty=False)
    return written


def _content_type(content: str, fmt: str) -> str:
    """How feedgen writes HTML content: in RSS a CDATA section (the markup as
    it is, not escaped: smaller); in Atom escaped text of type "html", the only
    form Atom has for HTML that need not be well-formed XML."""
    return "CDATA" if fmt == "rss" and "]]>" not in content else "html"
