"""``doctree-resolved``: a document is about to be written (main process)."""

from docutils import nodes
from sphinx.application import Sphinx

from ..publish.pictures import markup
from ..site import context, placeholders
from ..speed import incremental


def handle(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    incremental.written(app, docname)
    # Before Sphinx looks for images to copy: it finds none, so no original is published.
    markup.resolve(app, doctree, docname, is_post=docname in context.blog(app).by_docname)
    # The byline under a post's title; latest-posts lists and other fragments.
    placeholders.resolve(app, doctree, docname)
