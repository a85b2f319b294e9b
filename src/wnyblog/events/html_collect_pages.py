"""``html-collect-pages``: every document is written; the extra pages come now.

Every archive and index page, the feeds, the 404 page, the pictures, the
sitemap and robots.txt, and the writers' editor at admin/. A listing page or
feed is written only when what it shows changed since the last build. They
are written here, spread over the build's processes, so nothing is left for
Sphinx to write one by one.
"""

import functools

from ..publish import editor, feeds, notfound, sitemap
from ..publish.pictures import prepare
from ..site import context, pages
from ..speed import incremental, parallel_pages


def handle(app):
    model = context.blog(app)
    # A later page of the same name replaces an earlier one, as in writing them in order.
    listing_pages = {
        pagename: functools.partial(app.builder.handle_page, pagename, page_context, template)
        for pagename, page_context, template in pages.generated_pages(app, model)
        if not incremental.unchanged(app, pagename, template, page_context)
    }
    # Rendering sixty feeds costs more than comparing what they say.
    feed_files = [
        functools.partial(feeds.write, app.outdir, link, data)
        for link, data in feeds.every_feed(app, model)
        if not incremental.file_unchanged(app, link.path, (link.format, data))
    ]
    parallel_pages.run(app, [*listing_pages.values(), *feed_files])
    notfound.write(app)
    prepare.publish(app)
    sitemap.write(app, model)
    editor.write(app)
    # Last, before Sphinx dumps the search index.
    incremental.tidy_search_index(app)
    return []
