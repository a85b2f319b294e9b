"""Atom and RSS 2.0 feeds, built by feedgen from the blog model.

One code path writes every feed. Times come from the posts (clinic time),
never from the clock, so a feed only changes when a post does.
"""

from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator

from . import clock, site

FORMATS = {
    "atom": ("atom.xml", "application/atom+xml", "Atom"),
    "rss": ("rss.xml", "application/rss+xml", "RSS"),
}


@dataclass(frozen=True)
class FeedLink:
    format: str
    path: str  # output path, relative to the site root
    mime: str
    title: str


def _links(app, folder: str, title: str) -> list[FeedLink]:
    return [
        FeedLink(fmt, f"{folder}/{filename}", mime, f"{title} ({label})")
        for fmt, (filename, mime, label) in FORMATS.items()
    ]


def site_feeds(app) -> list[FeedLink]:
    return _links(app, app.config.blog_path, app.config.blog_title)


def archive_feeds(app, archive) -> list[FeedLink]:
    # Issue: per-archive feeds come with the discovery work; today every
    # archive page points at the site-wide feeds.
    return site_feeds(app)


def write_all(app, model) -> None:
    body_dir = Path(app.doctreedir, "wnyblog-bodies")
    posts = model.recent(app.config.blog_feed_length or len(model.posts))
    for link in site_feeds(app):
        xml = build(app, posts, link, title=app.config.blog_title, body_dir=body_dir)
        _write_if_changed(Path(app.outdir, link.path), xml)


def build(app, posts, link: FeedLink, *, title: str, body_dir: Path) -> bytes:
    config = app.config
    home = config.site_url
    blog_url = site.page_url(app, config.blog_path)
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(blog_url)
    fg.title(title)
    fg.subtitle(config.blog_feed_subtitle or title)
    fg.description(config.blog_feed_subtitle or title)
    fg.link(href=site.absolute(app, link.path), rel="self", type=link.mime)
    fg.link(href=blog_url, rel="alternate")  # last: feedgen makes it the RSS <link>
    fg.language(config.language or "en")
    fg.generator("wnyblog (Sphinx, ABlog, feedgen)")
    fg.author({"name": config.clinic_name, "uri": home})
    newest = None
    for post in posts:
        url = site.page_url(app, post.docname)
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(post.title)
        entry.link(href=url, rel="alternate")
        entry.published(post.date)
        entry.updated(post.updated)
        names = [
            app.config.blog_authors[a][0] if a in app.config.blog_authors else a
            for a in post.authors
        ]
        entry.author(
            [
                {"name": name, "uri": site.page_url(app, archive.pagename)}
                for name, archive in zip(names, post.author_archives, strict=True)
            ]
        )
        entry.dc.dc_creator(names)
        for tag in post.tags:
            entry.category(term=tag, label=tag)
        if post.excerpt:
            entry.summary(post.excerpt)
        body = body_dir / (post.docname + ".html")
        if body.exists():
            entry.content(body.read_text(encoding="utf-8"), type="html")
        newest = max(newest or post.updated, post.updated)
    # An empty feed still needs a fixed time: the sources' own clock.
    fg.updated(newest or clock.source_date())
    if link.format == "atom":
        return fg.atom_str(pretty=True)
    return fg.rss_str(pretty=True)


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
