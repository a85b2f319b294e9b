"""The page a reader gets at an address that does not exist, at any depth.

GitHub Pages answers every missing path under the site with its root
``404.html``, so that page cannot use relative links: sphinx-notfound-page
rewrites its links, styles and scripts into absolute paths under the site's
path prefix (taken from ``site_url``). This module writes the page at
``404.html`` itself: the dirhtml builder would put it at ``404/index.html``,
where no host looks for it.
"""

from collections.abc import Callable
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config

from ..site import address

PAGENAME = "404"
TEMPLATE = "blog/notfound.html"
TITLE = "Page not found"


def configure(config: Config) -> None:
    """At ``config-inited``, after ``site.address.configure``: the prefix follows
    where the site is served. (``upstream.adapt_notfound`` sets the extension up.)"""
    config.notfound_urls_prefix = address.served_path(config.site_url)
    config.notfound_pagename = PAGENAME
    config.notfound_template = TEMPLATE
    config.notfound_context = {"title": TITLE}


def write(app: Sphinx) -> None:
    """Render the page to ``404.html`` at the root of the site."""
    builder = cast(StandaloneHTMLBuilder, app.builder)  # html-collect-pages: an HTML build
    if builder.embedded:
        return
    builder.handle_page(
        PAGENAME, {"title": TITLE}, TEMPLATE, outfilename=Path(app.outdir, "404.html")
    )


def page_context(app: Sphinx, pagename: str, context: dict[str, object]) -> None:
    """The 404 page's template context: it has no address of its own."""
    if pagename != PAGENAME:
        return
    prefix: str = app.config.notfound_urls_prefix
    context["pageurl"] = None  # no canonical link
    context["content_root"] = prefix
    absolute = cast(Callable[..., str], context["pathto"])  # sphinx-notfound-page's

    def pathto(target: str, resource: bool = False, *args: object) -> str:
        # Under dirhtml the home page's address is empty, which
        # sphinx-notfound-page turns into "#", a link to the 404 page itself.
        if not resource and target == app.config.root_doc:
            return prefix
        return absolute(target, resource, *args)

    context["pathto"] = pathto
