"""``env-get-updated``: which documents must be written again besides those
whose source changed: the pages showing posts whose shown data changed."""

from ..site import context
from ..speed import incremental


def handle(app, env) -> list[str]:
    return incremental.outdated_docs(app, env, context.blog(app))
