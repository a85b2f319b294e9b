"""``build-finished``: bring pages not written up to date; drop stale output."""

from ..checks import buildlog
from ..publish import editor, feeds, sitemap
from ..publish.pictures import prepare
from ..site import context
from ..speed import filetimes, incremental


def handle(app, exception) -> None:
    buildlog.finish(app, failed=exception is not None)
    if exception is not None:
        incremental.failed(app)
        return
    model = context.blog(app)
    template = incremental.SIDEBAR[0]
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
    filetimes.save(app)
