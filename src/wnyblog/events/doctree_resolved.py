"""``doctree-resolved``: a document is about to be written (main process)."""

from ..site import placeholders
from ..speed import incremental


def handle(app, doctree, docname: str) -> None:
    incremental.written(app, docname)
    # The byline under a post's title; latest-posts lists and other fragments.
    placeholders.resolve(app, doctree, docname)
