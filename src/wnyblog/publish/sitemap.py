"""sitemap.xml and robots.txt, from the sources and the blog model.

Every published page once, in a fixed order; never the search page, the
general index, the 404 page or a moved post's old address. ``lastmod`` is a
date the content really changed: a post's updated date, the newest post of a
listing, else the last commit of the page's source file. When git cannot say
(no repository, a shallow clone, an uncommitted file) there is no ``lastmod``
rather than a guess or the build time.

A pull-request preview publishes neither file: nothing there may lead a
search engine to pages that are not the blog (its pages say ``noindex``).
"""

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import cast

from lxml import etree
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..gitrun import git
from ..posts import dates
from ..site import address
from ..site.model import Blog
from .output import write_if_changed

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@cache
def _full_history(folder: str) -> bool:
    return git(folder, "rev-parse", "--is-shallow-repository") == "false"


def committed(path: Path) -> dt.datetime | None:
    """When *path* last changed in git (clinic time), if git has its whole history."""
    folder = str(path.parent)
    if not _full_history(folder):
        return None
    stamp = git(folder, "log", "-1", "--format=%cI", "--", path.name)
    return dt.datetime.fromisoformat(stamp).astimezone(dates.CLINIC_TZ) if stamp else None


def entries(app: Sphinx, model: Blog) -> list[tuple[str, dt.datetime | None]]:
    """(URL, lastmod) of every published page, sorted by URL."""
    env = app.env
    pages: dict[str, dt.datetime | None] = {}
    newest = max((p.updated for p in model.posts), default=None)
    for docname in env.found_docs:
        post = model.by_docname.get(docname)
        if post is not None:
            pages[docname] = post.updated
            continue
        changed = committed(Path(env.doc2path(docname)))
        # A page that lists the latest posts changes when a post does.
        if env.metadata.get(docname, {}).get("wnyblog-lists-posts") and newest:
            changed = max(d for d in (changed, newest) if d)
        pages[docname] = changed
    for archive in model.archives():
        # Every page of a listing shifts when a post is added: they change together.
        for page in archive.pages:
            # A reviewer's page with no post of their own changes with what they
            # reviewed; an empty blog's one listing page has no date at all.
            shown = archive.posts or archive.reviewed
            pages[page.pagename] = max((p.updated for p in shown), default=None)
    for catalog in model.catalogs:
        pages[catalog.pagename] = max(
            (p.updated for archive in catalog for p in archive.posts), default=None
        )
    return sorted((address.page_url(app, name), when) for name, when in pages.items())


def sitemap_xml(urls: Iterable[tuple[str, dt.datetime | None]]) -> bytes:
    # The default namespace's key is None, which lxml's stubs do not allow.
    root = etree.Element(f"{{{NS}}}urlset", nsmap={None: NS})  # type: ignore[dict-item]
    for url, when in urls:
        item = etree.SubElement(root, f"{{{NS}}}url")
        etree.SubElement(item, f"{{{NS}}}loc").text = url
        if when is not None:
            etree.SubElement(item, f"{{{NS}}}lastmod").text = when.isoformat()
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


FILES = ("sitemap.xml", "robots.txt")


def paths(app: Sphinx) -> list[str]:
    """The files :func:`write` publishes (relative to the site)."""
    return [] if app.config.site_pull_request_preview else list(FILES)


def write(app: Sphinx, model: Blog) -> None:
    if not paths(app):
        return
    out = Path(app.outdir)
    write_if_changed(out / "sitemap.xml", sitemap_xml(entries(app, model)))
    robots: str = cast(StandaloneHTMLBuilder, app.builder).templates.render(
        "blog/robots.txt", {"sitemap_url": address.absolute(app, "sitemap.xml")}
    )
    write_if_changed(out / "robots.txt", robots.encode("utf-8"))
