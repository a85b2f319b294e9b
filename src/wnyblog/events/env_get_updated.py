"""``env-get-updated``: which documents must be written again besides those
whose source changed: the pages showing posts whose shown data changed."""

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..publish.pictures import markup
from ..site import context
from ..speed import heap, incremental


def handle(app: Sphinx, env: BuildEnvironment) -> list[str]:
    model = context.blog(app)
    # Listing cards show covers: part of what a page shows, so part of its key.
    markup.attach_covers(app, model)
    markup.attach_photos(app, model)
    outdated = incremental.outdated_docs(app, env, model)
    # The model and the documents' keys last until the build ends.
    heap.settle()
    return outdated
