"""``doctree-read``: a document was read (in a parallel reader, or the main process)."""

from docutils import nodes
from sphinx.application import Sphinx

from ..speed import reader_env


def handle(app: Sphinx, doctree: nodes.document) -> None:
    reader_env.note_read(app)
