"""``build-finished``: bring pages not written up to date; drop stale output;
index the pages for search when one of them changed."""

from sphinx.application import Sphinx

from ..checks import buildlog
from ..publish import editor, feeds, search_index, sitemap
from ..publish.pictures import prepare
from ..site import context
from ..speed import content_staleness, heap, incremental


def handle(app: Sphinx, exception: BaseException | None) -> None:
    buildlog.finish(app, failed=exception is not None)
    content_staleness.finish(app, succeeded=exception is None)
    if exception is not None:
        incremental.failed(app)
        search_index.abandon(app)
        return
    model = context.blog(app)
    template = context.SIDEBAR[0]
    incremental.finish(
        app,
        render=lambda pagename, page_context: context.render(
            app, template, pagename, **page_context
        ),
        files=[
            *feeds.paths(app, model),
            *prepare.paths(app),
            *sitemap.paths(app),
            *editor.paths(app),
        ],
    )
    # After the sidebars: the indexer's copies are checked against the pages as published.
    if app.builder.name in search_index.BUILDERS:
        search_index.build(app, model)
    # The process ends soon: no full collection of everything as it exits.
    heap.settle()
