"""The WNY Psychiatry & Counseling Associates blog, as a Sphinx extension.

ABlog reads the posts; this extension checks them, keeps drafts and scheduled
posts out of the published site, and writes the archive pages, feeds and
discovery data, with Furo's layout. ``setup()`` only registers: what happens
at each Sphinx event is in ``events/``, one module per event, connected below
in the order Sphinx emits them. ARCHITECTURE.md follows a post through them.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: "Sphinx") -> dict[str, str | bool]:
    # Imported here, not at the top: the build's front end (speed/frontend.py)
    # lives in this package and must decide whether to build without paying
    # for Sphinx's imports.
    from . import config_values, upstream
    from .checks import checkbuild, insertion
    from .events import (
        build_finished,
        builder_inited,
        config_inited,
        doctree_read,
        doctree_resolved,
        env_before_read_docs,
        env_get_outdated,
        env_get_updated,
        env_updated,
        html_collect_pages,
        html_page_context,
    )
    from .posts.records import PostFrontMatter, PostRecords
    from .publish import math
    from .site import directives, placeholders
    from .speed import asset_checksums, docutils_settings, myst_yaml

    app.setup_extension("myst_parser")
    app.setup_extension("ablog")
    upstream.adapt_ablog(app)
    upstream.adapt_notfound(app)
    docutils_settings.install()
    myst_yaml.install()
    asset_checksums.install()
    config_values.register(app)
    math.register(app)

    app.add_builder(checkbuild.CheckBuilder)  # `blog check` (cli/check.py)
    app.add_transform(PostFrontMatter)
    # Per-document data, with Sphinx's lifecycle (read, purged, merged from
    # parallel readers). After ABlog's setup: a post's record reads ABlog's.
    app.add_env_collector(PostRecords)
    app.add_env_collector(directives.FragmentsCollector)
    app.add_env_collector(checkbuild.LinksCollector)
    # Pages read only files in their own folder (a post) or docs/ (a page).
    insertion.install(app)
    app.add_node(directives.blog_fragment)
    app.add_node(placeholders.blog_html, html=(placeholders.visit_blog_html, None))
    for name, directive in directives.DIRECTIVES.items():
        app.add_directive(name, directive)
    app.add_css_file("blog.css")
    app.add_js_file("drawers.js")

    app.connect("config-inited", config_inited.handle)
    app.connect("builder-inited", builder_inited.handle)
    app.connect("env-get-outdated", env_get_outdated.handle)
    app.connect("env-before-read-docs", env_before_read_docs.handle)
    app.connect("doctree-read", doctree_read.handle)
    app.connect("env-updated", env_updated.handle)
    app.connect("env-get-updated", env_get_updated.handle)
    app.connect("doctree-resolved", doctree_resolved.handle)
    app.connect("html-page-context", html_page_context.first, priority=html_page_context.FIRST)
    app.connect("html-page-context", html_page_context.handle)
    app.connect("html-collect-pages", html_collect_pages.handle)
    app.connect("build-finished", build_finished.handle)
    return {
        "version": __version__,
        # No env_version: Sphinx would publish it in searchindex.js. New code
        # still means a full rebuild (speed/codeversion.py).
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
