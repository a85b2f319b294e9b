"""``html-collect-pages``: every document is written; the extra pages come now.

Every archive and index page, in the preview the problems of each post it
could not read (at the post's address), the feeds, the 404 page, the pictures,
the sitemap, robots.txt, the search page and the writers' editor at admin/. A
listing page or feed is written only when what it shows changed since the last
build. They are written here, spread over the build's processes, so nothing is
left for Sphinx to write one by one.
"""

import functools

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..publish import editor, feeds, notfound, search_index, sitemap
from ..publish.pictures import prepare
from ..site import context, pages, problem_pages
from ..speed import incremental, parallel_pages


def handle(app: Sphinx) -> list[tuple[str, dict[str, object], str]]:
    model = context.blog(app)
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)  # html-collect-pages is the HTML builder's
    # The preview's pages of posts it could not read are few: written here, always.
    for pagename, page_context, template in problem_pages.problem_pages(app):
        builder.handle_page(pagename, page_context, template)
    # Every indexed page is written: the indexer runs beside what follows,
    # from finding which listings and feeds changed on.
    search_index.start(app, model)
    # A later page of the same name replaces an earlier one, as in writing them in order.
    listing_pages = {
        pagename: functools.partial(builder.handle_page, pagename, page_context, template)
        for pagename, page_context, template in pages.generated_pages(app, model)
        if not incremental.unchanged(app, pagename, template, page_context)
    }
    # Rendering sixty feeds costs more than comparing what they say.
    feed_files = [
        functools.partial(feeds.write, str(app.outdir), link, data)
        for data, key in feeds.every_feed(app, model)
        for link in data.links
        if not incremental.file_unchanged(app, link.path, (link.format, key))
    ]
    parallel_pages.run(app, [*listing_pages.values(), *feed_files])
    notfound.write(app)
    prepare.publish(app)
    sitemap.write(app, model)
    editor.write(app)
    # Sphinx writes its search page only with its own search, which is off.
    return [search_index.page(app, model)]
