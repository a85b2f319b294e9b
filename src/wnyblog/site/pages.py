"""The pages the blog adds beside the writers' documents: every page of every
archive listing (all posts, years, tags, categories, authors), the index page
of each kind of archive, and a redirect page at each moved post's old address.
Also the chronological neighbours a post page links to.

Each comes as (page name, template context, template), rendered with the
templates in ``templates/blog/`` (``archive.html``, ``catalog.html``,
``redirect.html``).
"""

from collections.abc import Iterator

from sphinx.application import Sphinx
from sphinx.config import Config

from ..checks.redirects import pagename as redirect_pagename
from . import address, feedlinks
from .model import Archive, ArchivePage, Blog, PublishedPost

# A page the blog adds: its name, its template context, its template.
Page = tuple[str, dict[str, object], str]


def configure(config: Config) -> None:
    """At ``config-inited``: no general index. Sphinx's ``genindex`` lists
    index entries, which posts do not make: on a blog it is an empty "Index"
    page that search results and ``<link rel="index">`` lead readers to."""
    config.html_use_index = False


def generated_pages(app: Sphinx, model: Blog) -> Iterator[Page]:
    """(page name, context, template) of every page the blog generates, in
    order; a later page of the same name replaces an earlier one."""
    for archive in model.archives():
        archive_feeds = feedlinks.archive_feeds(app, archive)
        for page in archive.pages:
            yield (
                page.pagename,
                {
                    **_author(app, archive, page.number),
                    "title": page.title,
                    "archive": archive,
                    "archive_page": page,
                    "blog_feeds": archive_feeds,
                    # Furo's <link rel="prev|next"> and footer follow the pager.
                    "prev": _link(app, page.pagename, page.newer_page),
                    "next": _link(app, page.pagename, page.older_page),
                },
                "blog/archive.html",
            )
    for catalog in model.catalogs:
        yield catalog.pagename, {"title": catalog.title, "catalog": catalog}, "blog/catalog.html"
    for post in model.posts:
        for old in post.redirect_from:
            yield (
                redirect_pagename(old),
                {
                    "title": post.title,
                    "target": post,
                    "target_url": address.page_url(app, post.docname),
                },
                "blog/redirect.html",
            )


def _author(app: Sphinx, archive: Archive, number: int) -> dict[str, object]:
    """An author page opens with the profile and, on its first page, lists the
    posts the author reviewed (in the context, so the page's key follows them)."""
    if archive.kind != "author":
        return {}
    link = (app.config.blog_authors.get(archive.key) or (None, None))[1]
    return {
        "author_profile": archive.profile,
        "author_photo": archive.photo,
        "author_link": link,
        "reviewed_posts": archive.reviewed if number == 1 else [],
    }


def post_neighbours(app: Sphinx, post: PublishedPost) -> dict[str, dict[str, str] | None]:
    """A post page's previous (older) and next (newer) posts. They replace
    Furo's toctree neighbours (posts are outside the toctree): Furo's footer
    and ``<link rel="prev|next">`` use them."""
    return {
        "prev": _link(app, post.docname, post.older),
        "next": _link(app, post.docname, post.newer),
    }


def _link(
    app: Sphinx,
    pagename: str,
    target: ArchivePage | PublishedPost | None,
) -> dict[str, str] | None:
    if target is None:
        return None
    target_name = target.pagename if isinstance(target, ArchivePage) else target.docname
    return {"link": app.builder.get_relative_uri(pagename, target_name), "title": target.title}
